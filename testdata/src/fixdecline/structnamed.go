// A guard in a global of a named struct type: the type may have methods
// and other variables, so it cannot become the state. No fix; the twin's
// struct type is written in its declaration.
package main

import "sync"

type registry struct {
	mu sync.Mutex
	m  map[string]int
}

var regA registry // want `^regA.mu guards regA.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`

var regB struct { // want `^regB.mu guards regB.m, .*; a fix is offered$`
	mu sync.Mutex
	m  map[string]int
}

func structNamed() {
	regA.mu.Lock()
	regA.m = map[string]int{"a": 1}
	regA.mu.Unlock()
	regB.mu.Lock()
	regB.m = map[string]int{"b": 1}
	regB.mu.Unlock()
}
