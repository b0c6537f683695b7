// A field of a global struct used outside a critical section of the
// guard, even one the group does not name (stM.limit, read without the
// lock), would be left behind: no fix. The twin reads its limit inside
// the section.
package main

import "sync"

var stM struct { // want `^stM.Mutex guards stM.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	sync.Mutex
	m     map[string]int
	limit int
}

var stN struct { // want `^stN.Mutex guards stN.m, .*; a fix is offered$`
	sync.Mutex
	m     map[string]int
	limit int
}

func structOutside() {
	if len(stM.m) < stM.limit { // want `stM.m read without holding stM.Mutex`
		stM.Lock()
		stM.m["m"]++
		stM.Unlock()
	}
	stN.Lock()
	if len(stN.m) < stN.limit {
		stN.m["n"]++
	}
	stN.Unlock()
}
