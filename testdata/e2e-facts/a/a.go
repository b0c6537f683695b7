// Package a keeps state that package b shares between goroutines: an
// exported lock and map, an unexported registry behind functions, a lock
// helper, a callback helper and a spawner wrapper. The only goroutine a
// starts is the one Go starts for its caller's f, so chanown reports
// nothing here: what a's functions do is exported to its importers as
// analysis facts (cmd/chanown/facts_e2e_test.go).
package a

import "sync"

var (
	Mu     sync.Mutex
	Counts = map[string]int{}
)

var (
	nmu   sync.Mutex
	names []string
)

// active is a reference count: a mutex around an integer is the right
// tool, so its sharing is never reported, in a or in its importers.
var (
	amu    sync.Mutex
	active int
)

// Enter counts a worker in.
func Enter() {
	amu.Lock()
	active++
	amu.Unlock()
}

// Leave counts a worker out and reports whether it was the last.
func Leave() bool {
	amu.Lock()
	defer amu.Unlock()
	active--
	return active == 0
}

// Add records k in Counts under Mu.
func Add(k string) {
	Mu.Lock()
	Counts[k]++
	Mu.Unlock()
}

// Name records n under nmu.
func Name(n string) {
	nmu.Lock()
	names = append(names, n)
	nmu.Unlock()
}

// Names returns how many names were recorded.
func Names() int {
	nmu.Lock()
	defer nmu.Unlock()
	return len(names)
}

// Lock locks Mu and returns its unlock.
func Lock() func() {
	Mu.Lock()
	return Mu.Unlock
}

// WithLock runs f holding Mu.
func WithLock(f func()) {
	Mu.Lock()
	defer Mu.Unlock()
	f()
}

// Go runs f on a new goroutine.
func Go(f func()) {
	go f()
}
