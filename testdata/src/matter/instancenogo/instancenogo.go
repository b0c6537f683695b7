// Package main is instancego without the go statement: one context,
// nothing shared, nothing reported.
package main

import "sync"

var seen = map[string]bool{}

type store struct{ mu sync.Mutex }

func (s *store) put(k string) {
	s.mu.Lock()
	seen[k] = true // ok: no second context
	s.mu.Unlock()
}

func main() {
	s := new(store)
	s.put("worker")
	s.put("main")
}
