// A global struct that holds its guard converts only when it is used
// through its fields: used as a whole (here its address taken, so the
// pointer could outlive the section) it would be left behind. No fix;
// the twin uses the field.
package main

import "sync"

var stA struct { // want `^stA.mu guards stA.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	mu sync.Mutex
	m  map[string]int
}

var stB struct { // want `^stB.mu guards stB.m, .*; a fix is offered$`
	mu sync.Mutex
	m  map[string]int
}

func structWhole() {
	stA.mu.Lock()
	p := &stA
	p.m = map[string]int{"a": 1}
	stA.mu.Unlock()
	stB.mu.Lock()
	stB.m = map[string]int{"b": 1}
	stB.mu.Unlock()
}
