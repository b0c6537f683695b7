// Package main covers goroutines that test functions start and join
// (DESIGN §5 "Test files"): test functions run one after another, so a
// goroutine that TestRecord joins (wg.Wait) before it returns is not
// concurrent with TestReset, whose write without mu is no race. The twin,
// TestLeak, does not join the goroutine it starts, which reads events2
// under mu2 while the test writes events2 without mu2: a race, reported
// in the test file. events3 is read by two contexts of main.go but
// written only by TestSet3: test files never make a global shared
// (mu3 is silent; testshare's mu2 is the twin written outside tests).
package main

import "sync"

var (
	mu     sync.Mutex // ok: only test files share events, and the test joins its goroutines
	events []string

	mu2     sync.Mutex // ok: only test files share events2
	events2 []string

	mu3     sync.Mutex // ok: two contexts read events3, but only a test writes it
	events3 []string
)

func count3() int {
	mu3.Lock()
	defer mu3.Unlock()
	return len(events3)
}

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
	go count3()
	println(count3())
}
