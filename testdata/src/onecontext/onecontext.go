// Package main covers the single-context rule: queueA is guarded by muA but
// touched only by one goroutine started once by main, a context that is not
// multiple, so it is not shared (silent). queueB differs only in that main
// also touches it after starting the goroutine (reported).
package main

import (
	"sync"
	"time"
)

var (
	muA    sync.Mutex // ok: only the goroutine started in main touches queueA
	queueA []int

	muB    sync.Mutex // want `^muB guards queueB, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	queueB []int
)

func worker() {
	for i := range 3 {
		muA.Lock()
		queueA = append(queueA, i)
		muA.Unlock()

		muB.Lock()
		queueB = append(queueB, i)
		muB.Unlock()
	}
}

func main() {
	go worker()
	muB.Lock()
	queueB = append(queueB, -1)
	muB.Unlock()
	time.Sleep(time.Second)
}
