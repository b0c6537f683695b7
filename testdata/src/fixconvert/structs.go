package main

// Guards that are fields of a global struct: the struct without its
// guard becomes the owned state, and its fields are reached through the
// owned value, which takes the struct's name. An embedded Mutex locked
// as hosts.Lock() and as hosts.Mutex.Lock(), with a function that
// spells hosts for a local too (the owned value there is hosts2); a
// named RWMutex field with a keyed initialiser, not read-mostly; an
// embedded Mutex with an early Unlock, and a local function literal
// that only the section calls (as in os/signal); a function that only
// sections call (refresh, as net's readHosts) takes the owned value as
// a parameter.

import (
	"sync"
	"time"
)

// hosts caches the hosts file.
var hosts struct { // want `^hosts.Mutex guards hosts.byName, hosts.expire and hosts.ref, shared by .*; a fix is offered$`
	sync.Mutex

	// byName maps a name to its addresses.
	byName map[string][]string
	expire time.Time // when to read the file again
	ref    [4]int
}

// refresh runs with hosts.Mutex held.
func refresh(now time.Time) {
	if now.After(hosts.expire) {
		hosts.byName = map[string][]string{"localhost": {"127.0.0.1"}}
		hosts.expire = now.Add(time.Minute)
	}
}

func lookupHost(name string) []string {
	hosts.Lock()
	defer hosts.Unlock()
	refresh(time.Now())
	hosts.ref[0]++
	return append([]string(nil), hosts.byName[name]...)
}

func lookupAddr(name string) int {
	hosts.Mutex.Lock()
	refresh(time.Now())
	n := 0
	if hosts, ok := hosts.byName[name]; ok {
		n = len(hosts)
	}
	hosts.Mutex.Unlock()
	return n
}

var cache = struct { // want `^cache.mu guards cache.m, shared by .*; a fix is offered$`
	mu sync.RWMutex
	m  map[string]int
}{m: map[string]int{}}

func put(k string, v int) {
	cache.mu.Lock()
	cache.m[k] = v
	cache.mu.Unlock()
}

func drop(k string) {
	cache.mu.Lock()
	defer cache.mu.Unlock()
	delete(cache.m, k)
}

func getCached(k string) int {
	cache.mu.RLock()
	defer cache.mu.RUnlock()
	return cache.m[k]
}

var handlers struct { // want `^handlers.Mutex guards handlers.m and handlers.ref, shared by .*; a fix is offered$`
	sync.Mutex
	m   map[chan<- int]bool
	ref [4]int64
}

func notify(c chan<- int, sigs ...int) {
	handlers.Lock()
	defer handlers.Unlock()
	if handlers.m == nil {
		handlers.m = map[chan<- int]bool{}
	}
	handlers.m[c] = true
	add := func(n int) {
		handlers.ref[n]++
	}
	for _, n := range sigs {
		add(n)
	}
}

func stop(c chan<- int) {
	handlers.Lock()
	if !handlers.m[c] {
		handlers.Unlock()
		return
	}
	delete(handlers.m, c)
	handlers.Unlock()
}

func init() {
	for range 2 {
		go notify(make(chan int), 1, 2)
		go stop(nil)
		go lookupHost("a")
		go lookupAddr("a")
		go put("a", 1)
		go drop("a")
	}
	_ = getCached("a")
}
