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

// Add sets total to bad.Twice(), then again on a new goroutine. The value
// stored is neither a constant nor total plus an integer, so total is not
// a reference count.
func Add() {
	mu.Lock()
	total = bad.Twice()
	mu.Unlock()
	go func() {
		mu.Lock()
		total = bad.Twice()
		mu.Unlock()
	}()
}
