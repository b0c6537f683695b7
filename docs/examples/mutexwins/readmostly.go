package mutexwins

import (
	"context"
	"maps"
	"sync"
	"sync/atomic"
)

// RWCache is a map behind an RWMutex: readers run at the same time.
type RWCache struct {
	mu sync.RWMutex
	m  map[string]string
}

// NewRWCache returns an empty RWCache.
func NewRWCache() *RWCache { return &RWCache{m: map[string]string{}} }

// Get returns the value stored under k.
func (c *RWCache) Get(k string) (string, bool) {
	c.mu.RLock()
	v, ok := c.m[k]
	c.mu.RUnlock()
	return v, ok
}

// Set stores v under k.
func (c *RWCache) Set(k, v string) {
	c.mu.Lock()
	c.m[k] = v
	c.mu.Unlock()
}

// OwnerCache is a map owned by one goroutine: every read is a round trip
// to it, one at a time.
type OwnerCache struct {
	gets chan getReq
	sets chan [2]string
	done chan struct{}
}

type getReq struct {
	k     string
	reply chan getReply
}

type getReply struct {
	v  string
	ok bool
}

// StartOwnerCache starts the owner goroutine; it returns when ctx is
// done.
func StartOwnerCache(ctx context.Context) *OwnerCache {
	c := &OwnerCache{gets: make(chan getReq), sets: make(chan [2]string), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		m := map[string]string{}
		for {
			select {
			case r := <-c.gets:
				v, ok := m[r.k]
				r.reply <- getReply{v, ok}
			case kv := <-c.sets:
				m[kv[0]] = kv[1]
			case <-ctx.Done():
				return
			}
		}
	}()
	return c
}

// Done returns a channel that is closed when the owner has returned.
func (c *OwnerCache) Done() <-chan struct{} { return c.done }

// Get returns the value stored under k.
func (c *OwnerCache) Get(k string) (string, bool) {
	reply := make(chan getReply, 1)
	select {
	case c.gets <- getReq{k, reply}:
		r := <-reply
		return r.v, r.ok
	case <-c.done:
		return "", false
	}
}

// Set stores v under k.
func (c *OwnerCache) Set(k, v string) {
	select {
	case c.sets <- [2]string{k, v}:
	case <-c.done:
	}
}

// SnapshotCache is an immutable map swapped through an atomic.Pointer:
// a read is one atomic load, a write copies the whole map (writers take
// turns on a mutex).
type SnapshotCache struct {
	mu sync.Mutex // serialises writers; readers never take it
	m  atomic.Pointer[map[string]string]
}

// NewSnapshotCache returns an empty SnapshotCache.
func NewSnapshotCache() *SnapshotCache {
	c := new(SnapshotCache)
	c.m.Store(&map[string]string{})
	return c
}

// Get returns the value stored under k.
func (c *SnapshotCache) Get(k string) (string, bool) {
	v, ok := (*c.m.Load())[k]
	return v, ok
}

// Set stores v under k.
func (c *SnapshotCache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	next := maps.Clone(*c.m.Load())
	next[k] = v
	c.m.Store(&next)
}
