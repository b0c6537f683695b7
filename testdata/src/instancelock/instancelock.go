// Package main covers instance-lock types: Cache owns its mutex and its map
// and is used through methods, so c.mu is an instance lock even though the
// global c points at the Cache (silent). The twin, c2, is the same type
// used through plain functions that lock c2.mu themselves, which makes c2.mu
// a global lock (reported).
package main

import "sync"

type Cache struct {
	mu sync.Mutex
	m  map[string]string
}

func (c *Cache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = v
}

func (c *Cache) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[k]
}

var c = &Cache{m: map[string]string{}} // ok: only methods touch c, through their receiver: an instance lock

var c2 = &Cache{m: map[string]string{}} // want `^c2\.mu guards c2\.m, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`

func put2(k, v string) {
	c2.mu.Lock()
	defer c2.mu.Unlock()
	c2.m[k] = v
}

func get2(k string) string {
	c2.mu.Lock()
	defer c2.mu.Unlock()
	return c2.m[k]
}

func main() {
	go func() {
		c.Put("a", "1")
		put2("a", "1")
	}()
	c.Put("b", "2")
	_ = c.Get("a")
	put2("b", "2")
	_ = get2("a")
}
