// The address of a global of the group, taken inside the section, may
// outlive it: no fix. The twin passes the value.
package main

import "sync"

type counters struct{ n, m int }

var (
	muK   sync.Mutex // want `^muK guards cK and keepK, shared by concurrent runs of goroutine started in main; give them one owner goroutine reached over a channel$`
	cK    counters
	keepK *counters

	muL sync.Mutex // want `^muL guards cL\.m, .*; a fix is offered$`
	cL  counters
)

func bump(c *counters) *counters { c.n++; c.m = c.n * 2; return c }

func show(c counters) int { return c.n }

func address() {
	muK.Lock()
	keepK = bump(&cK)
	muK.Unlock()
	muL.Lock()
	cL.m = show(cL) + 1
	muL.Unlock()
}
