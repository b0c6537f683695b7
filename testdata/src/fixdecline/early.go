// An Unlock right before a return leaves the section early; the fix
// sends the value back there. The return after it must not use the
// group, which is no longer held there (muE1 reads tabE1 in it): no fix.
// The twin returns a value read before the Unlock.
package main

import "sync"

var (
	muE1  sync.Mutex // want `^muE1 guards tabE1, shared by .*over a channel$`
	tabE1 = map[string]int{}

	muE2  sync.Mutex // want `^muE2 guards tabE2, .*; a fix is offered$`
	tabE2 = map[string]int{}
)

func earlyE1(k string) int {
	muE1.Lock()
	if k == "" {
		muE1.Unlock()
		return tabE1["none"] // want `tabE1 read without holding muE1`
	}
	tabE1[k]++
	muE1.Unlock()
	return 0
}

func earlyE2(k string) int {
	muE2.Lock()
	if k == "" {
		n := tabE2["none"]
		muE2.Unlock()
		return n
	}
	tabE2[k]++
	muE2.Unlock()
	return 0
}

func early() {
	earlyE1("a")
	earlyE2("a")
}
