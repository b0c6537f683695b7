// Package queuetest is the test body and the benchmarks that the before
// and after versions of the work queue example share.
package queuetest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/chanown/chanown/docs/examples/internal/lifecycle"
)

// Stats mirrors the Stats type of both versions; their values convert to
// it.
type Stats struct{ Queued, Running, Done, Failed int }

// API is the work queue example's public API, the same in both versions.
type API struct {
	Start  func(ctx context.Context, workers int) <-chan struct{}
	Submit func(job func() error) error
	Drain  func()
	Status func() Stats

	ErrStopped error
}

var errJob = errors.New("job failed")

// Test runs the shared tests against api.
func Test(t *testing.T, api API) {
	t.Run("RunsJobs", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, 3)
			var ran atomic.Int64
			for i := range 10 {
				err := api.Submit(func() error {
					ran.Add(1)
					if i%3 == 0 {
						return errJob
					}
					return nil
				})
				if err != nil {
					t.Fatalf("Submit = %v", err)
				}
			}
			api.Drain()
			if got := ran.Load(); got != 10 {
				t.Errorf("%d jobs ran, want 10", got)
			}
			if got, want := api.Status(), (Stats{Done: 6, Failed: 4}); got != want {
				t.Errorf("Status() = %+v, want %+v", got, want)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("Workers", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, 3)
			release := make(chan struct{})
			for range 5 {
				api.Submit(func() error { <-release; return nil })
			}
			synctest.Wait() // every worker has taken a job and blocks in it
			if got, want := api.Status(), (Stats{Queued: 2, Running: 3}); got != want {
				t.Errorf("Status() with 3 workers busy = %+v, want %+v", got, want)
			}
			close(release)
			api.Drain()
			if got, want := api.Status(), (Stats{Done: 5}); got != want {
				t.Errorf("Status() after Drain = %+v, want %+v", got, want)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("Stop", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, 1)
			release := make(chan struct{})
			var ran atomic.Int64
			for range 3 {
				api.Submit(func() error { ran.Add(1); <-release; return nil })
			}
			synctest.Wait() // the worker blocks in the first job
			stop()
			synctest.Wait()
			// A running job finishes; the queued ones are dropped.
			close(release)
			lifecycle.Stop(t, stop, done)
			if got := ran.Load(); got != 1 {
				t.Errorf("%d jobs ran, want 1: queued jobs must not start after stop", got)
			}
			if err := api.Submit(func() error { return nil }); !errors.Is(err, api.ErrStopped) {
				t.Errorf("Submit after stop = %v, want %v", err, api.ErrStopped)
			}
			api.Drain() // must not block
		})
	})

	t.Run("DrainWhileStopping", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, 1)
			release := make(chan struct{})
			api.Submit(func() error { <-release; return nil })
			api.Submit(func() error { return nil })
			drained := make(chan struct{})
			go func() { api.Drain(); close(drained) }()
			synctest.Wait()
			select {
			case <-drained:
				t.Fatal("Drain returned while a job was running")
			default:
			}
			stop()
			close(release)
			lifecycle.Stop(t, stop, done)
			<-drained // returns once the queue has stopped
		})
	})

	t.Run("Concurrent", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx, 4)
			const goroutines, perG = 8, 50
			var ran atomic.Int64
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Go(func() {
					for i := range perG {
						if err := api.Submit(func() error { ran.Add(1); return nil }); err != nil {
							t.Errorf("Submit = %v", err)
						}
						if (g+i)%10 == 0 {
							api.Status()
						}
					}
					api.Drain()
				})
			}
			wg.Wait()
			if got := ran.Load(); got != goroutines*perG {
				t.Errorf("%d jobs ran, want %d", got, goroutines*perG)
			}
			if got, want := api.Status(), (Stats{Done: goroutines * perG}); got != want {
				t.Errorf("Status() = %+v, want %+v", got, want)
			}
			lifecycle.Stop(t, stop, done)
		})
	})
}

// Bench runs the shared benchmarks against api with 4 workers: Job
// submits no-op jobs from parallel goroutines and drains the queue at the
// end, so it measures the cost of one job passing through the queue;
// Status reads the counts from parallel goroutines.
func Bench(b *testing.B, api API) {
	run := func(name string, op func()) {
		b.Run(name, func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			done := api.Start(ctx, 4)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					op()
				}
			})
			api.Drain()
			b.StopTimer()
			cancel()
			<-done
		})
	}
	noop := func() error { return nil }
	run("Job", func() { api.Submit(noop) })
	run("Status", func() { api.Status() })
}
