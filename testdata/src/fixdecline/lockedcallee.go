// A fooLocked callee that sections only call gets the owned value as a
// parameter (muF: markF). One that is also referenced otherwise (here
// passed to apply, which could keep it) would reach the group without
// the value: no fix.
package main

import "sync"

var (
	muE   sync.Mutex // want `^muE guards seenE, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	seenE = map[string]bool{}

	muF   sync.Mutex // want `^muF guards seenF, .*; a fix is offered$`
	seenF = map[string]bool{}
)

func markLocked(k string) { seenE[k] = true }

func markF(k string) { seenF[k] = true }

func lockedCallee() {
	muE.Lock()
	markLocked("e")
	apply(markLocked)
	muE.Unlock()
	muF.Lock()
	markF("f")
	muF.Unlock()
}
