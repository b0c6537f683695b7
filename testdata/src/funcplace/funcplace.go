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
// only ever called by main (silent). A registry stores what its callers
// pass (listen appends its parameter to listeners): a goroutine that
// calls every listener reaches onMsg, which writes msgs (reported); the
// twin registry, checks, is only called through by main (silent).
package main

import (
	"sync"
	"time"
)

var (
	eventsMu sync.Mutex // want `^eventsMu guards events, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	events   []string

	ticksMu sync.Mutex // want `^ticksMu guards ticks, shared by main and goroutine started in startTicker; give it one owner goroutine reached over a channel; a fix is offered$`
	ticks   []int

	talliesMu sync.Mutex // ok: the field's function runs only in main
	tallies   []string

	msgsMu sync.Mutex // want `^msgsMu guards msgs, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	msgs   []string

	checksMu sync.Mutex // ok: the checks registry is called through by main alone
	checked  []bool
)

var listeners []func(string)

func listen(f func(string)) { listeners = append(listeners, f) }

func notify(s string) {
	for _, l := range listeners {
		l(s)
	}
}

func onMsg(s string) {
	msgsMu.Lock()
	msgs = append(msgs, s)
	msgsMu.Unlock()
}

var checks []func(bool)

func addCheck(f func(bool)) { checks = append(checks, f) }

func onCheck(ok bool) {
	checksMu.Lock()
	checked = append(checked, ok)
	checksMu.Unlock()
}

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
	listen(onMsg)
	addCheck(onCheck)
	c := &counter{add: tally}
	c.add("x")
	go watch()
	startTicker()
	go notify("hello")
	for _, c := range checks {
		c(true)
	}
	msgsMu.Lock()
	msgs = append(msgs, "main")
	msgsMu.Unlock()
	eventsMu.Lock()
	events = append(events, "main")
	eventsMu.Unlock()
	ticksMu.Lock()
	ticks = append(ticks, -1)
	ticksMu.Unlock()
	time.Sleep(time.Second)
}
