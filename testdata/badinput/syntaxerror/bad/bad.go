// Package bad does not parse (cmd/chanown/badinput_test.go): chanown
// prints the one syntax error, once (not also as the go command's compiler
// output, which it gives when loading without facts).
package bad

import "sync"

var mu sync.Mutex

// Broken has a syntax error.
func Broken() {
	mu.Lock()
	if x := 1 {
	}
	go func() { mu.Unlock() }()
}
