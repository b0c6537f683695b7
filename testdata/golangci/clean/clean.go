// Package clean has no finding: its only mutex belongs to a type, not to
// a package-level variable. The exit-code tests use it as the clean case.
package clean

import "sync"

// Counter counts, safely for concurrent use.
type Counter struct {
	mu sync.Mutex
	n  int
}

// Inc adds one.
func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

// Start increments c on a new goroutine.
func Start(c *Counter) {
	go c.Inc()
}
