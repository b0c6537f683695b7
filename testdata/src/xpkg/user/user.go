// Package user starts goroutines that use package xpkg/dep's state: the // want package:`chanown\(module ""; reported xpkg/dep.Mu,xpkg/dep.nmu; counts \)`
// shared reports go here, at the spawn site, naming dep's lock and
// globals; accesses under dep's helpers hold dep.Mu; the one write
// without it is a race reported here.
package user

import (
	"bytes"
	"sync"

	"xpkg/dep"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Start starts a worker and records in dep from the caller too.
func Start() { // want Start:`^chanown\(reads xpkg/dep.Counts; reads xpkg/dep.Counts under xpkg/dep.Mu; writes xpkg/dep.Counts \(reported\); writes xpkg/dep.Counts under xpkg/dep.Mu; reads xpkg/dep.names under xpkg/dep.nmu; writes xpkg/dep.names under xpkg/dep.nmu; starts goroutine started in xpkg/user.Start \(4 accesses\)\)$`
	dep.Go(func() { dep.Add("x"); dep.Name("w") }) // want `^dep.Mu guards dep.Counts, shared by callers of exported functions and goroutine started in Start; give it one owner goroutine reached over a channel$` `^dep.nmu guards dep.names, shared by callers of exported functions and goroutine started in Start; give it one owner goroutine reached over a channel$`
	dep.Name("m")
	_ = dep.Peek("raw") // ok: the read is inside dep.Peek: dep's to report, not an access of this package (DESIGN §5 "One report per fix")
	dep.Counts["raw"] = 1                         // want `^dep.Counts written without holding dep.Mu; goroutine started in Start also accesses it$`
	dep.WithLock(func() { dep.Counts["cb"] = 2 }) // ok: the callback runs holding dep.Mu
	defer dep.Lock()()
	dep.Counts["locked"] = 3        // ok: dep.Lock() holds dep.Mu until the function returns
	b := pool.Get().(*bytes.Buffer) // ok: std types with internal mutexes are not this module's state
	pool.Put(b)
}
