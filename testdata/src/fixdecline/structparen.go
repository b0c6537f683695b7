// A global struct whose type the declaration writes in parentheses
// gives the fix no struct type to cut the guard from: no fix. The twin
// writes it bare.
package main

import "sync"

var stP (struct { // want `^stP.mu guards stP.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	mu sync.Mutex
	m  map[string]int
})

var stQ struct { // want `^stQ.mu guards stQ.m, .*; a fix is offered$`
	mu sync.Mutex
	m  map[string]int
}

func structParen() {
	stP.mu.Lock()
	stP.m = map[string]int{"p": 1}
	stP.mu.Unlock()
	stQ.mu.Lock()
	stQ.m = map[string]int{"q": 1}
	stQ.mu.Unlock()
}
