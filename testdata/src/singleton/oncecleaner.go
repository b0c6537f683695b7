package main

import (
	"sync"
	"time"
)

// caseRegistry starts its cleaner inside a sync.Once body, through the
// receiver the closure captures: every call of get passes the global
// registry, so the captured receiver is registry too, and main and the
// cleaner share registry.caches under registry.mu (reported).
type caseRegistry struct {
	mu           sync.Mutex
	caches       map[string]int
	startCleaner sync.Once
}

var registry = caseRegistry{caches: map[string]int{}} // want `^registry.mu guards registry.caches, shared by main and goroutine started in \(\*caseRegistry\).get; give it one owner goroutine reached over a channel$`

func (r *caseRegistry) get(k string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.startCleaner.Do(func() {
		go r.cleaner()
	})
	r.caches[k]++
	return r.caches[k]
}

func (r *caseRegistry) cleaner() {
	for {
		r.mu.Lock()
		clear(r.caches)
		r.mu.Unlock()
		time.Sleep(time.Minute)
	}
}

// spareRegistry is the twin: main also calls get on a second value, so
// the captured receiver is not always the global and the lock is an
// instance lock (silent).
type spareRegistry struct {
	mu           sync.Mutex
	entries      map[string]int
	startSweeper sync.Once
}

var spares = spareRegistry{entries: map[string]int{}} // ok: get is also called on another value, so mu is an instance lock

func (r *spareRegistry) get(k string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.startSweeper.Do(func() {
		go r.sweeper()
	})
	r.entries[k]++
	return r.entries[k]
}

func (r *spareRegistry) sweeper() {
	for {
		r.mu.Lock()
		clear(r.entries)
		r.mu.Unlock()
		time.Sleep(time.Minute)
	}
}

func useRegistries() {
	registry.get("a")
	spares.get("a")
	other := &spareRegistry{entries: map[string]int{}}
	other.get("b")
}
