// Package user imports uses, which cannot be loaded: its own follow-on
// errors say nothing more (cmd/chanown/badinput_test.go).
package user

import (
	"sync"

	"example.com/badinput/missingdep/uses"
)

var (
	mu  sync.Mutex
	ids []uses.ID
)

// Add parses s and keeps it, on a new goroutine.
func Add(s string) {
	go func() {
		id, _ := uses.Parse(s)
		mu.Lock()
		ids = append(ids, id)
		mu.Unlock()
	}()
	mu.Lock()
	_ = len(ids)
	mu.Unlock()
}
