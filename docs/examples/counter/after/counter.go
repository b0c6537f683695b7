// Package after is the counter example after the conversion: one owner
// goroutine holds the word counts in a local map, and the package's
// functions send it requests over channels. There is no mutex, and the
// owner stops when the context given to Start is done.
//
// The API is the one of package before, package-level functions; the
// running owner is kept in an atomic.Pointer that Start sets. New code
// that may change its API can export the counter type instead and drop
// that pointer.
package after

import (
	"context"
	"maps"
	"sync/atomic"
)

// counter is the way to one owner goroutine: a channel per operation,
// and done, closed when the owner returns.
type counter struct {
	incs  chan string
	gets  chan get
	snaps chan chan map[string]int
	done  chan struct{}
}

// get asks for one word's count; the owner answers on reply.
type get struct {
	word  string
	reply chan int // buffered: the owner never waits for the reader
}

// current is the counter that Start started last.
var current atomic.Pointer[counter]

// stopped stands in before the first Start: its done channel is closed,
// so every operation returns at once.
var stopped = &counter{done: closed()}

func closed() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// Start starts an owner goroutine with empty counts and returns a channel
// that is closed when the owner has returned, once ctx is done. After
// that, Inc does nothing and Count and Snapshot return zero values. Start
// must not be called again before the previous run's channel is closed.
func Start(ctx context.Context) <-chan struct{} {
	c := &counter{
		incs:  make(chan string),
		gets:  make(chan get),
		snaps: make(chan chan map[string]int),
		done:  make(chan struct{}),
	}
	go c.run(ctx)
	current.Store(c)
	return c.done
}

// run is the owner goroutine. counts is its local: nothing else can reach
// it, so nothing needs a lock.
func (c *counter) run(ctx context.Context) {
	defer close(c.done)
	counts := map[string]int{}
	for {
		select {
		case w := <-c.incs:
			counts[w]++
		case g := <-c.gets:
			g.reply <- counts[g.word]
		case reply := <-c.snaps:
			reply <- maps.Clone(counts) // a copy: the map never leaves the owner
		case <-ctx.Done():
			return
		}
	}
}

// owner returns the running counter, or stopped before the first Start.
func owner() *counter {
	if c := current.Load(); c != nil {
		return c
	}
	return stopped
}

// Inc counts one more occurrence of word. It returns once the owner has
// the request, so a later Count on the same goroutine sees it.
func Inc(word string) {
	c := owner()
	select {
	case c.incs <- word:
	case <-c.done:
	}
}

// Count returns how many times word was counted.
func Count(word string) int {
	c := owner()
	reply := make(chan int, 1)
	select {
	case c.gets <- get{word, reply}:
		return <-reply
	case <-c.done:
		return 0
	}
}

// Snapshot returns a copy of all the counts.
func Snapshot() map[string]int {
	c := owner()
	reply := make(chan map[string]int, 1)
	select {
	case c.snaps <- reply:
		return <-reply
	case <-c.done:
		return nil
	}
}
