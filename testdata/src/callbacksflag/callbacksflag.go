// Package main covers the callbacks flag (DESIGN §3), set to
// cblib.OnEvent:0 and cblib.Hooks.OnTick: a function passed to OnEvent,
// and one stored into a Hooks' OnTick field, run as callbacks, concurrently
// with main, so events and ticks are shared (reported). The twins: a
// function passed to cblib.Now (not in the flag: taken to run in place,
// in main) and one stored into the Label field (not in the flag) leave
// nows and labels to main alone (silent).
package main

import (
	"sync"

	"cblib"
)

var (
	eventsMu sync.Mutex // want `^eventsMu guards events, shared by main and callback registered in main; give it one owner goroutine reached over a channel; a fix is offered$`
	events   int64

	ticksMu sync.Mutex // want `^ticksMu guards ticks, shared by main and callback registered in main; give it one owner goroutine reached over a channel; a fix is offered$`
	ticks   []string

	nowsMu sync.Mutex // ok: cblib.Now is not a callback sink
	nows   []string

	labelsMu sync.Mutex // ok: Hooks.Label is not in the flag
	labels   []string
)

func main() {
	cblib.OnEvent(func() {
		eventsMu.Lock()
		events = events * 2
		eventsMu.Unlock()
	})
	cblib.Now(func() {
		nowsMu.Lock()
		nows = append(nows, "now")
		nowsMu.Unlock()
	})
	cblib.Install(&cblib.Hooks{
		OnTick: func() {
			ticksMu.Lock()
			ticks = append(ticks, "tick")
			ticksMu.Unlock()
		},
		Label: func() string {
			labelsMu.Lock()
			defer labelsMu.Unlock()
			return labels[0]
		},
	})
	eventsMu.Lock()
	events = 1
	eventsMu.Unlock()
	ticksMu.Lock()
	ticks = append(ticks, "main")
	ticksMu.Unlock()
	nowsMu.Lock()
	nows = append(nows, "main")
	nowsMu.Unlock()
	labelsMu.Lock()
	labels = append(labels, "main")
	labelsMu.Unlock()
}
