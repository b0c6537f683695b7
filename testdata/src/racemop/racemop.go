// Package racemop ports every test of the race detector's // want package:`chanown\(module\ "";\ reported\ racemop\.muNoRaceAsFunc4;\ counts\ racemop\.xRaceAsFunc3\)`
// $GOROOT/src/runtime/race/testdata/mop_test.go that uses a sync.Mutex or
// sync.RWMutex (issue 3 item 6): the tests whose body names sync.Mutex or
// sync.RWMutex or calls Lock, Unlock, RLock, RUnlock, TryLock or TryRLock.
// The other tests of mop_test.go (two of them use a sync.WaitGroup, none a
// lock) are about memory operations without locks and are out of scope.
//
// Layout (as in package racemutex). Each test becomes an exported function
// of this non-main package, named after the test without its "Test" prefix,
// with "ports TestX" in its doc comment. Every local the test shares between
// goroutines (the mutex and the channel included) becomes a package-level
// variable with the case name as suffix, declared in one var block per case
// in the test's declaration order; a local's initialiser becomes the
// package-level initialiser (initialisation under §1). Parameters of the
// in-place closures stay parameters. The exported functions form the caller
// context "callers of exported functions" (single without -exported); each
// `go` statement starts a single spawned context "goroutine started in F".
// `_ = x` lines that only silence "declared and not used" are dropped.
// Channels are self-synchronised and their happens-before is not modelled.
//
// Cases (original test | expected under DESIGN | note). "reported" and
// "silent" rows are outcomes chanown meets under DESIGN; "divergent: <reason>"
// marks a case whose race detector outcome DESIGN cannot meet, and its note
// says what chanown does instead. Only race-tier categories count here; the
// shared report of each lock is stated in the note.
//
//	TestNoRaceFuncUnlock | silent | the closure locks mu through its parameter, an instance lock (§1), so the caller's mu.Unlock releases a lock it never acquired: mu is a semaphore (§5) and guards nothing; shared: none
//	TestRaceAsFunc3      | reported unguarded at the argument read of x, evaluated before the in-place closure takes mu | shared: none, x is a reference count (a constant store; its value may be passed anywhere, §1)
//	TestNoRaceAsFunc4    | silent | the in-place closure returns holding mu (a lock-and-return helper, §1), so the store of its result to x holds mu; shared: mu guards x (a call result, not a constant)
package racemop

import "sync"

// TestNoRaceFuncUnlock
var (
	chNoRaceFuncUnlock = make(chan bool, 1)
	muNoRaceFuncUnlock sync.Mutex // ok: the caller unlocks it without acquiring it (the closure locks its parameter, an instance lock): a semaphore
	xNoRaceFuncUnlock  = 0
)

// NoRaceFuncUnlock ports TestNoRaceFuncUnlock: a goroutine writes x holding
// mu; the caller locks mu through a closure that takes it as a parameter,
// stores the closure's result in x, then unlocks mu.
func NoRaceFuncUnlock() { // want NoRaceFuncUnlock:`^chanown\(writes\ racemop\.xNoRaceFuncUnlock;\ releases\ racemop\.muNoRaceFuncUnlock;\ starts\ goroutine\ started\ in\ racemop\.NoRaceFuncUnlock\ \(1\ accesses\)\)$`
	go func() {
		muNoRaceFuncUnlock.Lock()
		xNoRaceFuncUnlock = 42 // ok: muNoRaceFuncUnlock is a semaphore, so x has no guard
		muNoRaceFuncUnlock.Unlock()
		chNoRaceFuncUnlock <- true
	}()
	xNoRaceFuncUnlock = func(mu *sync.Mutex) int { // ok: muNoRaceFuncUnlock is a semaphore, so x has no guard
		mu.Lock()
		return 43
	}(&muNoRaceFuncUnlock)
	muNoRaceFuncUnlock.Unlock()
	<-chNoRaceFuncUnlock
}

// TestRaceAsFunc3
var (
	cRaceAsFunc3  = make(chan bool, 1)
	muRaceAsFunc3 sync.Mutex // ok: x is a reference count; its race is reported where it is read
	xRaceAsFunc3  = 0
)

// RaceAsFunc3 ports TestRaceAsFunc3: the goroutine passes x to a closure
// that takes mu, so x is read before mu is held; the caller writes x
// holding mu.
func RaceAsFunc3() { // want RaceAsFunc3:`^chanown\(writes\ racemop\.xRaceAsFunc3\ under\ racemop\.muRaceAsFunc3;\ starts\ goroutine\ started\ in\ racemop\.RaceAsFunc3\ \(1\ accesses\)\)$`
	go func() {
		func(x int) {
			_ = x
			muRaceAsFunc3.Lock()
		}(xRaceAsFunc3) // want `^xRaceAsFunc3 read without holding muRaceAsFunc3; callers of exported functions also write it$`
		muRaceAsFunc3.Unlock()
		cRaceAsFunc3 <- true
	}()
	muRaceAsFunc3.Lock()
	xRaceAsFunc3 = 42 // ok: holding the guard
	muRaceAsFunc3.Unlock()
	<-cRaceAsFunc3
}

// TestNoRaceAsFunc4
var (
	cNoRaceAsFunc4  = make(chan bool, 1)
	muNoRaceAsFunc4 sync.Mutex // want `^muNoRaceAsFunc4 guards xNoRaceAsFunc4, shared by callers of exported functions and goroutine started in NoRaceAsFunc4; give it one owner goroutine reached over a channel$`
	xNoRaceAsFunc4  = 0
)

// NoRaceAsFunc4 ports TestNoRaceAsFunc4: the goroutine stores into x the
// result of a closure that takes mu, so x is written holding mu; the caller
// writes x holding mu.
func NoRaceAsFunc4() { // want NoRaceAsFunc4:`^chanown\(writes\ racemop\.xNoRaceAsFunc4\ under\ racemop\.muNoRaceAsFunc4;\ starts\ goroutine\ started\ in\ racemop\.NoRaceAsFunc4\ \(1\ accesses\)\)$`
	go func() {
		xNoRaceAsFunc4 = func() int { // ok: the closure returns holding the guard, and the store follows the call
			muNoRaceAsFunc4.Lock()
			return 42
		}()
		muNoRaceAsFunc4.Unlock()
		cNoRaceAsFunc4 <- true
	}()
	muNoRaceAsFunc4.Lock()
	xNoRaceAsFunc4 = 42 // ok: holding the guard
	muNoRaceAsFunc4.Unlock()
	<-cNoRaceAsFunc4
}
