package main

import "testing"

func TestA(t *testing.T) {
	t.Parallel()
	inc()
	count = 0 // want `^count written without holding mu; test TestB also accesses it$`
}

func TestB(t *testing.T) {
	t.Parallel()
	inc()
	var s store
	s.mu.Lock()
	cache["b"]++ // want `^cache accessed holding only the instance lock \(store\)\.mu; each store has its own, so it guards cache only while there is one$`
	s.mu.Unlock()
}
