// Package dep keeps state that package xpkg/user shares between // want package:`chanown\(module ""; reported ; counts ; guards xpkg/dep.Counts by xpkg/dep.Mu\)`
// goroutines: an exported lock and map, an unexported registry behind
// functions, a lock helper, a callback helper and a spawner wrapper.
package dep

import (
	"io"
	"sync"
)

var (
	Mu     sync.Mutex
	Counts = map[string]int{}

	nmu   sync.Mutex
	names []string
)

// Add records k under Mu.
func Add(k string) { // want Add:`^chanown\(reads xpkg/dep.Counts under xpkg/dep.Mu; writes xpkg/dep.Counts under xpkg/dep.Mu\)$`
	Mu.Lock()
	Counts[k]++
	Mu.Unlock()
}

// Peek reads Counts without Mu. dep itself has one context, the
// callers', so this is no race here.
func Peek(k string) int { return Counts[k] } // want Peek:`^chanown\(reads xpkg/dep.Counts\)$`

// Name records n under nmu.
func Name(n string) { // want Name:`^chanown\(reads xpkg/dep.names under xpkg/dep.nmu; writes xpkg/dep.names under xpkg/dep.nmu\)$`
	nmu.Lock()
	names = append(names, n)
	nmu.Unlock()
}

// WithLock runs f holding Mu.
func WithLock(f func()) { // want WithLock:`^chanown\(calls param 0 under xpkg/dep.Mu\)$`
	Mu.Lock()
	defer Mu.Unlock()
	f()
}

// Go runs f on a new goroutine.
func Go(f func()) { go func() { f() }() } // want Go:`^chanown\(spawns param 0\)$`

// Lock locks Mu and returns its unlock.
func Lock() func() { Mu.Lock(); return Mu.Unlock } // want Lock:`^chanown\(acquires xpkg/dep.Mu; returns releaser of xpkg/dep.Mu\)$`

// Emit writes to w. Calling a method of an interface parameter is not
// calling the parameter, so unlike WithLock it has no fact.
func Emit(w io.Writer) { w.Write(nil) } // ok: w.Write invokes a method of w, it does not call w
