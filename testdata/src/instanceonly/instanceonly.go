// Package main covers package-level state locked only by instance locks
// (DESIGN §2 D3, wronglock). registry's mu is a field of each registry
// value: one lock per value, which cannot guard the package-level names
// (reported). The twin, shared, holds a pointer to its lock, which may be
// any mutex, a global one included (here it is): no claim is made. fire
// touches hook on three lines under the instance lock: one report for the
// function, the other lines in Related (one report per fix).
package main

import "sync"

type registry struct {
	mu sync.Mutex
}

var names = map[string]bool{}

func (r *registry) add(n string) {
	r.mu.Lock()
	names[n] = true // want `^names accessed holding only the instance lock \(registry\)\.mu; each registry has its own, so it guards names only while there is one$`
	r.mu.Unlock()
}

var hook = func() {}

func (r *registry) fire() {
	r.mu.Lock()
	if hook != nil { // want `^hook accessed holding only the instance lock \(registry\)\.mu; each registry has its own, so it guards hook only while there is one$`
		hook()     // ok: reported once for fire, above
		hook = nil // ok: reported once for fire, above
	}
	r.mu.Unlock()
}

type shared struct {
	mu *sync.Mutex
}

var (
	tagsMu sync.Mutex
	tags   = map[string]bool{}
)

func (s *shared) tag(n string) {
	s.mu.Lock()
	tags[n] = true // ok: s.mu points to a mutex that may be global (it is tagsMu)
	s.mu.Unlock()
}

func main() {
	r := &registry{}
	s := &shared{mu: &tagsMu}
	go func() {
		r.add("a")
		s.tag("a")
		r.fire()
	}()
	r.fire()
	r.add("b")
	s.tag("b")
}
