// Package user type-checks, but uses values of invalid types from bad,
// which does not: chanown must not crash on it, and does not analyse it
// (cmd/chanown/badinput_test.go).
package user

import (
	"sync"

	"example.com/badinput/brokendep/bad"
)

var (
	mu   sync.Mutex
	keep any
)

// Use stores what bad gives it in keep, before and on a new goroutine.
func Use() {
	mu.Lock()
	keep = bad.F()
	keep = bad.V
	_, y := bad.H()
	keep = y
	bad.W.Mu.Lock()
	keep = bad.W.X
	bad.W.Mu.Unlock()
	mu.Unlock()
	go func() {
		mu.Lock()
		keep = bad.F()
		mu.Unlock()
	}()
}
