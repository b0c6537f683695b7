// Package main covers a go statement whose callee is handed a function
// literal (go run(func() { … })): the literal runs in the new goroutine,
// not in main. It writes jobs under jobsMu, and main writes jobs too
// (reported). The twin, done, is written by a literal passed to a helper
// that calls it in place, synchronously in main alone (silent).
package main

import (
	"sync"
	"time"
)

var (
	jobsMu sync.Mutex // want `^jobsMu guards jobs, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	jobs   []string

	doneMu sync.Mutex // ok: the literal passed to now runs in main alone
	done   []string
)

func run(f func()) {
	defer time.Sleep(0)
	f()
}

func now(f func()) { f() }

func main() {
	go run(func() {
		jobsMu.Lock()
		jobs = append(jobs, "bg")
		jobsMu.Unlock()
	})
	now(func() {
		doneMu.Lock()
		done = append(done, "fg")
		doneMu.Unlock()
	})
	jobsMu.Lock()
	jobs = append(jobs, "main")
	jobsMu.Unlock()
	usePush()
	useBoth()
	time.Sleep(time.Second)
}
