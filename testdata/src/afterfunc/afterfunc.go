// Package main covers time.AfterFunc: its callback runs on another
// goroutine ("timer callback in main"), so the callback and main (after
// arming the timer) share pending. mu2/flushed is touched by its timer
// callback alone, a single context, and stays silent.
package main

import (
	"sync"
	"time"
)

var (
	mu      sync.Mutex // want `^mu guards pending, shared by main and timer callback in main; give it one owner goroutine reached over a channel; a fix is offered$`
	pending []string

	mu2     sync.Mutex // ok: only the timer callback touches flushed
	flushed []string
)

func flush() {
	mu.Lock()
	pending = pending[:0]
	mu.Unlock()
}

func flushOther() {
	mu2.Lock()
	flushed = append(flushed, "x")
	mu2.Unlock()
}

func main() {
	time.AfterFunc(time.Second, flush)
	time.AfterFunc(time.Second, flushOther)
	mu.Lock()
	pending = append(pending, "job")
	mu.Unlock()
	time.Sleep(2 * time.Second)
}
