// Package main covers a goroutine started in a loop: its context is
// multiple, so one goroutine context alone makes results shared ("concurrent
// runs of …"). mu2/single is touched by a goroutine started once, outside
// any loop, and stays silent.
package main

import "sync"

var (
	mu      sync.Mutex // want `^mu guards results, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	results []int

	mu2    sync.Mutex // ok: its goroutine is started once, outside any loop
	single []int
)

func worker(i int) {
	mu.Lock()
	results = append(results, i)
	mu.Unlock()
}

func once(i int) {
	mu2.Lock()
	single = append(single, i)
	mu2.Unlock()
}

func main() {
	for i := range 4 {
		go worker(i)
	}
	go once(0)
}
