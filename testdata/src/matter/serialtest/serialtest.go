// Package main (serialtest) is paralleltest with tests that do not call
// t.Parallel: test functions and main are one thread of control (DESIGN
// §5 "Test files"), so nothing is shared and nothing is reported.
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
