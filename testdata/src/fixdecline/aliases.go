// Sections that send the group's map on a channel, or hand it to a
// goroutine, let an alias outlive the section: no fix. The twin sends
// and hands on a copy.
package main

import (
	"maps"
	"sync"
)

var (
	muA1  sync.Mutex // want `^muA1 guards tabA1, shared by .*over a channel$`
	tabA1 = map[string]int{}

	muA2  sync.Mutex // want `^muA2 guards tabA2, shared by .*over a channel$`
	tabA2 = map[string]int{}

	muA3  sync.Mutex // want `^muA3 guards tabA3, .*; a fix is offered$`
	tabA3 = map[string]int{}
)

func consume(m map[string]int) { _ = len(m) }

func aliases(out chan map[string]int) {
	muA1.Lock()
	tabA1["a"]++
	out <- tabA1 // want `tabA1 escapes`
	muA1.Unlock()
	muA2.Lock()
	tabA2["a"]++
	go consume(tabA2) // want `tabA2 escapes`
	muA2.Unlock()
	muA3.Lock()
	tabA3["a"]++
	out <- maps.Clone(tabA3)
	go consume(maps.Clone(tabA3))
	muA3.Unlock()
}
