// Package main covers a lock helper that returns the unlock function,
// `func lockA() func() { muA.Lock(); return muA.Unlock }`, used as
// `defer lockA()()`: muA is held until the function returns, so it guards
// itemsA. In the twin, the returned unlock is called at once, before the
// write to itemsB, so muB guards nothing (silent).
package main

import "sync"

var (
	muA    sync.Mutex // want `^muA guards itemsA, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	itemsA []string

	muB    sync.Mutex // ok: the returned unlock runs before the write to itemsB, so muB guards nothing
	itemsB []string
)

func lockA() func() {
	muA.Lock()
	return muA.Unlock
}

func lockB() func() {
	muB.Lock()
	return muB.Unlock
}

func addA(k string) {
	defer lockA()()
	itemsA = append(itemsA, k)
}

func addB(k string) {
	unlock := lockB()
	unlock()
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
