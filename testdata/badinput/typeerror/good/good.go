// Package good type-checks and imports nothing broken: chanown reports mu
// (cmd/chanown/badinput_test.go).
package good

import "sync"

var (
	mu   sync.Mutex
	seen = map[string]bool{}
)

// Start records name, then records it again on a new goroutine.
func Start(name string) {
	mu.Lock()
	seen[name] = true
	mu.Unlock()
	go func() {
		mu.Lock()
		seen[name+"!"] = true
		mu.Unlock()
	}()
}
