// Package main covers the happens-before rule for main: an access that on
// every path precedes main's first spawn is initialisation. main writes
// jobsA before any go statement (silent); it writes jobsB only after
// starting the worker (reported); and it writes jobsC after a go statement
// that runs on some paths only, so that write does not precede the first
// spawn on every path (reported).
package main

import (
	"os"
	"sync"
)

var (
	muA   sync.Mutex // ok: main writes jobsA only before it starts any goroutine
	jobsA []string

	muB   sync.Mutex // want `^muB guards jobsB, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	jobsB []string

	muC   sync.Mutex // want `^muC guards jobsC, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	jobsC []string
)

func worker() {
	muA.Lock()
	jobsA = append(jobsA, "worker")
	muA.Unlock()

	muB.Lock()
	jobsB = append(jobsB, "worker")
	muB.Unlock()
}

func workerC() {
	muC.Lock()
	jobsC = append(jobsC, "worker")
	muC.Unlock()
}

func main() {
	muA.Lock()
	jobsA = append(jobsA, "seed") // ok: before the first spawn on every path
	muA.Unlock()

	if len(os.Args) > 1 {
		go workerC()
	}
	muC.Lock()
	jobsC = append(jobsC, "main")
	muC.Unlock()

	go worker()
	muB.Lock()
	jobsB = append(jobsB, "main")
	muB.Unlock()
}
