// An exported guard can be locked by other packages, where the fix could
// not follow it: no fix. The twin's guard is unexported.
package main

import "sync"

var (
	MuXA  sync.Mutex // want `^MuXA guards tabXA, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	tabXA = map[string]int{}

	muXB  sync.Mutex // want `^muXB guards tabXB, .*; a fix is offered$`
	tabXB = map[string]int{}
)

func exportedGuard() {
	MuXA.Lock()
	tabXA["a"]++
	MuXA.Unlock()
	muXB.Lock()
	tabXB["b"]++
	muXB.Unlock()
}
