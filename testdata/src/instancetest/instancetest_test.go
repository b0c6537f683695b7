package instancetest

import "testing"

func TestPause(t *testing.T) {
	db := Open()
	s := &db.series
	s.Lock()
	beforeEvict = func() { s.Unlock() } // ok: s's lock is not the lock Compact holds at beforeEvict; no lock is the hook's
	db.Compact()
}

func TestPauseLocked(t *testing.T) {
	db := Open()
	db.cmtx.Lock()
	afterEvict = func() {} // want `^afterEvict accessed holding only the instance lock \(DB\)\.cmtx; each DB has its own, so it guards afterEvict only while there is one$`
	db.cmtx.Unlock()
	db.Compact()
}

func TestCleanup(t *testing.T) {
	db := Open()
	db.cmtx.Lock()
	defer db.cmtx.Unlock()
	t.Cleanup(func() {
		beforeReload = nil // ok: t.Cleanup runs this after the test has returned, without db.cmtx
	})
}

func TestCleanupInPlace(t *testing.T) {
	db := Open()
	db.cmtx.Lock()
	defer db.cmtx.Unlock()
	func() {
		afterReload = nil // want `^afterReload accessed holding only the instance lock \(DB\)\.cmtx; each DB has its own, so it guards afterReload only while there is one$`
	}()
}
