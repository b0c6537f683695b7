// Package main covers singleton receivers (DESIGN §1 "lock"): every call
// of meterArbiter's methods passes the global arbiter as the receiver
// (directly, or through another of its methods' receivers, or as a method
// value), so the receiver's lock and fields are arbiter's: the goroutine
// that tick runs in and main share arbiter.meters under
// arbiter.Mutex (reported).
//
// The twin, counterSet, has the same shape, but main also calls inc on a
// second value (spare): the receiver is not always the global sets, so
// its lock is an instance lock and its fields instance state (silent).
package main

import (
	"sync"
	"time"
)

type meterArbiter struct {
	sync.Mutex
	meters map[string]int
}

var arbiter = meterArbiter{meters: map[string]int{}} // want `^arbiter.Mutex guards arbiter.meters, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`

func (ma *meterArbiter) tick() {
	for {
		ma.Lock()
		for name := range ma.meters {
			_ = name
		}
		ma.Unlock()
		time.Sleep(time.Second)
	}
}

func (ma *meterArbiter) add(name string) {
	ma.Lock()
	ma.meters[name] = 0
	ma.Unlock()
}

func (ma *meterArbiter) addAll(names []string) {
	for _, n := range names {
		ma.add(n)
	}
}

type counterSet struct {
	sync.Mutex
	m map[string]int
}

var sets = counterSet{m: map[string]int{}} // ok: inc is also called on spare, so its lock is an instance lock

func (c *counterSet) inc(k string) {
	c.Lock()
	c.m[k]++
	c.Unlock()
}

func (c *counterSet) loop() {
	for {
		c.inc("tick")
		time.Sleep(time.Second)
	}
}

func main() {
	tick := arbiter.tick
	go tick()
	go sets.loop()
	arbiter.addAll([]string{"a", "b"})
	sets.inc("main")
	useRegistries()
	useMeters()
	spare := &counterSet{m: map[string]int{}}
	spare.inc("x")
	select {}
}
