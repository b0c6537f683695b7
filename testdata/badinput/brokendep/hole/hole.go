// Package hole type-checks, but calls a method on a value of invalid type
// from bad: go/types records nothing for the method's name and reports no
// error, and go/ssa cannot build a call it has no record of. chanown
// skips the package, whose dependency's errors are printed, where it
// used to crash (cmd/chanown/badinput_test.go).
package hole

import (
	"sync"

	"example.com/badinput/brokendep/bad"
)

var (
	mu   sync.Mutex
	seen []string
)

// Start appends to seen on a new goroutine and here.
func Start() {
	go func() {
		mu.Lock()
		seen = append(seen, "g")
		mu.Unlock()
	}()
	mu.Lock()
	seen = append(seen, bad.F().String())
	mu.Unlock()
}
