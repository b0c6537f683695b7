// Package main covers set-up that follows a path which exits (DESIGN §5
// "Happens-before"): main writes cfg before it starts the reader, and the
// only earlier spawn is on a path that ends in os.Exit, so the write is
// set-up, ordered before the reader. The twin, run, has the same early
// spawn on a path that goes on: its write of cfg2 may run beside the
// worker started there, which reads cfg2 under mu2.
package main

import (
	"os"
	"sync"
)

var (
	mu  sync.Mutex // ok: cfg is written before the reader starts, and read under mu
	cfg string

	mu2  sync.Mutex // want `^mu2 guards cfg2, shared by main and goroutine started in run; give it one owner goroutine reached over a channel$`
	cfg2 string
)

func read() {
	mu.Lock()
	println(cfg)
	mu.Unlock()
}

func read2() {
	mu2.Lock()
	println(cfg2)
	mu2.Unlock()
}

func main() {
	if len(os.Args) > 3 {
		go read()
		os.Exit(0)
	}
	cfg = "main" // ok: the path with the earlier spawn ends in os.Exit
	go read()
	run()
}

func run() {
	if len(os.Args) > 2 {
		go read2()
	}
	cfg2 = "run" // want `^cfg2 written without holding mu2; goroutine started in run also accesses it$`
}
