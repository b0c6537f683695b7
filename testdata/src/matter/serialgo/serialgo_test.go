package main

import "testing"

func TestA(t *testing.T) {
	inc()
	count = 0 // ok: tests run one at a time, in the caller's thread of control
}

func TestB(t *testing.T) {
	inc()
	var s store
	s.mu.Lock()
	cache["b"]++ // ok: not concurrent with anything
	s.mu.Unlock()
}
