// Package user type-checks but imports bad, which does not: chanown must
// still analyse it and report mu (cmd/chanown/badinput_test.go).
package user

import (
	"sync"

	"example.com/badinput/typeerror/bad"
)

var (
	mu    sync.Mutex
	total int
)

// Add adds bad.Twice() to total, then again on a new goroutine.
func Add() {
	mu.Lock()
	total += bad.Twice()
	mu.Unlock()
	go func() {
		mu.Lock()
		total += bad.Twice()
		mu.Unlock()
	}()
}
