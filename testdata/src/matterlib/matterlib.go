// Package matterlib is analysed with -exported (library mode): every
// exported function may be called from many goroutines at once, so the
// caller context alone is a second context (DESIGN §1 "multiple"), even
// in a package with no global lock and no go statement. seen is written
// under an instance lock only. Its twin, matter/libinstance, is the same
// code analysed without -exported, and is silent.
package matterlib

import "sync"

var seen = map[string]bool{}

// Store owns a mutex of its own.
type Store struct{ mu sync.Mutex }

// Put writes seen under the instance lock.
func (s *Store) Put(k string) {
	s.mu.Lock()
	seen[k] = true // want `^seen accessed holding only the instance lock \(Store\)\.mu; each Store has its own, so it guards seen only while there is one$`
	s.mu.Unlock()
}
