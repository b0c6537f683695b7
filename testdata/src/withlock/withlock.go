// Package main covers a helper that runs a callback under a lock,
// `func withLockA(f func()) { muA.Lock(); defer muA.Unlock(); f() }`: the
// callback's write to itemsA holds muA, so muA guards itemsA. The twin
// helper releases muB before running its callback, so muB guards nothing
// (silent).
package main

import "sync"

var (
	muA    sync.Mutex // want `^muA guards itemsA, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	itemsA []string

	muB    sync.Mutex // ok: thenRun releases muB before calling f, so it guards nothing
	itemsB []string
)

func withLockA(f func()) {
	muA.Lock()
	defer muA.Unlock()
	f()
}

func thenRun(f func()) {
	muB.Lock()
	muB.Unlock()
	f()
}

func add(k string) {
	withLockA(func() {
		itemsA = append(itemsA, k)
	})
	thenRun(func() {
		itemsB = append(itemsB, k) // ok: runs after muB.Unlock
	})
}

func main() {
	go add("a")
	add("b")
}
