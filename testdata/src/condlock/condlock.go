// Package main covers conditional locking. A conditional Lock with a
// deferred Unlock holds only on its own branch: muA, whose write sits inside
// the branch, guards hitsA; muB, whose write follows the if, is not held on
// every path and guards nothing (silent). muC is locked on both arms of an
// if/else, so the join (intersection) still holds it.
package main

import "sync"

var (
	muA   sync.Mutex // want `^muA guards hitsA, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	hitsA = map[string]int{}

	muB   sync.Mutex // ok: held only on the safe branch, so it is not held at the write to hitsB and guards nothing
	hitsB = map[string]int{}

	muC   sync.Mutex // want `^muC guards hitsC, shared by main and goroutine started in main; give it`
	hitsC = map[string]int{}
)

func recordA(k string, safe bool) {
	if safe {
		muA.Lock()
		defer muA.Unlock()
		hitsA[k]++
	}
}

func recordB(k string, safe bool) {
	if safe {
		muB.Lock()
		defer muB.Unlock()
	}
	hitsB[k]++ // ok: muB is not held on the path where safe is false
}

func recordC(k string, fast bool) {
	if fast {
		muC.Lock()
	} else {
		k += "!"
		muC.Lock()
	}
	hitsC[k]++
	muC.Unlock()
}

func record(k string, safe bool) {
	recordA(k, safe)
	recordB(k, safe)
	recordC(k, safe)
}

func main() {
	go record("a", true)
	record("b", false)
}
