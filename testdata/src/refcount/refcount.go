// Package main covers simple reference counts, where a mutex is the right
// tool: every access of active, waiters and uptime is `n++`, `n--`,
// `n += 2`, `n -= 2`, `n = 0`, a comparison or a read into a local used
// only in local arithmetic and comparisons; uptime has a named integer type
// (time.Duration). Shared by main and a goroutine, still silent. The twins
// that return the count, pass it to a function or take its address are in
// package refcountuse.
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

func work() {
	enter()
	_ = busy()
	leave()
}

func main() {
	go work()
	work()
}
