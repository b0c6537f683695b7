// A section inside another section of the same guard (here in a
// function literal made while the guard is held, and called after it
// is released) would declare the owned value twice over one extent: no
// fix. The twin makes its literal after the Unlock.
package main

import "sync"

var (
	muRA  sync.Mutex // want `^muRA guards tabRA, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	tabRA = map[string]int{}

	muRB  sync.Mutex // want `^muRB guards tabRB, .*; a fix is offered$`
	tabRB = map[string]int{}
)

func reLock() {
	muRA.Lock()
	tabRA["a"]++
	again := func() {
		muRA.Lock()
		tabRA["again"]++
		muRA.Unlock()
	}
	muRA.Unlock()
	again()

	muRB.Lock()
	tabRB["b"]++
	muRB.Unlock()
	againB := func() {
		muRB.Lock()
		tabRB["again"]++
		muRB.Unlock()
	}
	againB()
}
