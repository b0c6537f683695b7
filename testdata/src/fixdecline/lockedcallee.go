// A fooLocked callee reaches the group outside any section of its own:
// no fix. The twin does the work in the section itself.
package main

import "sync"

var (
	muE   sync.Mutex // want `^muE guards seenE, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	seenE = map[string]bool{}

	muF   sync.Mutex // want `^muF guards seenF, .*; a fix is offered$`
	seenF = map[string]bool{}
)

func markLocked(k string) { seenE[k] = true }

func lockedCallee() {
	muE.Lock()
	markLocked("e")
	muE.Unlock()
	muF.Lock()
	seenF["f"] = true
	muF.Unlock()
}
