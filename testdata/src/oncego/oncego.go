// Package main covers go statements inside a sync.Once body (DESIGN §5
// "Initialisation"): the body is initialisation, but a goroutine it starts
// is an ordinary context. Notify starts the watcher once; the watcher and
// Notify's callers both touch handlers under handlersMu (reported).
// Although every context that calls Notify runs the Once body, the
// watcher starts once: the twin, pending, is touched only by the watcher
// (silent, a single context). The body's own write of started is
// initialisation (silent).
package main

import (
	"sync"
	"time"
)

var (
	handlersMu sync.Mutex // want `^handlersMu guards handlers, shared by main, goroutine started in Notify and 1 more; give it one owner goroutine reached over a channel; a fix is offered$`
	handlers   = map[string]func(){}

	pendingMu sync.Mutex // ok: only the one watcher goroutine touches pending
	pending   []string

	startedMu sync.Mutex // ok: started is written only inside the Once body
	started   bool

	watchOnce sync.Once
)

func watcher() {
	for {
		pendingMu.Lock()
		pending = append(pending, "x")
		pendingMu.Unlock()
		handlersMu.Lock()
		for _, h := range handlers {
			h()
		}
		handlersMu.Unlock()
		time.Sleep(time.Millisecond)
	}
}

func Notify(name string, h func()) {
	watchOnce.Do(func() {
		startedMu.Lock()
		started = true
		startedMu.Unlock()
		go watcher()
	})
	handlersMu.Lock()
	handlers[name] = h
	handlersMu.Unlock()
}

func isStarted() bool {
	startedMu.Lock()
	defer startedMu.Unlock()
	return started
}

func main() {
	Notify("a", func() {})
	go Notify("b", func() {})
	println(isStarted())
	time.Sleep(time.Second)
}
