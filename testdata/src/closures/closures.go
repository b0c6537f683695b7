// Package main covers closures and locksets. A closure called in place runs
// with its caller's lockset (muCall guards calledIn). A deferred closure
// runs with the lockset left by replaying the pending defers last-in
// first-out: registered after `defer muDefer.Unlock()` it runs first, still
// holding muDefer (guards deferredIn); registered before `defer
// muLate.Unlock()` it runs after the unlock, so muLate guards nothing
// (silent). step runs in main and in the worker goroutine. A closure
// started as a goroutine starts with no locks: spawnAll starts one per loop
// iteration (a multiple context) while holding muSpawn, which still guards
// nothing there (silent). spawnAll runs in main only, after step, so that
// no goroutine accesses anything before it starts another one.
package main

import "sync"

var (
	muCall   sync.Mutex // want `^muCall guards calledIn, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	calledIn []string

	muDefer    sync.Mutex // want `^muDefer guards deferredIn, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	deferredIn []string

	muLate sync.Mutex // ok: the deferred closure runs after muLate.Unlock, so muLate guards nothing
	lateIn []string

	muSpawn sync.Mutex // ok: the spawned closure starts with no locks, so muSpawn guards nothing
	spawned []string
)

func deferred(k string) {
	muDefer.Lock()
	defer muDefer.Unlock()
	defer func() {
		deferredIn = append(deferredIn, k)
	}()
}

func deferredLate(k string) {
	muLate.Lock()
	defer func() {
		lateIn = append(lateIn, k) // ok: runs after the deferred Unlock
	}()
	defer muLate.Unlock()
}

func step(k string) {
	muCall.Lock()
	func() {
		calledIn = append(calledIn, k)
	}()
	muCall.Unlock()

	deferred(k)
	deferredLate(k)
}

func spawnAll(keys []string) {
	for _, k := range keys {
		muSpawn.Lock()
		go func() {
			spawned = append(spawned, k) // ok: no lock held in the new goroutine
		}()
		muSpawn.Unlock()
	}
}

func main() {
	go step("a")
	step("b")
	spawnAll([]string{"c", "d"})
}
