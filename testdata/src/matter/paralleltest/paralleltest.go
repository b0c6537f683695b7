// Package main (paralleltest) covers parallel tests as the only second
// context: the tests in paralleltest_test.go call t.Parallel, so they run
// at once and their unguarded accesses race (race tier, DESIGN §5 "Test
// files"). Its twin, serialtest, has the same tests without t.Parallel:
// test functions and main are one thread of control, and it is silent.
package main

import "sync"

var (
	mu    sync.Mutex // ok: test files never make a global shared
	count int
	total int
)

func inc() {
	mu.Lock()
	count++
	total += 2
	mu.Unlock()
}

var cache = map[string]int{}

type store struct{ mu sync.Mutex }

func main() { inc() }
