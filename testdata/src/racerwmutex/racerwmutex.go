// Package racerwmutex ports every test of the race detector's // want package:`chanown\(module\ "";\ reported\ racerwmutex\.muRaceRWMutexMultipleReaders;\ counts\ racerwmutex\.xNoRaceRWMutex,racerwmutex\.xNoRaceRWMutexMultipleReaders,racerwmutex\.xNoRaceRWMutexTransitive,racerwmutex\.xRaceMutexRWMutex,racerwmutex\.xRaceRWMutexMultipleReaders\)`
// $GOROOT/src/runtime/race/testdata/rwmutex_test.go (issue 3 item 6).
//
// Layout (as in package racemutex). Each test becomes an exported function
// of this non-main package, named after the test without its "Test" prefix,
// with "ports TestX" in its doc comment. Every local the test shares between
// goroutines (the mutex and the channel included) becomes a package-level
// variable with the case name as suffix, declared in one var block per case
// in the test's declaration order; a local's initialiser becomes the
// package-level initialiser (initialisation under §1). Locals that no other
// goroutine sees (the readers' y in TestNoRaceRWMutexMultipleReaders) stay
// locals. The exported functions form the caller context "callers of
// exported functions" (single without -exported); each `go` statement starts
// a single spawned context "goroutine started in F". `_ = y` lines that only
// silence "declared and not used" are dropped: in a library's caller context,
// which never "runs once" (§5), they would be accesses the original does not
// make concurrently. Channels are self-synchronised and their happens-before
// is not modelled.
//
// Cases (original test | expected under DESIGN | note). "reported" and
// "silent" rows are outcomes chanown meets under DESIGN; "divergent: <reason>"
// marks a case whose race detector outcome DESIGN cannot meet, and its note
// says what chanown does instead. Only race-tier categories count here; the
// shared report of each lock is stated in the note.
//
//	TestRaceMutexRWMutex             | reported wronglock at x = 1 (holding mu1, guard mu2 by the mutex hat) | shared: none, x is a reference count (constant stores)
//	TestNoRaceRWMutex                | divergent: y is written only while mu is read-held, and rlockwrite needs no context evidence (§2), although only one goroutine writes y | chanown: rlockwrite at y = x; shared: none, x is a reference count (a constant store, read by value, §1) and y is reached by one context
//	TestRaceRWMutexMultipleReaders   | reported rlockwrite at each y = x + k (three readers write y holding only RLock) | shared: mu guards y (x is a reference count: a constant store, read by value, §1)
//	TestNoRaceRWMutexMultipleReaders | silent | x is written holding Lock and read holding RLock; shared: none, x is a reference count (reads into local arithmetic)
//	TestNoRaceRWMutexTransitive      | silent | x is read holding RLock and written holding Lock; shared: none, x is a reference count
package racerwmutex

import (
	"sync"
	"time"
)

// TestRaceMutexRWMutex
var (
	mu1RaceMutexRWMutex sync.Mutex   // ok: it guards nothing: xRaceMutexRWMutex's guard is mu2RaceMutexRWMutex
	mu2RaceMutexRWMutex sync.RWMutex // ok: its only global, xRaceMutexRWMutex, is a reference count (constant stores)
	xRaceMutexRWMutex   int16        = 0
	chRaceMutexRWMutex               = make(chan bool, 2)
)

// RaceMutexRWMutex ports TestRaceMutexRWMutex: one goroutine writes x
// holding a Mutex, the other holding an RWMutex. Each lock is held at one
// write; on the tie, the lock declared directly above x (mu2) is its guard.
func RaceMutexRWMutex() { // want RaceMutexRWMutex:`^chanown\(reads\ racerwmutex\.chRaceMutexRWMutex;\ starts\ goroutine\ started\ in\ racerwmutex\.RaceMutexRWMutex\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.RaceMutexRWMutex\ \(2\ accesses\)\)$`
	go func() {
		mu1RaceMutexRWMutex.Lock()
		defer mu1RaceMutexRWMutex.Unlock()
		xRaceMutexRWMutex = 1 // want `^xRaceMutexRWMutex accessed holding mu1RaceMutexRWMutex but not its guard mu2RaceMutexRWMutex$`
		chRaceMutexRWMutex <- true
	}()
	go func() {
		mu2RaceMutexRWMutex.Lock()
		xRaceMutexRWMutex = 2 // ok: holding the guard, mu2RaceMutexRWMutex
		mu2RaceMutexRWMutex.Unlock()
		chRaceMutexRWMutex <- true
	}()
	<-chRaceMutexRWMutex
	<-chRaceMutexRWMutex
}

// TestNoRaceRWMutex
//
// mu's group is {x, y}: x is a reference count (a constant store, its value
// copied into y), y is written by the reader alone; so no shared report.
var (
	muNoRaceRWMutex                sync.RWMutex // ok: x is a reference count and y is written by one context
	xNoRaceRWMutex, yNoRaceRWMutex int64        = 0, 1
	chNoRaceRWMutex                             = make(chan bool, 2)
)

// NoRaceRWMutex ports TestNoRaceRWMutex: a writer writes x holding Lock, a
// reader copies x into y holding RLock. Only the reader writes y.
func NoRaceRWMutex() { // want NoRaceRWMutex:`^chanown\(reads\ racerwmutex\.chNoRaceRWMutex;\ starts\ goroutine\ started\ in\ racerwmutex\.NoRaceRWMutex\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.NoRaceRWMutex\ \(3\ accesses\)\)$`
	go func() {
		muNoRaceRWMutex.Lock()
		defer muNoRaceRWMutex.Unlock()
		xNoRaceRWMutex = 2 // ok: write-holding the guard
		chNoRaceRWMutex <- true
	}()
	go func() {
		muNoRaceRWMutex.RLock()
		// divergent: the race detector sees one writer of y and no race;
		// DESIGN reports a write under a read-held guard without context
		// evidence (§2 rlockwrite).
		yNoRaceRWMutex = xNoRaceRWMutex // want `^yNoRaceRWMutex written while muNoRaceRWMutex is only read-locked$`
		muNoRaceRWMutex.RUnlock()
		chNoRaceRWMutex <- true
	}()
	<-chNoRaceRWMutex
	<-chNoRaceRWMutex
}

// TestRaceRWMutexMultipleReaders
var (
	muRaceRWMutexMultipleReaders                             sync.RWMutex // want `^muRaceRWMutexMultipleReaders guards yRaceRWMutexMultipleReaders, shared by 3 goroutines started in RaceRWMutexMultipleReaders; give it one owner goroutine reached over a channel; a fix is offered$`
	xRaceRWMutexMultipleReaders, yRaceRWMutexMultipleReaders int64        = 0, 1
	chRaceRWMutexMultipleReaders                                          = make(chan bool, 4)
)

// RaceRWMutexMultipleReaders ports TestRaceRWMutexMultipleReaders: one
// writer writes x holding Lock; three readers each write y holding only
// RLock, so at least two of them write y concurrently.
func RaceRWMutexMultipleReaders() { // want RaceRWMutexMultipleReaders:`^chanown\(reads\ racerwmutex\.chRaceRWMutexMultipleReaders;\ starts\ goroutine\ started\ in\ racerwmutex\.RaceRWMutexMultipleReaders\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.RaceRWMutexMultipleReaders\ \(3\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.RaceRWMutexMultipleReaders\ \(3\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.RaceRWMutexMultipleReaders\ \(3\ accesses\)\)$`
	go func() {
		muRaceRWMutexMultipleReaders.Lock()
		defer muRaceRWMutexMultipleReaders.Unlock()
		xRaceRWMutexMultipleReaders = 2 // ok: write-holding the guard
		chRaceRWMutexMultipleReaders <- true
	}()
	// Three readers, as in the original: whatever the schedule, two of them
	// are on the same side of the writer's Lock.
	go func() {
		muRaceRWMutexMultipleReaders.RLock()
		yRaceRWMutexMultipleReaders = xRaceRWMutexMultipleReaders + 1 // want `^yRaceRWMutexMultipleReaders written while muRaceRWMutexMultipleReaders is only read-locked$`
		muRaceRWMutexMultipleReaders.RUnlock()
		chRaceRWMutexMultipleReaders <- true
	}()
	go func() {
		muRaceRWMutexMultipleReaders.RLock()
		yRaceRWMutexMultipleReaders = xRaceRWMutexMultipleReaders + 2 // want `^yRaceRWMutexMultipleReaders written while muRaceRWMutexMultipleReaders is only read-locked$`
		muRaceRWMutexMultipleReaders.RUnlock()
		chRaceRWMutexMultipleReaders <- true
	}()
	go func() {
		muRaceRWMutexMultipleReaders.RLock()
		yRaceRWMutexMultipleReaders = xRaceRWMutexMultipleReaders + 3 // want `^yRaceRWMutexMultipleReaders written while muRaceRWMutexMultipleReaders is only read-locked$`
		muRaceRWMutexMultipleReaders.RUnlock()
		chRaceRWMutexMultipleReaders <- true
	}()
	<-chRaceRWMutexMultipleReaders
	<-chRaceRWMutexMultipleReaders
	<-chRaceRWMutexMultipleReaders
	<-chRaceRWMutexMultipleReaders
}

// TestNoRaceRWMutexMultipleReaders
var (
	muNoRaceRWMutexMultipleReaders sync.RWMutex // ok: its only global, xNoRaceRWMutexMultipleReaders, is a reference count (reads into local arithmetic)
	xNoRaceRWMutexMultipleReaders  = int64(0)
	chNoRaceRWMutexMultipleReaders = make(chan bool, 4)
)

// NoRaceRWMutexMultipleReaders ports TestNoRaceRWMutexMultipleReaders: one
// writer writes x holding Lock; three readers read x holding RLock into
// their own local y.
func NoRaceRWMutexMultipleReaders() { // want NoRaceRWMutexMultipleReaders:`^chanown\(reads\ racerwmutex\.chNoRaceRWMutexMultipleReaders;\ starts\ goroutine\ started\ in\ racerwmutex\.NoRaceRWMutexMultipleReaders\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.NoRaceRWMutexMultipleReaders\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.NoRaceRWMutexMultipleReaders\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.NoRaceRWMutexMultipleReaders\ \(2\ accesses\)\)$`
	go func() {
		muNoRaceRWMutexMultipleReaders.Lock()
		defer muNoRaceRWMutexMultipleReaders.Unlock()
		xNoRaceRWMutexMultipleReaders = 2 // ok: write-holding the guard
		chNoRaceRWMutexMultipleReaders <- true
	}()
	go func() {
		muNoRaceRWMutexMultipleReaders.RLock()
		y := xNoRaceRWMutexMultipleReaders + 1 // ok: a read holding the guard; y is local
		_ = y
		muNoRaceRWMutexMultipleReaders.RUnlock()
		chNoRaceRWMutexMultipleReaders <- true
	}()
	go func() {
		muNoRaceRWMutexMultipleReaders.RLock()
		y := xNoRaceRWMutexMultipleReaders + 2 // ok: a read holding the guard; y is local
		_ = y
		muNoRaceRWMutexMultipleReaders.RUnlock()
		chNoRaceRWMutexMultipleReaders <- true
	}()
	go func() {
		muNoRaceRWMutexMultipleReaders.RLock()
		y := xNoRaceRWMutexMultipleReaders + 3 // ok: a read holding the guard; y is local
		_ = y
		muNoRaceRWMutexMultipleReaders.RUnlock()
		chNoRaceRWMutexMultipleReaders <- true
	}()
	<-chNoRaceRWMutexMultipleReaders
	<-chNoRaceRWMutexMultipleReaders
	<-chNoRaceRWMutexMultipleReaders
	<-chNoRaceRWMutexMultipleReaders
}

// TestNoRaceRWMutexTransitive
var (
	muNoRaceRWMutexTransitive sync.RWMutex // ok: its only global, xNoRaceRWMutexTransitive, is a reference count (constant store, discarded reads)
	xNoRaceRWMutexTransitive  = int64(0)
	chNoRaceRWMutexTransitive = make(chan bool, 2)
)

// NoRaceRWMutexTransitive ports TestNoRaceRWMutexTransitive: two readers
// read x holding RLock; the caller writes it holding Lock.
func NoRaceRWMutexTransitive() { // want NoRaceRWMutexTransitive:`^chanown\(writes\ racerwmutex\.xNoRaceRWMutexTransitive\ under\ racerwmutex\.muNoRaceRWMutexTransitive;\ starts\ goroutine\ started\ in\ racerwmutex\.NoRaceRWMutexTransitive\ \(1\ accesses\);\ starts\ goroutine\ started\ in\ racerwmutex\.NoRaceRWMutexTransitive\ \(1\ accesses\)\)$`
	go func() {
		muNoRaceRWMutexTransitive.RLock()
		_ = xNoRaceRWMutexTransitive // ok: a read holding the guard
		muNoRaceRWMutexTransitive.RUnlock()
		chNoRaceRWMutexTransitive <- true
	}()
	go func() {
		time.Sleep(1e7)
		muNoRaceRWMutexTransitive.RLock()
		_ = xNoRaceRWMutexTransitive // ok: a read holding the guard
		muNoRaceRWMutexTransitive.RUnlock()
		chNoRaceRWMutexTransitive <- true
	}()
	time.Sleep(2e7)
	muNoRaceRWMutexTransitive.Lock()
	xNoRaceRWMutexTransitive = 42 // ok: write-holding the guard
	muNoRaceRWMutexTransitive.Unlock()
	<-chNoRaceRWMutexTransitive
	<-chNoRaceRWMutexTransitive
}
