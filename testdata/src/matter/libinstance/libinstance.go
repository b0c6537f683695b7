// Package libinstance is matterlib analysed without -exported: the
// callers of exported functions are one context, so seen, written under
// an instance lock only, is not shared and nothing is reported.
package libinstance

import "sync"

var seen = map[string]bool{}

// Store owns a mutex of its own.
type Store struct{ mu sync.Mutex }

// Put writes seen under the instance lock.
func (s *Store) Put(k string) {
	s.mu.Lock()
	seen[k] = true // ok: without -exported, callers are one context
	s.mu.Unlock()
}
