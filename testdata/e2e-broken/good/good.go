// Package good type-checks and shares seen between the callers of Start
// and the goroutine it starts: chanown still reports it even though its
// sibling package bad is broken (cmd/chanown/main_test.go).
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
