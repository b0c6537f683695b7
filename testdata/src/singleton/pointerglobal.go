package main

import (
	"sync"
	"time"
)

// meters is a pointer global made by a constructor: every call of
// meterSet's methods passes its value, so the receiver's lock and fields
// are meters' paths, as meters.mu and meters.m are when written out, and
// main and the goroutine share meters.m under meters.mu (reported).
type meterSet struct {
	mu sync.Mutex
	m  map[string]int
}

var meters = newMeterSet() // want `^meters.mu guards meters.m, shared by main and goroutine started in useMeters; give it one owner goroutine reached over a channel$`

func newMeterSet() *meterSet { return &meterSet{m: map[string]int{}} }

func (s *meterSet) add(k string) {
	s.mu.Lock()
	s.m[k]++
	s.mu.Unlock()
}

// bumpLocked counts k twice; its callers hold s.mu.
func (s *meterSet) bumpLocked(k string) {
	s.m[k] += 2
}

func (s *meterSet) bump(k string) {
	s.mu.Lock()
	s.bumpLocked(k)
	s.mu.Unlock()
}

func (s *meterSet) tick() {
	for {
		s.add("tick")
		time.Sleep(time.Second)
	}
}

// gauges is the twin: useMeters also calls inc on a value of its own, so
// the receiver is not always gauges and its lock is an instance lock
// (silent).
type gaugeSet struct {
	mu sync.Mutex
	g  map[string]int
}

var gauges = newGaugeSet() // ok: inc is also called on another value, so mu is an instance lock

func newGaugeSet() *gaugeSet { return &gaugeSet{g: map[string]int{}} }

func (s *gaugeSet) inc(k string) {
	s.mu.Lock()
	s.g[k]++
	s.mu.Unlock()
}

func (s *gaugeSet) loop() {
	for {
		s.inc("loop")
		time.Sleep(time.Second)
	}
}

func useMeters() {
	go meters.tick()
	meters.bump("main")
	meters.add("main")
	go gauges.loop()
	gauges.inc("main")
	own := newGaugeSet()
	own.inc("own")
}
