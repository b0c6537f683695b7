// TryLock has no counterpart in the fix (a select with a default would
// be one, but the fix stays with receive and send): no fix. The twin
// locks.
package main

import "sync"

var (
	muG   sync.Mutex // want `^muG guards hitsG, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	hitsG int64

	muH   sync.Mutex // want `^muH guards hitsH, .*; a fix is offered$`
	hitsH int64
)

func tryLock() {
	if muG.TryLock() {
		hitsG *= 2
		muG.Unlock()
	}
	muH.Lock()
	hitsH *= 2
	muH.Unlock()
}
