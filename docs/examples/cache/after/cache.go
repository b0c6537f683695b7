// Package after is the cache example after the conversion: one owner
// goroutine holds the entries in a local map, and the sweep is one more
// case in its select loop, so there is no second goroutine to share the
// map with. All requests travel on one buffered channel, in order: Set
// and Delete do not wait for the owner, and a later Get on the same
// goroutine still sees them.
//
// The API is the one of package before: package-level functions. The
// running owner is kept in an atomic.Pointer that Start sets.
package after

import (
	"context"
	"sync/atomic"
	"time"
)

type entry struct {
	value   string
	expires time.Time
}

// op says what a request asks for.
type op int

const (
	opSet op = iota
	opGet
	opDelete
	opLen
)

// request is one message to the owner; reply is nil for opSet and
// opDelete, which nobody waits for.
type request struct {
	op    op
	key   string
	entry entry
	reply chan result
}

type result struct {
	value string
	ok    bool
	n     int
}

// cache is the way to one owner goroutine.
type cache struct {
	reqs chan request
	done chan struct{} // closed when the owner returns
}

// queueLen is how many requests may wait for the owner before a caller
// blocks; it lets Set and Delete return without a round trip.
const queueLen = 64

var current atomic.Pointer[cache]

// stopped stands in before the first Start.
var stopped = &cache{done: closed()}

func closed() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// Start starts an owner goroutine with an empty cache that deletes
// expired entries every sweepEvery. It returns a channel that is closed
// when the owner has returned, once ctx is done; after that, Get misses
// and Len is 0. Start must not be called again before the previous run's
// channel is closed.
func Start(ctx context.Context, sweepEvery time.Duration) <-chan struct{} {
	c := &cache{reqs: make(chan request, queueLen), done: make(chan struct{})}
	go c.run(ctx, sweepEvery)
	current.Store(c)
	return c.done
}

// run is the owner goroutine.
func (c *cache) run(ctx context.Context, sweepEvery time.Duration) {
	defer close(c.done)
	entries := map[string]entry{}
	tick := time.NewTicker(sweepEvery)
	defer tick.Stop()
	for {
		select {
		case r := <-c.reqs:
			switch r.op {
			case opSet:
				entries[r.key] = r.entry
			case opDelete:
				delete(entries, r.key)
			case opGet:
				e, ok := entries[r.key]
				if !ok || !time.Now().Before(e.expires) {
					r.reply <- result{}
					break
				}
				r.reply <- result{value: e.value, ok: true}
			case opLen:
				r.reply <- result{n: len(entries)}
			}
		case now := <-tick.C:
			for k, e := range entries {
				if !now.Before(e.expires) {
					delete(entries, k)
				}
			}
		case <-ctx.Done():
			return
		}
	}
}

func owner() *cache {
	if c := current.Load(); c != nil {
		return c
	}
	return stopped
}

// send queues r for the owner; it reports false once the owner has
// returned.
func (c *cache) send(r request) bool {
	select {
	case c.reqs <- r:
		return true
	case <-c.done:
		return false
	}
}

// ask sends r and waits for the owner's answer.
func (c *cache) ask(r request) result {
	r.reply = make(chan result, 1)
	if !c.send(r) {
		return result{}
	}
	select {
	case res := <-r.reply:
		return res
	case <-c.done: // stopped with r still queued
		return result{}
	}
}

// Set stores value under key for ttl.
func Set(key, value string, ttl time.Duration) {
	owner().send(request{op: opSet, key: key, entry: entry{value, time.Now().Add(ttl)}})
}

// Get returns the value stored under key, unless it has expired.
func Get(key string) (string, bool) {
	r := owner().ask(request{op: opGet, key: key})
	return r.value, r.ok
}

// Delete removes key.
func Delete(key string) {
	owner().send(request{op: opDelete, key: key})
}

// Len returns the number of entries held, expired ones not yet swept
// included.
func Len() int {
	return owner().ask(request{op: opLen}).n
}
