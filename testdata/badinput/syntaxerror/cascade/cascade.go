// Package cascade does not parse, and the type checker then finds errors
// in the broken call too (cmd/chanown/badinput_test.go): chanown prints
// the syntax errors only.
package cascade

import "sync"

var mu sync.Mutex

// Broken misses a parenthesis.
func Broken() {
	mu.Lock()
	go func() { mu.Unlock() }(
}
