// Package after is the work queue example after the conversion: one owner
// goroutine holds the queued jobs, the counts and the callers waiting in
// Drain, all as locals. Workers are plain goroutines that receive jobs
// from the owner and send back results; no mutex, no sync.Cond. A nil
// channel switches the owner's "hand out a job" case off while nothing is
// queued, and a Drain request is answered later, when the queue is idle.
//
// The API is the one of package before: package-level functions. The
// running owner is kept in an atomic.Pointer that Start sets.
package after

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
)

// ErrStopped is returned by Submit when the queue is not running.
var ErrStopped = errors.New("queue: stopped")

// Stats counts the jobs: queued, running, and finished without (Done) or
// with (Failed) an error.
type Stats struct{ Queued, Running, Done, Failed int }

// queue is the way to one owner goroutine.
type queue struct {
	submits chan func() error
	drains  chan chan struct{} // the owner closes the channel when idle
	stats   chan chan Stats
	quit    chan struct{} // closed when the owner returns: calls stop waiting
	done    chan struct{} // closed when the owner and every worker have returned
}

var current atomic.Pointer[queue]

// stopped stands in before the first Start.
var stopped = &queue{quit: closed(), done: closed()}

func closed() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// Start starts workers goroutines that run the submitted jobs, and an
// owner goroutine that hands the jobs out, and returns a channel that is
// closed once ctx is done and all of them have returned. Jobs still
// queued then are dropped; running ones finish. Start must not be called
// again before the previous run's channel is closed.
func Start(ctx context.Context, workers int) <-chan struct{} {
	q := &queue{
		submits: make(chan func() error),
		drains:  make(chan chan struct{}),
		stats:   make(chan chan Stats),
		quit:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	jobs := make(chan func() error)
	results := make(chan error)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { work(ctx, jobs, results) })
	}
	wg.Go(func() { q.run(ctx, jobs, results) })
	go func() {
		wg.Wait()
		close(q.done)
	}()
	current.Store(q)
	return q.done
}

// run is the owner goroutine.
func (q *queue) run(ctx context.Context, jobs chan<- func() error, results <-chan error) {
	defer close(q.quit)
	var (
		pending []func() error
		st      Stats
		waiters []chan struct{} // Drain calls waiting for an idle queue
	)
	for {
		var (
			next func() error
			out  chan<- func() error // nil, so its case never fires, unless a job is queued
		)
		if len(pending) > 0 {
			next, out = pending[0], jobs
		}
		select {
		case job := <-q.submits:
			pending = append(pending, job)
		case out <- next:
			pending[0] = nil // let the job be collected once it has run
			pending = pending[1:]
			st.Running++
		case err := <-results:
			st.Running--
			if err != nil {
				st.Failed++
			} else {
				st.Done++
			}
		case reply := <-q.stats:
			st.Queued = len(pending)
			reply <- st
		case w := <-q.drains:
			waiters = append(waiters, w)
		case <-ctx.Done():
			return // the waiters see quit closed
		}
		if len(pending) == 0 && st.Running == 0 {
			for _, w := range waiters {
				close(w)
			}
			waiters = nil
		}
	}
}

// work is one worker: it runs the jobs the owner hands out and sends back
// their results, until ctx is done.
func work(ctx context.Context, jobs <-chan func() error, results chan<- error) {
	for {
		select {
		case job := <-jobs:
			err := job()
			select {
			case results <- err:
			case <-ctx.Done():
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

func owner() *queue {
	if q := current.Load(); q != nil {
		return q
	}
	return stopped
}

// Submit queues job. It returns ErrStopped if the queue is not running.
func Submit(job func() error) error {
	q := owner()
	select {
	case q.submits <- job:
		return nil
	case <-q.quit:
		return ErrStopped
	}
}

// Drain returns once no job is queued or running, or the queue has
// stopped.
func Drain() {
	q := owner()
	idle := make(chan struct{})
	select {
	case q.drains <- idle:
	case <-q.quit:
		return
	}
	select {
	case <-idle:
	case <-q.quit:
	}
}

// Status returns the counts.
func Status() Stats {
	q := owner()
	reply := make(chan Stats, 1)
	select {
	case q.stats <- reply:
		return <-reply
	case <-q.quit:
		return Stats{}
	}
}
