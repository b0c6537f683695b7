// Package main covers locks held under a condition (DESIGN §5
// "Conditionally held locks"): the race tier says "written without
// holding mu" only where a run without mu is known to reach the access.
//
// listen takes sockMu for unix addresses only and reaches socks, in a
// callee, only under the same test: every run that writes socks holds
// sockMu, which the lockset dataflow, blind to the correlation, only
// knows to be held on some path. Silent. Its twin dial takes pipeMu the
// same way and then records into pipes whatever the address: the run
// for a tcp address writes pipes without pipeMu. Reported.
//
// Inside one function, bumpCorrelated writes hits under the same
// condition it locks under (silent), and its twin bumpEither writes
// tries whatever safe is, where the run with safe false holds nothing:
// reported, because every run through the join of the lock's branches
// reaches the write. Precision first: bumpChecked tests k between the
// join and the write, and a test after the join may be the one that
// correlates with the lock's (as open's does), so seen is silent. (A
// conditional Unlock, `if safe { mu.Unlock() }`, makes mu a
// semaphore, DESIGN §1, which guards nothing.)
//
// A callee with two callers is held conditionally only when both hold
// the lock, at least conditionally: peer is written under a correlated
// condition by openPeer (silent alone), but resetPeer calls the same
// helper holding nothing, so the write is reported.
package main

import "sync"

type addr struct{ network string }

func (a addr) isUnix() bool { return a.network == "unix" }

var (
	sockMu sync.Mutex // want `^sockMu guards socks, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	socks  = map[string]int{}

	pipeMu sync.Mutex // want `^pipeMu guards pipes, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	pipes  = map[string]int{}

	hitsMu sync.Mutex // want `^hitsMu guards hits, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	hits   = map[string]int{}

	triesMu sync.Mutex // want `^triesMu guards tries, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	tries   = map[string]int{}

	seenMu sync.Mutex // want `^seenMu guards seen, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	seen   = map[string]int{}

	peerMu sync.Mutex // want `^peerMu guards peer, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	peer   = map[string]int{}
)

func listen(a addr) {
	if a.isUnix() {
		sockMu.Lock()
		defer sockMu.Unlock()
	}
	if a.network == "" {
		return
	}
	open(a)
}

func open(a addr) {
	if a.isUnix() {
		reuse(a.network)
	}
}

func reuse(k string) {
	socks[k]++ // ok: every run that gets here holds sockMu, taken under the test that leads here
}

func closeSockets() {
	sockMu.Lock()
	clear(socks)
	sockMu.Unlock()
}

func dial(a addr) {
	if a.isUnix() {
		pipeMu.Lock()
		defer pipeMu.Unlock()
	}
	record(a.network)
}

func record(k string) {
	pipes[k]++ // want `^pipes written without holding pipeMu; goroutine started in main also accesses it$`
}

func closePipes() {
	pipeMu.Lock()
	clear(pipes)
	pipeMu.Unlock()
}

func bumpCorrelated(k string, safe bool) {
	if safe {
		hitsMu.Lock()
		defer hitsMu.Unlock()
	}
	if safe {
		hits[k]++ // ok: written only when safe, and hitsMu is taken when safe
	}
}

func resetHits() {
	hitsMu.Lock()
	clear(hits)
	hitsMu.Unlock()
}

func bumpEither(k string, safe bool) {
	if safe {
		triesMu.Lock()
		defer triesMu.Unlock()
	}
	tries[k]++ // want `^tries written without holding triesMu; goroutine started in main also accesses it$`
}

func bumpChecked(k string, safe bool) {
	if safe {
		seenMu.Lock()
		defer seenMu.Unlock()
	}
	if k == "" {
		return
	}
	seen[k]++ // ok: the runs without seenMu may all be the ones that return early; no run without it is known to get here
}

func resetSeen() {
	seenMu.Lock()
	clear(seen)
	seenMu.Unlock()
}

func resetTries() {
	triesMu.Lock()
	clear(tries)
	triesMu.Unlock()
}

func openPeer(a addr) {
	if a.isUnix() {
		peerMu.Lock()
		defer peerMu.Unlock()
	}
	if a.isUnix() {
		addPeer(a.network)
	}
}

func resetPeer() {
	addPeer("") // called holding nothing
	peerMu.Lock()
	clear(peer)
	peerMu.Unlock()
}

func addPeer(k string) {
	peer[k]++ // want `^peer written without holding peerMu; goroutine started in main also accesses it$`
}

func serve(a addr) {
	listen(a)
	closeSockets()
	dial(a)
	closePipes()
	bumpCorrelated(a.network, a.isUnix())
	resetHits()
	bumpEither(a.network, a.isUnix())
	resetTries()
	bumpChecked(a.network, a.isUnix())
	resetSeen()
	openPeer(a)
	resetPeer()
}

func main() {
	go serve(addr{"unix"})
	serve(addr{"tcp"})
}
