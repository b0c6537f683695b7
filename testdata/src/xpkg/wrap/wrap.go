// Package wrap holds no lock and does not import sync: it only passes a // want package:`chanown\(module ""; reported ; counts \)`
// func parameter on to dep.Go, whose fact says it spawns it. Such a
// package must still be analysed (importsFacts, hasFuncParam), or Run
// would export no fact and a goroutine started through it would be
// invisible to its importers.
package wrap

import "xpkg/dep"

// Run runs f on a new goroutine, through dep.Go.
func Run(f func()) { dep.Go(f) } // want Run:`^chanown\(spawns param 0\)$`

// Tick starts nothing of its caller's: no func parameter, so no fact.
func Tick() { dep.Go(func() {}) } // ok: no func parameter to pass on

// Wait runs f on a goroutine through a helper and waits for it, as t.Run
// does: nothing is inferred from a wrapper started with go, so unlike Run
// it has no fact.
func Wait(f func()) { // ok: go call(f, done) is not taken to spawn f
	done := make(chan bool)
	go call(f, done)
	<-done
}

// call runs f, then closes done.
func call(f func(), done chan bool) {
	f()
	close(done)
}
