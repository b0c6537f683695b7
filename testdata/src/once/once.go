// Package main covers functions run by sync.Once.Do, sync.OnceFunc and
// sync.OnceValue: their bodies are initialisation, so globals written only
// there have no guard even when read under the lock by several goroutines
// (settings, hooks, names: silent). The twin, current, is loaded by the
// same code outside a Once (reported).
package main

import "sync"

var (
	muA      sync.Mutex // ok: settings is written only inside onceA.Do
	settings map[string]string
	onceA    sync.Once

	muB   sync.Mutex // ok: hooks is written only inside a sync.OnceFunc body
	hooks []string

	muC   sync.Mutex // ok: names is written only inside a sync.OnceValue body
	names []string

	muD     sync.Mutex // want `^muD guards current, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	current map[string]string
)

func load() map[string]string { return map[string]string{"k": "v"} }

func setting(k string) string {
	onceA.Do(func() {
		muA.Lock()
		settings = load()
		muA.Unlock()
	})
	muA.Lock()
	defer muA.Unlock()
	return settings[k]
}

var initHooks = sync.OnceFunc(func() {
	muB.Lock()
	hooks = append(hooks, "start")
	muB.Unlock()
})

func hookCount() int {
	initHooks()
	muB.Lock()
	defer muB.Unlock()
	return len(hooks)
}

var nameCount = sync.OnceValue(func() int {
	muC.Lock()
	defer muC.Unlock()
	names = append(names, "a")
	return len(names)
})

func hasName() bool {
	n := nameCount()
	muC.Lock()
	defer muC.Unlock()
	return len(names) >= n
}

func reload(k string) string {
	muD.Lock()
	defer muD.Unlock()
	current = load()
	return current[k]
}

func work() {
	_ = setting("k")
	_ = hookCount()
	_ = hasName()
	_ = reload("k")
}

func main() {
	go work()
	work()
}
