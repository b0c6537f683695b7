// Package before is the counter example before the conversion: word
// counts in a package-level map, guarded by a package-level mutex, and
// shared by every goroutine that calls the package.
//
// It starts no goroutine of its own: its callers' goroutines share
// counts. chanown sees that in library mode (-exported), where every
// exported function may run on many goroutines at once; the verdict test
// (../../verdict_test.go) runs it that way.
package before

import (
	"context"
	"maps"
	"sync"
)

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

// Start empties the counts and returns a channel that is closed once ctx
// is done. Nothing here needs stopping: Start exists so that this version
// and the owner-goroutine version have the same API. Start must not be
// called again before the previous run's channel is closed.
func Start(ctx context.Context) <-chan struct{} {
	mu.Lock()
	counts = map[string]int{}
	mu.Unlock()
	done := make(chan struct{})
	context.AfterFunc(ctx, func() { close(done) })
	return done
}

// Inc counts one more occurrence of word.
func Inc(word string) {
	mu.Lock()
	counts[word]++
	mu.Unlock()
}

// Count returns how many times word was counted.
func Count(word string) int {
	mu.Lock()
	defer mu.Unlock()
	return counts[word]
}

// Snapshot returns a copy of all the counts.
func Snapshot() map[string]int {
	mu.Lock()
	defer mu.Unlock()
	return maps.Clone(counts)
}
