// Package before is the cache example before the conversion: entries with
// an expiry time in a package-level map guarded by a package-level
// RWMutex, and a sweeper goroutine that deletes expired entries.
//
// Start starts the sweeper, a goroutine of the package's own, so chanown
// reports mu in its default mode; the verdict test (../../verdict_test.go)
// runs it that way.
package before

import (
	"context"
	"sync"
	"time"
)

type entry struct {
	value   string
	expires time.Time
}

var (
	//chanown:ignore shared deliberately shared, the "before" of a docs/ownership.md example
	mu      sync.RWMutex
	entries = map[string]entry{}
)

// Start empties the cache and starts a sweeper that deletes expired
// entries every sweepEvery. It returns a channel that is closed once ctx
// is done and the sweeper has returned. Start must not be called again
// before the previous run's channel is closed.
func Start(ctx context.Context, sweepEvery time.Duration) <-chan struct{} {
	mu.Lock()
	entries = map[string]entry{}
	mu.Unlock()
	done := make(chan struct{})
	go sweep(ctx, sweepEvery, done)
	return done
}

// sweep deletes expired entries on every tick until ctx is done.
func sweep(ctx context.Context, every time.Duration, done chan<- struct{}) {
	defer close(done)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case now := <-tick.C:
			mu.Lock()
			for k, e := range entries {
				if !now.Before(e.expires) {
					delete(entries, k)
				}
			}
			mu.Unlock()
		case <-ctx.Done():
			return
		}
	}
}

// Set stores value under key for ttl.
func Set(key, value string, ttl time.Duration) {
	mu.Lock()
	entries[key] = entry{value, time.Now().Add(ttl)}
	mu.Unlock()
}

// Get returns the value stored under key, unless it has expired.
func Get(key string) (string, bool) {
	mu.RLock()
	e, ok := entries[key]
	mu.RUnlock()
	if !ok || !time.Now().Before(e.expires) {
		return "", false
	}
	return e.value, true
}

// Delete removes key.
func Delete(key string) {
	mu.Lock()
	delete(entries, key)
	mu.Unlock()
}

// Len returns the number of entries held, expired ones not yet swept
// included.
func Len() int {
	mu.RLock()
	defer mu.RUnlock()
	return len(entries)
}
