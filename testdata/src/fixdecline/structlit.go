// The initialiser of a global struct becomes the owned value's when its
// fields are keyed and it does not set the guard. No fix for an unkeyed
// literal (stE), one that sets the guard (stG), or an initialiser that
// is not a literal (stH); the twin (stF) is keyed.
package main

import "sync"

var stE = struct { // want `^stE.mu guards stE.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	mu sync.Mutex
	m  map[string]int
}{sync.Mutex{}, map[string]int{}}

var stF = struct { // want `^stF.mu guards stF.m, .*; a fix is offered$`
	mu sync.Mutex
	m  map[string]int
}{m: map[string]int{}}

var stG = struct { // want `^stG.mu guards stG.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	mu sync.Mutex
	m  map[string]int
}{mu: sync.Mutex{}, m: map[string]int{}}

var stH = func() struct { // want `^stH.mu guards stH.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	mu sync.Mutex
	m  map[string]int
} {
	return struct {
		mu sync.Mutex
		m  map[string]int
	}{m: map[string]int{}}
}()

func structLit() {
	stE.mu.Lock()
	stE.m["e"]++
	stE.mu.Unlock()
	stF.mu.Lock()
	stF.m["f"]++
	stF.mu.Unlock()
	stG.mu.Lock()
	stG.m["g"]++
	stG.mu.Unlock()
	stH.mu.Lock()
	stH.m["h"]++
	stH.mu.Unlock()
}
