// Package main covers a spawn site inside a call-graph cycle: spawnAll
// recurses, so its go statement runs many times and its context is multiple
// ("concurrent runs of goroutine started in spawnAll"). spawnOne, the same
// without the recursion, starts a single context and stays silent.
package main

import (
	"sync"
	"time"
)

var (
	mu      sync.Mutex // want `^mu guards results, shared by concurrent runs of goroutine started in spawnAll; give it one owner goroutine reached over a channel; a fix is offered$`
	results []int

	mu2  sync.Mutex // ok: spawnOne is not in a cycle, so its goroutine is single
	lone []int
)

func work(n int) {
	mu.Lock()
	results = append(results, n)
	mu.Unlock()
}

func workAlone(n int) {
	mu2.Lock()
	lone = append(lone, n)
	mu2.Unlock()
}

func spawnAll(n int) {
	if n == 0 {
		return
	}
	go work(n)
	spawnAll(n - 1)
}

func spawnOne(n int) {
	go workAlone(n)
}

func main() {
	spawnAll(3)
	spawnOne(1)
	time.Sleep(time.Second)
}
