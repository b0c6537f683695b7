// Package racetier covers the race-tier categories side by side with
// their silent twins: an unguarded read on one path of a conditional lock,
// a goroutine started while the lock is held, a write under a read lock
// (only rlockwrite), a write under another lock (wronglock), an escape by
// return against a copy, and atomics touched outside the lock.
package main

import (
	"maps"
	"sync"
	"sync/atomic"
)

var (
	mu     sync.Mutex // want `^mu guards counts, shared by main, goroutine started in startUnderLock and 1 more; give it one owner goroutine reached over a channel$`
	counts = map[string]int{}
	hits   atomic.Int64

	rw     sync.RWMutex // want `^rw guards conns, byName and idle, shared by main and goroutine started in main; give them one owner goroutine reached over a channel; a fix is offered$`
	conns  []*conn
	byName map[string]*conn
	idle   map[*conn]bool

	other sync.Mutex
)

type conn struct{ n int }

func bump(k string, lock bool) {
	if lock {
		mu.Lock()
		defer mu.Unlock()
	}
	counts[k]++ // want `^counts written without holding mu; main also accesses it$`
	hits.Add(1) // ok: atomics synchronise themselves
}

func bumpLocked(k string) {
	mu.Lock()
	defer mu.Unlock()
	counts[k]++ // ok: mu held on every path
	defer func() {}()
}

func startUnderLock() {
	mu.Lock()
	go func() {
		_ = counts["g"] // want `^counts read without holding mu; main also writes it$`
	}()
	counts["s"] = 1 // ok: the goroutine started here does not hold mu, but this code does
	mu.Unlock()
}

func reset() {
	rw.RLock()
	for _, c := range conns {
		c.n = 0 // want `^conns written while rw is only read-locked$`
	}
	rw.RUnlock()
	rw.Lock()
	for _, c := range conns {
		c.n = 1 // ok: write-held
	}
	rw.Unlock()
}

// resetMaps writes through a map's values and through a map's keys under
// the read lock. A value is what the map holds; a key only names an
// entry, and what a pointer key points to is not the map's storage.
func resetMaps() {
	rw.RLock()
	for _, c := range byName {
		c.n = 0 // want `^byName written while rw is only read-locked$`
	}
	for c := range idle {
		c.n = 0 // ok: c is a key of idle; rw guards the map, not what its keys point to
	}
	rw.RUnlock()
}

func resetOther() {
	other.Lock()
	clear(counts) // want `^counts accessed holding other but not its guard mu$`
	other.Unlock()
}

func snapshot() map[string]int {
	mu.Lock()
	defer mu.Unlock()
	return counts // want `^counts escapes the critical section of mu: returned$`
}

func copySnapshot() map[string]int {
	mu.Lock()
	defer mu.Unlock()
	return maps.Clone(counts) // ok: a copy
}

func main() {
	go func() {
		bump("a", true)
		bumpLocked("b")
		rw.Lock()
		conns = append(conns, &conn{})
		byName = map[string]*conn{"a": {}}
		idle = map[*conn]bool{{}: true}
		rw.Unlock()
	}()
	bump("c", false)
	bumpLocked("d")
	startUnderLock()
	reset()
	resetMaps()
	resetOther()
	_ = snapshot()
	_ = copySnapshot()
	_ = hits.Load() // ok: atomic
}
