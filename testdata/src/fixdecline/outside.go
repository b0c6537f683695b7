// A global used outside a critical section of its guard (here a read in
// peekA without muA) would be left behind by the conversion: no fix.
// peekB, the twin, reads under muB.
package main

import "sync"

var (
	muA   sync.Mutex // want `^muA guards hitsA, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	hitsA = map[string]int{}

	muB   sync.Mutex // want `^muB guards hitsB, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	hitsB = map[string]int{}
)

func peekA(k string) int {
	return hitsA[k] // want `hitsA read without holding muA`
}

func peekB(k string) int {
	muB.Lock()
	defer muB.Unlock()
	return hitsB[k]
}

func outside() {
	muA.Lock()
	hitsA["a"]++
	muA.Unlock()
	muB.Lock()
	hitsB["b"]++
	muB.Unlock()
	peekA("a")
	peekB("b")
}
