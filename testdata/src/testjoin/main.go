// Package main covers goroutines that test functions start and join
// (DESIGN §5 "Test files"): test functions run one after another, so a
// goroutine that TestRecord joins (wg.Wait) before it returns is not
// concurrent with TestReset, whose write without mu is no race. The twin,
// TestLeak, does not join the goroutine it starts, which reads events2
// under mu2 while the test writes events2 without mu2: a race, reported
// in the test file.
package main

import "sync"

var (
	mu     sync.Mutex // ok: only test files share events, and the test joins its goroutines
	events []string

	mu2     sync.Mutex // ok: only test files share events2
	events2 []string
)

func record(s string) {
	mu.Lock()
	events = append(events, s)
	mu.Unlock()
}

func count2() int {
	mu2.Lock()
	defer mu2.Unlock()
	return len(events2)
}

func main() {
	record("main")
	println(count2())
}
