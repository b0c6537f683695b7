// A function literal kept in a local variable runs inside the section
// when every use of the variable is a call there (muLB: the fix
// converts, the calls see the owned value). Passed to a function
// (muLA), it could be kept and called after the value was handed on:
// no fix.
package main

import "sync"

var (
	muLA  sync.Mutex // want `^muLA guards logLA, shared by .*; give it one owner goroutine reached over a channel$`
	logLA []string

	muLB  sync.Mutex // want `^muLB guards logLB, .*; a fix is offered$`
	logLB []string
)

func localLater() {
	muLA.Lock()
	addA := func(s string) {
		logLA = append(logLA, s)
	}
	addA("a")
	apply(addA)
	muLA.Unlock()

	muLB.Lock()
	addB := func(s string) {
		logLB = append(logLB, s)
	}
	for _, s := range []string{"b", "c"} {
		addB(s)
	}
	muLB.Unlock()
}

// apply calls f; the fix does not look into it.
func apply(f func(string)) { f("applied") }
