// Package cgo has a cgo file (cmd/chanown/badinput_test.go): chanown
// analyses the cgo-processed file and reports mu at its position in this
// file, not in the go command's cache.
package cgo

/*
static int answer(void) { return 42; }
*/
import "C"

import "sync"

var (
	mu      sync.Mutex
	answers []int
)

// Answer records the answer, then again on a new goroutine.
func Answer() {
	mu.Lock()
	answers = append(answers, int(C.answer()))
	mu.Unlock()
	go func() {
		mu.Lock()
		answers = append(answers, int(C.answer()))
		mu.Unlock()
	}()
}
