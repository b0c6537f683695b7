// Package main covers a package with no global lock: a global guarded
// only by an instance lock, written by main and by a goroutine (DESIGN §2
// wronglock). Its twin, instancenogo, has no go statement and is silent.
package main

import "sync"

var seen = map[string]bool{}

type store struct{ mu sync.Mutex }

func (s *store) put(k string) {
	s.mu.Lock()
	seen[k] = true // want `^seen accessed holding only the instance lock \(store\)\.mu; each store has its own, so it guards seen only while there is one$`
	s.mu.Unlock()
}

func main() {
	s := new(store)
	go s.put("worker")
	s.put("main")
}
