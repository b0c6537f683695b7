// Package main covers self-synchronised values used inside a critical
// section: an atomic.Int64, a sync.Map, a *log.Logger and a channel are
// never guarded, so mu, which protects only them, guards nothing (silent).
// mu2 has the same self-synchronised values plus a plain map, and the report
// names only the map. mu3 covers the exception: storing to the variable that
// holds a *log.Logger is a write, so mu3 guards logger3 (reported).
package main

import (
	"log"
	"os"
	"sync"
	"sync/atomic"
)

var (
	mu     sync.Mutex // ok: everything under mu is self-synchronised
	hits   atomic.Int64
	seen   sync.Map
	logger = log.New(os.Stderr, "", 0)
	events = make(chan string, 16)

	mu2    sync.Mutex // want `^mu2 guards plain, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	hits2  atomic.Int64
	seen2  sync.Map
	plain  = map[string]int{}
	event2 = make(chan string, 16)

	mu3     sync.Mutex // want `^mu3 guards logger3, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	logger3 = log.New(os.Stderr, "", 0)
)

func record(k string) {
	mu.Lock()
	hits.Add(1)
	seen.Store(k, true)
	logger.Printf("record %s", k)
	events <- k
	mu.Unlock()
}

func record2(k string) {
	mu2.Lock()
	hits2.Add(1)
	seen2.Store(k, true)
	plain[k]++
	event2 <- k
	mu2.Unlock()
}

func reopen(prefix string) {
	mu3.Lock()
	logger3 = log.New(os.Stderr, prefix, 0)
	mu3.Unlock()
}

func note(k string) {
	mu3.Lock()
	logger3.Print(k)
	mu3.Unlock()
}

func main() {
	go func() {
		record("a")
		record2("a")
		reopen("worker: ")
		for range events {
		}
	}()
	go func() {
		for range event2 {
		}
	}()
	record("b")
	record2("b")
	note("b")
}
