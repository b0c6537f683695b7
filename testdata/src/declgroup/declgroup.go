// Package main covers a grouped `var ( … )` block with the mutex hat
// convention: each mutex sits directly above the globals it protects.
// finish writes seen and done while holding both locks, so the write counts
// tie and the hat decides: muA guards seen (and queue), muB guards done. A
// "declared first" rule alone would give done to muA and leave muB without
// a report. muC/idle, used by one goroutine only, is the silent twin.
package main

import "sync"

var (
	muA   sync.Mutex // want `^muA guards seen and queue, shared by main and goroutine started in main; give them one owner goroutine reached over a channel$`
	seen  = map[string]bool{}
	queue []string

	muB  sync.Mutex // want `^muB guards done, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	done []string

	muC  sync.Mutex // ok: only the goroutine started in main touches idle
	idle []string
)

func enqueue(k string) {
	muA.Lock()
	defer muA.Unlock()
	queue = append(queue, k)
}

func finish(k string) {
	muA.Lock()
	muB.Lock()
	seen[k] = true
	done = append(done, k)
	muB.Unlock()
	muA.Unlock()
}

func rest(k string) {
	muC.Lock()
	idle = append(idle, k)
	muC.Unlock()
}

func main() {
	go func() {
		enqueue("a")
		finish("a")
		rest("a")
	}()
	enqueue("b")
	finish("b")
}
