// Package main covers test files: share_test.go starts goroutines that
// call record, but test files never make a global shared, and outside the
// tests record runs only in main, so mu stays silent (in the package and in
// its test variant alike). The twin, mu2/events2, is shared the same way
// by a goroutine started in a non-test file (reported in both variants).
package main

import "sync"

var (
	mu     sync.Mutex // ok: only test files share events
	events []string

	mu2     sync.Mutex // want `^mu2 guards events2, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	events2 []string
)

func record(s string) {
	mu.Lock()
	events = append(events, s)
	mu.Unlock()
}

func record2(s string) {
	mu2.Lock()
	events2 = append(events2, s)
	mu2.Unlock()
}

func main() {
	go record2("worker")
	record("main")
	record2("main")
}
