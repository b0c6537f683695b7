// A guard nested deeper than a field of the global (stI.inner.mu), or
// declared in one field with another (stK.mu, stK.spare): no fix. The
// twins (stJ, stL) declare it as a field of its own.
package main

import "sync"

var stI struct { // want `^stI.inner.mu guards stI.inner.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	inner struct {
		mu sync.Mutex
		m  map[string]int
	}
}

var stJ struct { // want `^stJ.mu guards stJ.m, .*; a fix is offered$`
	mu sync.Mutex
	m  map[string]int
}

var stK struct { // want `^stK.mu guards stK.m, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	mu, spare sync.Mutex
	m         map[string]int
}

var stL struct { // want `^stL.mu guards stL.m, .*; a fix is offered$`
	mu    sync.Mutex
	spare sync.Mutex
	m     map[string]int
}

func structNested() {
	stI.inner.mu.Lock()
	stI.inner.m["i"]++
	stI.inner.mu.Unlock()
	stJ.mu.Lock()
	stJ.m["j"]++
	stJ.mu.Unlock()
	stK.mu.Lock()
	stK.m["k"]++
	stK.mu.Unlock()
	stL.mu.Lock()
	stL.m["l"]++
	stL.mu.Unlock()
}
