// Package cachetest is the test body and the benchmarks that the before
// and after versions of the cache example share. Expiry is tested in a
// synctest bubble, where time is fake: the tests wait seconds that cost
// nothing.
package cachetest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chanown/chanown/docs/examples/internal/lifecycle"
)

// API is the cache example's public API, the same in both versions.
type API struct {
	Start  func(ctx context.Context, sweepEvery time.Duration) <-chan struct{}
	Set    func(key, value string, ttl time.Duration)
	Get    func(key string) (string, bool)
	Delete func(key string)
	Len    func() int
}

// Test runs the shared tests against api.
func Test(t *testing.T, api API) {
	get := func(t *testing.T, key, want string, wantOK bool) {
		t.Helper()
		if v, ok := api.Get(key); v != want || ok != wantOK {
			t.Errorf("Get(%s) = %q, %v; want %q, %v", key, v, ok, want, wantOK)
		}
	}

	t.Run("SetGetDelete", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, time.Hour)
			api.Set("a", "1", time.Minute)
			api.Set("b", "2", time.Minute)
			api.Set("a", "3", time.Minute)
			get(t, "a", "3", true)
			get(t, "b", "2", true)
			get(t, "c", "", false)
			api.Delete("a")
			api.Delete("c")
			get(t, "a", "", false)
			if got := api.Len(); got != 1 {
				t.Errorf("Len() = %d, want 1", got)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("Expiry", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, time.Hour) // no sweep during this test
			api.Set("k", "v", time.Second)
			time.Sleep(999 * time.Millisecond)
			get(t, "k", "v", true)
			time.Sleep(time.Millisecond)
			get(t, "k", "", false) // expired: a miss even before a sweep
			if got := api.Len(); got != 1 {
				t.Errorf("Len() = %d before the sweep, want 1", got)
			}
			api.Set("k", "w", time.Second) // a new entry, a new lifetime
			time.Sleep(500 * time.Millisecond)
			get(t, "k", "w", true)
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("Sweep", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, time.Second)
			api.Set("short", "1", 1500*time.Millisecond)
			api.Set("long", "2", 10*time.Second)
			time.Sleep(1200 * time.Millisecond) // swept at 1s: nothing expired yet
			if got := api.Len(); got != 2 {
				t.Errorf("Len() = %d after 1.2s, want 2", got)
			}
			time.Sleep(1300 * time.Millisecond) // swept at 2s: short has expired
			if got := api.Len(); got != 1 {
				t.Errorf("Len() = %d after 2.5s, want 1", got)
			}
			get(t, "long", "2", true)
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("CallsAfterStopReturn", func(t *testing.T) {
		// What the calls return after stop differs (the mutex version
		// keeps its globals; the owner is gone), but none may block.
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, time.Second)
			api.Set("a", "1", time.Minute)
			lifecycle.Stop(t, stop, done)
			api.Set("b", "2", time.Minute)
			api.Get("a")
			api.Delete("a")
			api.Len()
		})
	})

	t.Run("Concurrent", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, 10*time.Millisecond)
			const goroutines, perG = 8, 50
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Go(func() {
					for i := range perG {
						key := fmt.Sprintf("k%d-%d", g, i)
						api.Set(key, key, time.Duration(1+i%3)*10*time.Millisecond)
						if v, ok := api.Get(key); !ok || v != key {
							t.Errorf("Get(%s) right after Set = %q, %v", key, v, ok)
						}
						if i%5 == 0 {
							api.Delete(key)
							api.Len()
						}
						time.Sleep(time.Millisecond)
					}
				})
			}
			wg.Wait()
			time.Sleep(100 * time.Millisecond) // everything has expired and been swept
			if got := api.Len(); got != 0 {
				t.Errorf("Len() = %d after every entry expired, want 0", got)
			}
			lifecycle.Stop(t, stop, done)
		})
	})
}

// Bench runs the shared benchmarks against api on 1000 keys that do not
// expire during the run: Get from parallel goroutines (all hits), and
// Set from parallel goroutines.
func Bench(b *testing.B, api API) {
	const n = 1000
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprint("key", i)
	}
	run := func(name string, op func(i int)) {
		b.Run(name, func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			done := api.Start(ctx, time.Second)
			for _, k := range keys {
				api.Set(k, k, time.Hour)
			}
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					op(i)
					i++
				}
			})
			b.StopTimer()
			cancel()
			<-done
		})
	}
	run("Get", func(i int) { api.Get(keys[i%n]) })
	run("Set", func(i int) { api.Set(keys[i%n], "v", time.Hour) })
}
