// Package main covers the plain declaration shape `var x T`: a lock and the
// global it guards, each in its own var declaration, shared by main (after
// it starts the worker) and the worker goroutine. Its twin, mu2/misses, is
// touched by the worker alone and stays silent.
package main

import "sync"

var mu sync.Mutex // want `^mu guards hits, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`

var hits []string

var mu2 sync.Mutex // ok: only the goroutine started in main touches misses

var misses []string

func worker() {
	mu.Lock()
	hits = append(hits, "worker")
	mu.Unlock()

	mu2.Lock()
	misses = append(misses, "worker")
	mu2.Unlock()
}

func main() {
	go worker()
	mu.Lock()
	hits = append(hits, "main")
	mu.Unlock()
}
