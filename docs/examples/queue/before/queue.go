// Package before is the work queue example before the conversion: the
// queued jobs, the counts and the stopped flag are package-level
// variables guarded by one mutex, and a sync.Cond on that mutex wakes the
// workers and the callers of Drain.
//
// Start starts the workers, goroutines of the package's own, so chanown
// reports mu in its default mode; the verdict test (../../verdict_test.go)
// runs it that way.
package before

import (
	"context"
	"errors"
	"sync"
)

// ErrStopped is returned by Submit when the queue is not running.
var ErrStopped = errors.New("queue: stopped")

// Stats counts the jobs: queued, running, and finished without (Done) or
// with (Failed) an error.
type Stats struct{ Queued, Running, Done, Failed int }

var (
	//chanown:ignore shared deliberately shared, the "before" of a docs/ownership.md example
	mu      sync.Mutex
	changed = sync.NewCond(&mu) // broadcast when pending, stats or stopped change
	pending []func() error
	stats   Stats
	stopped = true // until Start, and once its context is done
)

// Start starts workers goroutines that run the submitted jobs, and
// returns a channel that is closed once ctx is done and every worker has
// returned. Jobs still queued then are dropped; running ones finish.
// Start must not be called again before the previous run's channel is
// closed.
func Start(ctx context.Context, workers int) <-chan struct{} {
	mu.Lock()
	pending, stats, stopped = nil, Stats{}, false
	mu.Unlock()

	var wg sync.WaitGroup
	for range workers {
		wg.Go(work)
	}
	context.AfterFunc(ctx, func() {
		mu.Lock()
		stopped = true
		pending = nil
		stats.Queued = 0
		mu.Unlock()
		changed.Broadcast()
	})
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// work is one worker: it runs queued jobs until the queue stops.
func work() {
	mu.Lock()
	defer mu.Unlock()
	for {
		for len(pending) == 0 && !stopped {
			changed.Wait()
		}
		if stopped {
			return
		}
		job := pending[0]
		pending = pending[1:]
		stats.Queued--
		stats.Running++

		mu.Unlock()
		err := job()
		mu.Lock()

		stats.Running--
		if err != nil {
			stats.Failed++
		} else {
			stats.Done++
		}
		changed.Broadcast()
	}
}

// Submit queues job. It returns ErrStopped if the queue is not running.
func Submit(job func() error) error {
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		return ErrStopped
	}
	pending = append(pending, job)
	stats.Queued++
	changed.Broadcast()
	return nil
}

// Drain returns once no job is queued or running, or the queue has
// stopped.
func Drain() {
	mu.Lock()
	defer mu.Unlock()
	for !stopped && (len(pending) > 0 || stats.Running > 0) {
		changed.Wait()
	}
}

// Status returns the counts.
func Status() Stats {
	mu.Lock()
	defer mu.Unlock()
	return stats
}
