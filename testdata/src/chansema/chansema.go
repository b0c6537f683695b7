// Package chansema covers a channel of capacity 1 used as a lock
// (DESIGN §1 "lockset at an instruction"): a send acquires it, a
// receive releases it, also through helpers (a try-acquire in a select with a default, whose true
// result holds the channel; a release helper run by defer). net's
// nsswitchConfig does this: tryUpdate reads cfg.cur.mtime without cfg.mu
// but inside the channel lock, which every write of cfg.cur also holds,
// so the read is ordered with them (silent). The twins read the same
// memory outside the channel lock (Peek, reported), or hold a channel of
// capacity 1 that a goroutine drains without having sent on it (a
// handoff queue, not a lock: semaphore rule, reported), or of capacity 2
// (two senders at once, reported); the same lock in plain functions
// (raise, silent; show, reported).
package main

import (
	"sync"
)

type state struct {
	mtime int64
}

type config struct {
	initOnce sync.Once
	ch       chan struct{} // a lock: only one update at a time
	last     int64

	mu  sync.Mutex
	cur *state
}

var cfg config // want `^cfg.mu guards cfg.cur, shared by main and goroutine started in watch; .*`

func (c *config) init() {
	c.cur = &state{}
	c.ch = make(chan struct{}, 1)
}

func (c *config) tryAcquire() bool {
	select {
	case c.ch <- struct{}{}:
		return true
	default:
		return false
	}
}

func (c *config) release() { <-c.ch }

func (c *config) tryUpdate(now int64) {
	c.initOnce.Do(c.init)
	if !c.tryAcquire() {
		return
	}
	defer c.release()
	if c.cur.mtime == now { // ok: read inside the channel lock c.ch, which every write of c.cur holds
		return
	}
	s := &state{mtime: now}
	c.mu.Lock()
	c.cur = s
	c.mu.Unlock()
}

// get returns the current state.
func get(now int64) *state {
	cfg.tryUpdate(now)
	cfg.mu.Lock()
	s := cfg.cur
	cfg.mu.Unlock()
	return s
}

// peek is the twin: the same read outside the channel lock.
func peek() int64 {
	return cfg.cur.mtime // want `^cfg.cur.mtime read without holding cfg.mu; goroutine started in watch also writes cfg.cur$`
}

// watch keeps the state fresh.
func watch() {
	go func() {
		for i := int64(0); ; i++ {
			get(i)
		}
	}()
}

// The wake-up channel: notify sends on a channel of capacity 1, but
// drain receives without having sent, so wake orders events and is no
// lock: the two goroutines running notify write seen at once, though
// every access of seen is made after a send on wake.
var (
	wmu  sync.Mutex // want `^wmu guards seen, shared by main and goroutine started in main; .*`
	wake = make(chan struct{}, 1)
	seen string
)

func notify(v string) {
	wake <- struct{}{}
	seen = v // want `^seen written without holding wmu; .* also accesses it$`
}

func reset() {
	wake <- struct{}{}
	wmu.Lock()
	seen = ""
	wmu.Unlock()
}

func drain() {
	for {
		waitWake()
	}
}

// waitWake receives from wake for drain: a helper whose caller does not
// hold wake, so wake stays a queue.
func waitWake() { <-wake }

// A channel of capacity 2 admits two senders at once: no lock.
var (
	pmu  sync.Mutex // want `^pmu guards slot, shared by main and goroutine started in main; .*`
	pool = make(chan struct{}, 2)
	slot string
)

func use(v string) {
	pool <- struct{}{}
	slot = v // want `^slot written without holding pmu; main also accesses it$`
	<-pool
}

func set() {
	pmu.Lock()
	slot = "x"
	pmu.Unlock()
}

// A channel of capacity 1 used as a lock in plain functions: the read
// inside it is silent, the one outside it reported.
var (
	lmu   sync.Mutex // want `^lmu guards level, shared by main and goroutine started in main; .*`
	lock  = make(chan struct{}, 1)
	level string
)

func raise(v string) {
	lock <- struct{}{}
	if level != v { // ok: read inside the channel lock, which the write also holds
		lmu.Lock()
		level = v
		lmu.Unlock()
	}
	<-lock
}

func show() string {
	return level // want `^level read without holding lmu; goroutine started in main also writes it$`
}

func main() {
	watch()
	go drain()
	for _, v := range []string{"a", "b"} {
		go notify(v)
		go use(v)
		go raise(v)
		go println(show())
	}
	set()
	reset()
	get(1)
	println(peek())
}
