// Package countertest is the test body and the benchmarks that the before
// and after versions of the counter example share.
package countertest

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"testing"

	"github.com/chanown/chanown/docs/examples/internal/lifecycle"
)

// API is the counter example's public API, the same in both versions.
type API struct {
	Start    func(ctx context.Context) <-chan struct{}
	Inc      func(word string)
	Count    func(word string) int
	Snapshot func() map[string]int
}

// Test runs the shared tests against api.
func Test(t *testing.T, api API) {
	t.Run("Counts", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			for _, w := range []string{"a", "b", "a"} {
				api.Inc(w)
			}
			if got := api.Count("a"); got != 2 {
				t.Errorf("Count(a) = %d, want 2", got)
			}
			if got := api.Count("zzz"); got != 0 {
				t.Errorf("Count(zzz) = %d, want 0", got)
			}
			want := map[string]int{"a": 2, "b": 1}
			if got := api.Snapshot(); !maps.Equal(got, want) {
				t.Errorf("Snapshot() = %v, want %v", got, want)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("CallsAfterStopReturn", func(t *testing.T) {
		// What the calls return after stop differs (the mutex version
		// keeps its globals; the owner is gone), but none may block.
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			api.Inc("a")
			lifecycle.Stop(t, stop, done)
			api.Inc("a")
			api.Count("a")
			api.Snapshot()
		})
	})

	t.Run("StartEmpties", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			api.Inc("a")
			lifecycle.Stop(t, stop, done)

			ctx, stop = context.WithCancel(context.Background())
			done = api.Start(ctx)
			if got := api.Snapshot(); len(got) != 0 {
				t.Errorf("Snapshot() after a new Start = %v, want empty", got)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("SnapshotIsACopy", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			api.Inc("a")
			s := api.Snapshot()
			s["a"] = 100
			api.Inc("a") // writes the counter's map while the caller holds s
			if got := api.Count("a"); got != 2 {
				t.Errorf("Count(a) = %d after changing a snapshot, want 2", got)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("Concurrent", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			const goroutines, perG = 8, 50
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Go(func() {
					for i := range perG {
						api.Inc(fmt.Sprint("w", i%5))
						if i%10 == 0 {
							api.Count("w0")
							_ = api.Snapshot()
						}
					}
					api.Inc(fmt.Sprint("g", g))
				})
			}
			wg.Wait()
			total := 0
			for w, n := range api.Snapshot() {
				total += n
				if n != api.Count(w) {
					t.Errorf("Count(%s) = %d, Snapshot says %d", w, api.Count(w), n)
				}
			}
			if want := goroutines * (perG + 1); total != want {
				t.Errorf("total count %d, want %d", total, want)
			}
			lifecycle.Stop(t, stop, done)
		})
	})
}

// Bench runs the shared benchmarks against api.
func Bench(b *testing.B, api API) {
	words := make([]string, 64)
	for i := range words {
		words[i] = fmt.Sprint("word", i)
	}
	run := func(name string, op func(i int)) {
		b.Run(name, func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			done := api.Start(ctx)
			for _, w := range words {
				api.Inc(w)
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
	run("Inc", func(i int) { api.Inc(words[i%len(words)]) })
	run("Count", func(i int) { api.Count(words[i%len(words)]) })
}
