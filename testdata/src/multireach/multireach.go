// Package main covers a spawn site reached from two contexts: kick runs in
// main and in the watcher goroutine, so the goroutine its go statement
// starts is multiple and alone makes flushed shared ("concurrent runs of
// goroutine started in kick"). kickOnce has the same body but runs in main
// only, so its goroutine is single and drained stays silent.
package main

import (
	"sync"
	"time"
)

var (
	mu      sync.Mutex // want `^mu guards flushed, shared by concurrent runs of goroutine started in kick; give it one owner goroutine reached over a channel; a fix is offered$`
	flushed []string

	mu2     sync.Mutex // ok: kickOnce runs in main only, so its goroutine is single
	drained []string
)

func flush() {
	mu.Lock()
	flushed = append(flushed, "x")
	mu.Unlock()
}

func drain() {
	mu2.Lock()
	drained = append(drained, "x")
	mu2.Unlock()
}

func kick() {
	go flush()
}

func kickOnce() {
	go drain()
}

func watcher() {
	kick()
}

func main() {
	go watcher()
	kick()
	kickOnce()
	time.Sleep(time.Second)
}
