// A lock taken in one function and released in another (lock helpers)
// has no section the fix could turn into a receive and a send: no fix.
// The twin locks and unlocks in one block.
package main

import "sync"

var (
	muC   sync.Mutex // want `^muC guards jobsC, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	jobsC []string

	muD   sync.Mutex // want `^muD guards jobsD, .*; a fix is offered$`
	jobsD []string
)

func lockC()   { muC.Lock() }
func unlockC() { muC.Unlock() }

func helpers() {
	lockC()
	jobsC = append(jobsC, "c")
	unlockC()
	muD.Lock()
	jobsD = append(jobsD, "d")
	muD.Unlock()
}
