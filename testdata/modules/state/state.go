// Package state keeps guarded state in the analysed module itself: the twin // want package:`chanown\(module "example.com/app"; reported ; counts ; guards example.com/app/state.Counts by example.com/app/state.Mu\)`
// of the vendored example.com/other, differing only in the module.
package state

import "sync"

var (
	Mu     sync.Mutex
	Counts = map[string]int{}
)

// Add records k under Mu.
func Add(k string) { // want Add:`^chanown\(reads example.com/app/state.Counts under example.com/app/state.Mu; writes example.com/app/state.Counts under example.com/app/state.Mu\)$`
	Mu.Lock()
	Counts[k]++
	Mu.Unlock()
}

// Go runs f on a new goroutine.
func Go(f func()) { go func() { f() }() } // want Go:`^chanown\(spawns param 0\)$`
