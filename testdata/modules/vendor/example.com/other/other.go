// Package other is a third-party dependency, vendored at v1.0.0 so the
// test needs no module proxy: a versioned module other than the one
// analysed. Its guarded state mirrors example.com/app/state exactly.
package other

import "sync"

var (
	Mu     sync.Mutex
	Counts = map[string]int{}
)

// Add records k under Mu.
func Add(k string) {
	Mu.Lock()
	Counts[k]++
	Mu.Unlock()
}

// Go runs f on a new goroutine.
func Go(f func()) { go func() { f() }() }
