// Package main covers locksets in loops (fixpoint): muA is locked around a
// whole loop in one function and inside each iteration in another, so the
// writes to doneA hold it either way. muB is released at the top of each
// iteration and taken again at the bottom, so the write to doneB between
// them never holds it and muB guards nothing (silent twin).
package main

import "sync"

var (
	muA   sync.Mutex // want `^muA guards doneA, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	doneA []string

	muB   sync.Mutex // ok: released inside the loop before every write to doneB, so it guards nothing
	doneB []string
)

func batchA(jobs []string) {
	muA.Lock()
	for _, j := range jobs {
		doneA = append(doneA, j)
	}
	muA.Unlock()
}

func eachA(jobs []string) {
	for _, j := range jobs {
		muA.Lock()
		doneA = append(doneA, j)
		muA.Unlock()
	}
}

func batchB(jobs []string) {
	muB.Lock()
	for _, j := range jobs {
		muB.Unlock()
		doneB = append(doneB, j) // ok: muB was just released
		muB.Lock()
	}
	muB.Unlock()
}

func main() {
	jobs := []string{"a", "b"}
	go func() {
		batchA(jobs)
		batchB(jobs)
	}()
	eachA(jobs)
	batchB(jobs)
}
