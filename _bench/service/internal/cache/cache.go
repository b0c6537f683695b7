// Package cache keeps recently read values in memory for a while, in
// package-level state shared by every handler, and expires them from a
// janitor goroutine.
package cache

import (
	"container/list"
	"sync"
	"time"
)

// entry is one cached value.
type entry struct {
	key     string
	value   any
	expires time.Time
}

var (
	mu      sync.Mutex
	entries = map[string]*list.Element{}
	lru     = list.New()
	limit   = 1024
	hits    int
	misses  int
)

var startOnce sync.Once

// Start starts the janitor that drops expired entries every interval,
// until stop is closed. Only the first call starts one.
func Start(interval time.Duration, stop <-chan struct{}) {
	startOnce.Do(func() {
		go janitor(interval, stop)
	})
}

func janitor(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			expire(now)
		}
	}
}

// expire drops the entries that expired before now.
func expire(now time.Time) int {
	mu.Lock()
	defer mu.Unlock()
	n := 0
	for e := lru.Back(); e != nil; {
		prev := e.Prev()
		if ent := e.Value.(*entry); now.After(ent.expires) {
			lru.Remove(e)
			delete(entries, ent.key)
			n++
		}
		e = prev
	}
	return n
}

// SetLimit sets how many entries the cache keeps.
func SetLimit(n int) {
	mu.Lock()
	defer mu.Unlock()
	limit = n
	for lru.Len() > limit {
		evictOldest()
	}
}

func evictOldest() {
	e := lru.Back()
	if e == nil {
		return
	}
	lru.Remove(e)
	delete(entries, e.Value.(*entry).key)
}

// Get returns the value cached under key, if it has not expired.
func Get(key string) (any, bool) {
	mu.Lock()
	defer mu.Unlock()
	e, ok := entries[key]
	if !ok {
		misses++
		return nil, false
	}
	ent := e.Value.(*entry)
	if time.Now().After(ent.expires) {
		lru.Remove(e)
		delete(entries, key)
		misses++
		return nil, false
	}
	lru.MoveToFront(e)
	hits++
	return ent.value, true
}

// Set caches value under key for ttl.
func Set(key string, value any, ttl time.Duration) {
	mu.Lock()
	defer mu.Unlock()
	if e, ok := entries[key]; ok {
		ent := e.Value.(*entry)
		ent.value, ent.expires = value, time.Now().Add(ttl)
		lru.MoveToFront(e)
		return
	}
	entries[key] = lru.PushFront(&entry{key: key, value: value, expires: time.Now().Add(ttl)})
	for lru.Len() > limit {
		evictOldest()
	}
}

// Delete drops key.
func Delete(key string) {
	mu.Lock()
	defer mu.Unlock()
	if e, ok := entries[key]; ok {
		lru.Remove(e)
		delete(entries, key)
	}
}

// DeletePrefix drops every key that starts with prefix.
func DeletePrefix(prefix string) int {
	mu.Lock()
	defer mu.Unlock()
	n := 0
	for key, e := range entries {
		if len(key) >= len(prefix) && key[:len(prefix)] == prefix {
			lru.Remove(e)
			delete(entries, key)
			n++
		}
	}
	return n
}

// Stats reports the hit and miss counts and the size.
func Stats() (hitCount, missCount, size int) {
	mu.Lock()
	defer mu.Unlock()
	return hits, misses, lru.Len()
}

// GetOrLoad returns the value under key, or loads, caches and returns
// it. Concurrent loads of one key are not merged.
func GetOrLoad(key string, ttl time.Duration, load func() (any, error)) (any, error) {
	if v, ok := Get(key); ok {
		return v, nil
	}
	v, err := load()
	if err != nil {
		return nil, err
	}
	Set(key, v, ttl)
	return v, nil
}
