// Package jobs runs background work: a queue of jobs served by a pool of
// workers, and periodic tasks. What ran is kept in package-level state
// for the status page.
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log"
	"sort"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

// A Job is one unit of background work.
type Job struct {
	Name string
	Run  func(context.Context) error
}

// Result is what became of one job.
type Result struct {
	Name     string
	Started  time.Time
	Duration time.Duration
	Err      string
}

var (
	historyMu sync.Mutex
	history   []Result
	failures  = map[string]int{}
	maxKept   = 200
)

// record keeps r in the history.
func record(r Result) {
	historyMu.Lock()
	defer historyMu.Unlock()
	history = append(history, r)
	if len(history) > maxKept {
		history = history[len(history)-maxKept:]
	}
	if r.Err != "" {
		failures[r.Name]++
	}
}

// History returns the results kept, newest first.
func History() []Result {
	historyMu.Lock()
	out := append([]Result(nil), history...)
	historyMu.Unlock()
	sort.SliceStable(out, func(i, j int) bool { return out[i].Started.After(out[j].Started) })
	return out
}

// Failures returns the number of failures per job name.
func Failures() map[string]int {
	historyMu.Lock()
	defer historyMu.Unlock()
	out := make(map[string]int, len(failures))
	for k, v := range failures {
		out[k] = v
	}
	return out
}

// ErrQueueFull is returned by Submit when the queue cannot take a job.
var ErrQueueFull = errors.New("job queue full")

// Pool runs submitted jobs on a fixed number of workers.
type Pool struct {
	queue   chan Job
	workers int
	timeout time.Duration
}

// NewPool returns a pool with the given number of workers and queue
// length; each job gets at most timeout.
func NewPool(workers, queue int, timeout time.Duration) *Pool {
	return &Pool{queue: make(chan Job, queue), workers: workers, timeout: timeout}
}

// Submit queues j without blocking.
func (p *Pool) Submit(j Job) error {
	select {
	case p.queue <- j:
		return nil
	default:
		return ErrQueueFull
	}
}

// Run serves the queue until ctx is done, then drains nothing and
// returns once every worker has stopped.
func (p *Pool) Run(ctx context.Context) error {
	g, ctx := errgroup.WithContext(ctx)
	for i := range p.workers {
		g.Go(func() error {
			for {
				select {
				case <-ctx.Done():
					return nil
				case j := <-p.queue:
					p.runOne(ctx, i, j)
				}
			}
		})
	}
	return g.Wait()
}

// runOne runs j with the pool's timeout and records the result.
func (p *Pool) runOne(ctx context.Context, worker int, j Job) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	start := time.Now()
	err := safeRun(ctx, j)
	r := Result{Name: j.Name, Started: start, Duration: time.Since(start)}
	if err != nil {
		r.Err = err.Error()
		log.Printf("worker %d: job %s: %v", worker, j.Name, err)
	}
	record(r)
}

// safeRun runs j, turning a panic into an error.
func safeRun(ctx context.Context, j Job) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v", v)
		}
	}()
	return j.Run(ctx)
}

// Every runs job every interval until ctx is done.
func Every(ctx context.Context, interval time.Duration, j Job) {
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				start := time.Now()
				err := safeRun(ctx, j)
				r := Result{Name: j.Name, Started: start, Duration: time.Since(start)}
				if err != nil {
					r.Err = err.Error()
				}
				record(r)
			}
		}
	}()
}

// Fanout runs fns concurrently, at most limit at a time, and returns the
// first error.
func Fanout(ctx context.Context, limit int, fns ...func(context.Context) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for _, fn := range fns {
		g.Go(func() error { return fn(ctx) })
	}
	return g.Wait()
}
