// Package main covers TryLock: it holds only on its true branch. muA's
// write sits in `if muA.TryLock() { … }`, so muA guards hitsA. muB's write
// happens whether or not TryLock succeeded, so muB is not held there and
// guards nothing (silent twin).
package main

import "sync"

var (
	muA   sync.Mutex // want `^muA guards hitsA, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	hitsA = map[string]bool{}

	muB   sync.Mutex // ok: the write to hitsB does not depend on TryLock's result, so muB guards nothing
	hitsB = map[string]bool{}
)

func tryA(k string) {
	if muA.TryLock() {
		defer muA.Unlock()
		hitsA[k] = true
	}
}

func tryB(k string) {
	ok := muB.TryLock()
	hitsB[k] = true // ok: reached on TryLock's false branch too
	if ok {
		muB.Unlock()
	}
}

func main() {
	go func() {
		tryA("a")
		tryB("a")
	}()
	tryA("b")
	tryB("b")
}
