// Package racemutex ports every test of the race detector's // want package:`chanown\(module\ "";\ reported\ racemutex\.muNoRaceMutexPureHappensBefore;\ counts\ racemutex\.xNoRaceMutex,racemutex\.xRaceMutex2\)`
// $GOROOT/src/runtime/race/testdata/mutex_test.go (issue 3 item 6).
//
// Layout. Each test becomes an exported function of this non-main package,
// named after the test without its "Test" prefix, with "ports TestX" in its
// doc comment. Every local the test shares between goroutines (the mutex and
// the channel included) becomes a package-level variable with the case name
// as suffix, declared in one var block per case in the test's declaration
// order (so the "mutex hat" tie-break of §1 sees the original order); a
// local's initialiser (`x := 0`) becomes the package-level initialiser, which
// is initialisation under §1 as the local's was. The exported functions form
// the caller context "callers of exported functions", which without
// -exported is single; each `go` statement starts a single spawned context
// "goroutine started in F". A library's caller context is never "runs once"
// (§5), so `_ = x` lines that only silence "declared and not used" in the
// original are dropped: globals need no silencer, and in the caller context
// they would be accesses the original test does not make concurrently.
// Channels stay channels: they are self-synchronised (§1) and DESIGN does
// not model the happens-before they give.
//
// Cases (original test | expected under DESIGN | note). "reported" and
// "silent" rows are outcomes chanown meets under DESIGN; "divergent: <reason>"
// marks a case whose race detector outcome DESIGN cannot meet, and its note
// says what chanown does instead. Only race-tier categories count here; the
// shared report of each lock is stated in the note.
//
//	TestNoRaceMutex                  | silent | x is written holding mu in both goroutines; shared: none, x is a reference count (constant stores only)
//	TestRaceMutex                    | divergent: x is never accessed holding a lock, so it has no guard and D2 cannot apply; DESIGN reports races only on guarded globals | chanown: silent; shared: none, mu guards nothing
//	TestRaceMutex2                   | reported wronglock at x = 1 (holding mu1, guard mu2 by the mutex hat) | shared: none, x is a reference count
//	TestNoRaceMutexPureHappensBefore | silent | x is never accessed holding a lock (no guard); written is always accessed holding mu; shared: mu guards written
//	TestNoRaceMutexSemaphore         | silent | mu is locked by the caller and unlocked by a goroutine: a semaphore (§1, §5), guards nothing
//	TestNoRaceMutexExampleFromHtml   | silent | l is locked by the caller and unlocked by the goroutine: a semaphore, guards nothing
//	TestRaceMutexOverwrite           | divergent: the race is on the lock variable itself (mu = sync.Mutex{} against mu.Lock); a lock is never held at its own accesses, so it has no guard | chanown: silent
package racemutex

import (
	"sync"
	"time"
)

// TestNoRaceMutex
var (
	muNoRaceMutex sync.Mutex // ok: its only global, xNoRaceMutex, is a reference count (constant stores)
	xNoRaceMutex  int16      = 0
	chNoRaceMutex            = make(chan bool, 2)
)

// NoRaceMutex ports TestNoRaceMutex: two goroutines write x, each holding
// mu. Its twin, RaceMutex2, holds a different lock in each goroutine.
func NoRaceMutex() { // want NoRaceMutex:`^chanown\(reads\ racemutex\.chNoRaceMutex;\ starts\ goroutine\ started\ in\ racemutex\.NoRaceMutex\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racemutex\.NoRaceMutex\ \(2\ accesses\)\)$`
	go func() {
		muNoRaceMutex.Lock()
		defer muNoRaceMutex.Unlock()
		xNoRaceMutex = 1 // ok: holding the guard, muNoRaceMutex (deferred Unlock)
		chNoRaceMutex <- true
	}()
	go func() {
		muNoRaceMutex.Lock()
		xNoRaceMutex = 2 // ok: holding the guard, muNoRaceMutex
		muNoRaceMutex.Unlock()
		chNoRaceMutex <- true
	}()
	<-chNoRaceMutex
	<-chNoRaceMutex
}

// TestRaceMutex
var (
	muRaceMutex sync.Mutex // ok: no global is ever accessed holding it
	xRaceMutex  int16      = 0
	chRaceMutex            = make(chan bool, 2)
)

// RaceMutex ports TestRaceMutex: two goroutines write x before taking mu.
func RaceMutex() { // want RaceMutex:`^chanown\(reads\ racemutex\.chRaceMutex;\ starts\ goroutine\ started\ in\ racemutex\.RaceMutex\ \(1\ accesses\);\ starts\ goroutine\ started\ in\ racemutex\.RaceMutex\ \(1\ accesses\)\)$`
	go func() {
		// divergent: the race detector reports this pair of writes; x is
		// never accessed holding a lock, so it has no guard and no race-tier
		// category applies.
		xRaceMutex = 1 // ok: divergent: xRaceMutex has no guard
		muRaceMutex.Lock()
		defer muRaceMutex.Unlock()
		chRaceMutex <- true
	}()
	go func() {
		xRaceMutex = 2 // ok: divergent: xRaceMutex has no guard
		muRaceMutex.Lock()
		muRaceMutex.Unlock()
		chRaceMutex <- true
	}()
	<-chRaceMutex
	<-chRaceMutex
}

// TestRaceMutex2
var (
	mu1RaceMutex2 sync.Mutex // ok: it guards nothing: xRaceMutex2's guard is mu2RaceMutex2
	mu2RaceMutex2 sync.Mutex // ok: its only global, xRaceMutex2, is a reference count (constant stores)
	xRaceMutex2   int8       = 0
	chRaceMutex2             = make(chan bool, 2)
)

// RaceMutex2 ports TestRaceMutex2: each goroutine writes x holding a
// different lock. Each lock is held at one write; on the tie, the lock
// declared directly above x (mu2) is its guard.
func RaceMutex2() { // want RaceMutex2:`^chanown\(reads\ racemutex\.chRaceMutex2;\ starts\ goroutine\ started\ in\ racemutex\.RaceMutex2\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racemutex\.RaceMutex2\ \(2\ accesses\)\)$`
	go func() {
		mu1RaceMutex2.Lock()
		defer mu1RaceMutex2.Unlock()
		xRaceMutex2 = 1 // want `^xRaceMutex2 accessed holding mu1RaceMutex2 but not its guard mu2RaceMutex2$`
		chRaceMutex2 <- true
	}()
	go func() {
		mu2RaceMutex2.Lock()
		xRaceMutex2 = 2 // ok: holding the guard, mu2RaceMutex2
		mu2RaceMutex2.Unlock()
		chRaceMutex2 <- true
	}()
	<-chRaceMutex2
	<-chRaceMutex2
}

// TestNoRaceMutexPureHappensBefore
var (
	muNoRaceMutexPureHappensBefore      sync.Mutex // want `^muNoRaceMutexPureHappensBefore guards writtenNoRaceMutexPureHappensBefore, shared by 2 goroutines started in NoRaceMutexPureHappensBefore; give it one owner goroutine reached over a channel$`
	xNoRaceMutexPureHappensBefore       int16      = 0
	writtenNoRaceMutexPureHappensBefore            = false
	chNoRaceMutexPureHappensBefore                 = make(chan bool, 2)
)

// NoRaceMutexPureHappensBefore ports TestNoRaceMutexPureHappensBefore: the
// second goroutine writes x only after it has seen, holding mu, the flag the
// first one set after its own write.
func NoRaceMutexPureHappensBefore() { // want NoRaceMutexPureHappensBefore:`^chanown\(starts\ goroutine\ started\ in\ racemutex\.NoRaceMutexPureHappensBefore\ \(1\ accesses\);\ starts\ goroutine\ started\ in\ racemutex\.NoRaceMutexPureHappensBefore\ \(1\ accesses\)\)$`
	go func() {
		xNoRaceMutexPureHappensBefore = 1 // ok: xNoRaceMutexPureHappensBefore is never accessed holding a lock, so it has no guard
		muNoRaceMutexPureHappensBefore.Lock()
		writtenNoRaceMutexPureHappensBefore = true // ok: holding the guard
		muNoRaceMutexPureHappensBefore.Unlock()
		chNoRaceMutexPureHappensBefore <- true
	}()
	go func() {
		time.Sleep(100 * time.Microsecond)
		muNoRaceMutexPureHappensBefore.Lock()
		for !writtenNoRaceMutexPureHappensBefore { // ok: the guard is held on entry and after each iteration
			muNoRaceMutexPureHappensBefore.Unlock()
			time.Sleep(100 * time.Microsecond)
			muNoRaceMutexPureHappensBefore.Lock()
		}
		muNoRaceMutexPureHappensBefore.Unlock()
		xNoRaceMutexPureHappensBefore = 1 // ok: no guard (ordered after the first write through written, which DESIGN need not see)
		chNoRaceMutexPureHappensBefore <- true
	}()
	<-chNoRaceMutexPureHappensBefore
	<-chNoRaceMutexPureHappensBefore
}

// TestNoRaceMutexSemaphore
var (
	muNoRaceMutexSemaphore sync.Mutex // ok: locked by the caller, unlocked by a goroutine: a semaphore
	chNoRaceMutexSemaphore = make(chan bool, 2)
	xNoRaceMutexSemaphore  = 0
)

// NoRaceMutexSemaphore ports TestNoRaceMutexSemaphore: the caller locks mu,
// the first goroutine writes x and unlocks it, the second locks it and
// writes x.
func NoRaceMutexSemaphore() { // want NoRaceMutexSemaphore:`^chanown\(reads\ racemutex\.chNoRaceMutexSemaphore\ under\ racemutex\.muNoRaceMutexSemaphore;\ acquires\ racemutex\.muNoRaceMutexSemaphore;\ starts\ goroutine\ started\ in\ racemutex\.NoRaceMutexSemaphore\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ racemutex\.NoRaceMutexSemaphore\ \(2\ accesses\)\)$`
	muNoRaceMutexSemaphore.Lock()
	go func() {
		xNoRaceMutexSemaphore = 1 // ok: muNoRaceMutexSemaphore is a semaphore, so x has no guard
		muNoRaceMutexSemaphore.Unlock()
		chNoRaceMutexSemaphore <- true
	}()
	go func() {
		muNoRaceMutexSemaphore.Lock()
		xNoRaceMutexSemaphore = 2 // ok: muNoRaceMutexSemaphore is a semaphore, so x has no guard
		muNoRaceMutexSemaphore.Unlock()
		chNoRaceMutexSemaphore <- true
	}()
	<-chNoRaceMutexSemaphore
	<-chNoRaceMutexSemaphore
}

// TestNoRaceMutexExampleFromHtml
var (
	lNoRaceMutexExampleFromHtml sync.Mutex // ok: locked by the caller, unlocked by the goroutine: a semaphore
	aNoRaceMutexExampleFromHtml = ""
)

// NoRaceMutexExampleFromHtml ports TestNoRaceMutexExampleFromHtml, the
// memory model's example (doc/go_mem.html): l orders the goroutine's write
// of a before the caller's read.
func NoRaceMutexExampleFromHtml() { // want NoRaceMutexExampleFromHtml:`^chanown\(reads\ racemutex\.aNoRaceMutexExampleFromHtml\ under\ racemutex\.lNoRaceMutexExampleFromHtml;\ acquires\ racemutex\.lNoRaceMutexExampleFromHtml;\ starts\ goroutine\ started\ in\ racemutex\.NoRaceMutexExampleFromHtml\ \(1\ accesses\)\)$`
	lNoRaceMutexExampleFromHtml.Lock()
	go func() {
		aNoRaceMutexExampleFromHtml = "hello, world" // ok: l is a semaphore, so a has no guard
		lNoRaceMutexExampleFromHtml.Unlock()
	}()
	lNoRaceMutexExampleFromHtml.Lock()
	_ = aNoRaceMutexExampleFromHtml // ok: l is a semaphore, so a has no guard
}

// TestRaceMutexOverwrite
var (
	cRaceMutexOverwrite  = make(chan bool, 1)
	muRaceMutexOverwrite sync.Mutex // ok: divergent: the lock is never held at its own accesses, so it is nobody's guarded data
)

// RaceMutexOverwrite ports TestRaceMutexOverwrite: a goroutine overwrites
// the mutex while the caller locks it.
func RaceMutexOverwrite() { // want RaceMutexOverwrite:`^chanown\(reads\ racemutex\.cRaceMutexOverwrite\ under\ racemutex\.muRaceMutexOverwrite;\ acquires\ racemutex\.muRaceMutexOverwrite;\ starts\ goroutine\ started\ in\ racemutex\.RaceMutexOverwrite\ \(1\ accesses\)\)$`
	go func() {
		// divergent: the race detector reports this write against the
		// caller's Lock; DESIGN treats mu as a lock, not as data with a guard.
		muRaceMutexOverwrite = sync.Mutex{} // ok: divergent: a lock is not guarded data
		cRaceMutexOverwrite <- true
	}()
	muRaceMutexOverwrite.Lock()
	<-cRaceMutexOverwrite
}
