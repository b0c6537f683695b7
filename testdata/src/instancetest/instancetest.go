// Package instancetest covers test hooks that production code runs under
// an instance lock (DESIGN §2 wronglock, "a global whose only lock is an
// instance lock"), as a time-series database does: compact runs
// beforeEvict under db.cmtx, and each DB has its own cmtx, so two DBs
// compacting at once race on the hook (reported, in production code).
// Tests set the hooks. A lock that a test happens to hold while setting
// one (a series lock it holds to pause a commit) is no lock of the hook:
// the hook's locked accesses hold no lock in common, and the test's write
// is silent (TestPause); the twin holds db.cmtx, the lock production code
// holds, and is reported (TestPauseLocked). Code outside test files is
// judged access by access: entries, written under (cacheA).mu and read
// under (cacheB).mu, is reported at both, each naming its own lock. t.Cleanup runs its argument
// after the test has returned, holding none of the test's locks: the
// cleanup of TestCleanup is silent, while TestCleanupInPlace, which calls
// the same closure in place under db.cmtx, is reported.
package instancetest

import "sync"

type series struct {
	sync.Mutex
	n int
}

// A DB compacts on a goroutine of its own.
type DB struct {
	cmtx   sync.Mutex
	series series
	a      cacheA
	b      cacheB
}

type cacheA struct{ mu sync.Mutex }

type cacheB struct{ mu sync.Mutex }

var entries = map[string]int{}

func (a *cacheA) put(k string) {
	a.mu.Lock()
	entries[k]++ // want `^entries accessed holding only the instance lock \(cacheA\)\.mu; each cacheA has its own, so it guards entries only while there is one$`
	a.mu.Unlock()
}

func (b *cacheB) get(k string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return entries[k] // want `^entries accessed holding only the instance lock \(cacheB\)\.mu; each cacheB has its own, so it guards entries only while there is one$`
}

// Get reads an entry.
func (db *DB) Get(k string) int { return db.b.get(k) }

var (
	beforeEvict  func() // set by TestPause
	afterEvict   func() // set by TestPauseLocked
	beforeReload func() // set by TestCleanup
	afterReload  func() // set by TestCleanupInPlace
)

// Open returns a DB whose compactions run in the background.
func Open() *DB {
	db := &DB{}
	go db.run()
	return db
}

func (db *DB) run() {
	for {
		db.Compact()
		db.a.put("run")
	}
}

// Compact runs the hooks under the instance lock db.cmtx.
func (db *DB) Compact() {
	db.cmtx.Lock()
	defer db.cmtx.Unlock()
	if beforeEvict != nil { // want `^beforeEvict accessed holding only the instance lock \(DB\)\.cmtx; each DB has its own, so it guards beforeEvict only while there is one$`
		beforeEvict()     // ok: reported once for Compact, above
		beforeEvict = nil // ok: reported once for Compact, above
	}
	if afterEvict != nil { // want `^afterEvict accessed holding only the instance lock \(DB\)\.cmtx; each DB has its own, so it guards afterEvict only while there is one$`
		afterEvict()     // ok: reported once for Compact, above
		afterEvict = nil // ok: reported once for Compact, above
	}
	if beforeReload != nil { // ok: code outside test files only reads beforeReload (beforeEvict is the twin it writes)
		beforeReload()
	}
	if afterReload != nil { // ok: code outside test files only reads afterReload
		afterReload()
	}
}
