// Package main covers `defer func() { mu.Unlock() }()`: like `defer
// mu.Unlock()` it keeps muA held to the end of the function, so muA guards
// itemsA. The twin calls the same closure in place, releasing muB before the
// write to itemsB, so muB guards nothing (silent).
package main

import "sync"

var (
	muA    sync.Mutex // want `^muA guards itemsA, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	itemsA []string

	muB    sync.Mutex // ok: the closure runs in place and releases muB before the write, so muB guards nothing
	itemsB []string
)

func addA(k string) {
	muA.Lock()
	defer func() { muA.Unlock() }()
	itemsA = append(itemsA, k)
}

func addB(k string) {
	muB.Lock()
	func() { muB.Unlock() }()
	itemsB = append(itemsB, k) // ok: muB already released
}

func main() {
	go func() {
		addA("a")
		addB("a")
	}()
	addA("b")
	addB("b")
}
