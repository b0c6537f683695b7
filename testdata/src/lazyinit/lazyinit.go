// Package main covers lazy initialisation: cfg is stored only under
// `if cfg == nil` inside the critical section, so the report says so and
// suggests sync.OnceValue. The twin, cfg2, is also reset to nil by
// invalidate, so it is ordinary shared state and gets the default message.
package main

import "sync"

var (
	mu  sync.Mutex // want `^mu guards the lazy initialisation of cfg, shared by main and goroutine started in main; consider sync\.OnceValue$`
	cfg map[string]string

	mu2  sync.Mutex // want `^mu2 guards cfg2, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	cfg2 map[string]string
)

func load() map[string]string { return map[string]string{"k": "v"} }

func config(k string) string {
	mu.Lock()
	defer mu.Unlock()
	if cfg == nil {
		cfg = load()
	}
	return cfg[k]
}

func config2(k string) string {
	mu2.Lock()
	defer mu2.Unlock()
	if cfg2 == nil {
		cfg2 = load()
	}
	return cfg2[k]
}

func invalidate() {
	mu2.Lock()
	cfg2 = nil
	mu2.Unlock()
}

func main() {
	go func() {
		_ = config("a")
		_ = config2("a")
		invalidate()
	}()
	_ = config("b")
	_ = config2("b")
}
