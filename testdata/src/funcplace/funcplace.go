// Package main covers calls of func values loaded from memory (DESIGN §1
// "reach"): a func-typed global, a struct field and a map element. Each
// call reaches every function of the package stored into such a place
// with the same signature.
//
// watch is a func-typed global set in init and started with go watch():
// the goroutine reaches loop, which writes events under eventsMu, and main
// writes events too (reported). hooks is a map of func(int) whose element
// is called by a goroutine; onTick, stored there, writes ticks (reported).
// The twin, tallies, is written by a func(string) stored in a field but
// only ever called by main (silent).
package main

import (
	"sync"
	"time"
)

var (
	eventsMu sync.Mutex // want `^eventsMu guards events, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	events   []string

	ticksMu sync.Mutex // want `^ticksMu guards ticks, shared by main and goroutine started in startTicker; give it one owner goroutine reached over a channel$`
	ticks   []int

	talliesMu sync.Mutex // ok: the field's function runs only in main
	tallies   []string
)

var watch func()

func init() { watch = loop }

func loop() {
	for range 3 {
		eventsMu.Lock()
		events = append(events, "tick")
		eventsMu.Unlock()
	}
}

var hooks = map[string]func(int){}

func onTick(n int) {
	ticksMu.Lock()
	ticks = append(ticks, n)
	ticksMu.Unlock()
}

func startTicker() {
	go func() {
		for i := range 3 {
			if h, ok := hooks["tick"]; ok {
				h(i)
			}
		}
	}()
}

type counter struct{ add func(string) }

func tally(s string) {
	talliesMu.Lock()
	tallies = append(tallies, s)
	talliesMu.Unlock()
}

func main() {
	hooks["tick"] = onTick
	c := &counter{add: tally}
	c.add("x")
	go watch()
	startTicker()
	eventsMu.Lock()
	events = append(events, "main")
	eventsMu.Unlock()
	ticksMu.Lock()
	ticks = append(ticks, -1)
	ticksMu.Unlock()
	time.Sleep(time.Second)
}
