// Package main covers simple reference counts, where a mutex is the right
// tool: every write of active, waiters and uptime is `n++`, `n--`,
// `n += 2`, `n -= 2`, `n += k` for a variable k, or `n = 0`, and every
// read a comparison or a read into a local; uptime has a named integer
// type (time.Duration). Shared by main and a goroutine, still silent.
// Counts read by getters and printed, and the twins that take a count's
// address, are in package refcountuse.
package main

import (
	"sync"
	"time"
)

var (
	mu      sync.Mutex // ok: it guards only reference counts
	active  int
	waiters int64
	uptime  time.Duration
)

func enter() {
	mu.Lock()
	defer mu.Unlock()
	active++
	waiters += 2
	uptime += time.Second
	if active == 1 {
		uptime = 0
	}
}

func leave() {
	mu.Lock()
	active--
	waiters -= 2
	if active == 0 {
		waiters = 0
	}
	mu.Unlock()
}

func busy() bool {
	mu.Lock()
	defer mu.Unlock()
	x := active
	x = x * 2
	return x > 0
}

func grow(k int) {
	mu.Lock()
	waiters += int64(k)
	mu.Unlock()
}

func work() {
	grow(3)
	enter()
	_ = busy()
	leave()
}

func main() {
	go work()
	work()
}
