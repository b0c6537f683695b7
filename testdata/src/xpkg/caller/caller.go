// Package caller calls into xpkg/user from a goroutine. // want package:`chanown\(module ""; reported xpkg/dep.Mu,xpkg/dep.nmu; counts \)`
// user.Start writes
// dep.Counts without dep.Mu, and user reports that itself (its fact says
// so): the fix is there, so it is not reported again at the call here
// (DESIGN §5 "One report per fix"). An unguarded write of caller's own is
// reported as usual, with user.Start's accesses as the other side.
package caller

import (
	"xpkg/dep"
	"xpkg/user"
)

// Run starts user.Start and writes dep.Counts itself.
func Run() { // want Run:`^chanown\(reads xpkg/dep.Counts \(reported\); writes xpkg/dep.Counts \(reported\)\)$`
	go user.Start()       // ok: user reports user.Start's unguarded write, where it is (the twin of the own write below)
	dep.Counts["own"] = 4 // want `^dep.Counts written without holding dep.Mu; goroutine started in user.Start also accesses it$`
}

// Again only calls user.Start, from a goroutine and in place: nothing of
// its own to report. It waits for its goroutine (done is closed by a
// deferred call, then received), so Run's write meets only the goroutine
// that user.Start starts (DESIGN §5 "Happens-before").
func Again() { // want Again:`^chanown\(reads xpkg/dep.Counts; reads xpkg/dep.Counts under xpkg/dep.Mu; writes xpkg/dep.Counts \(reported\); writes xpkg/dep.Counts under xpkg/dep.Mu; reads xpkg/dep.names under xpkg/dep.nmu; writes xpkg/dep.names under xpkg/dep.nmu; starts goroutine started in xpkg/caller.Again \(6 accesses\); starts goroutine started in xpkg/user.Start \(4 accesses\)\)$`
	done := make(chan struct{})
	go func() {
		defer close(done)
		user.Start() // ok: reported in user, where the write is
	}()
	user.Start() // ok: reported in user
	<-done
}
