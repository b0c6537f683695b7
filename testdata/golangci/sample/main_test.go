// The test file makes golangci-lint and chanown analyse the test
// variant of package main too; each finding must still be reported once.
package main

import "testing"

// TestHit runs hit in parallel tests, under its lock.
func TestHit(t *testing.T) {
	t.Parallel()
	hit("test")
	muA.Lock()
	defer muA.Unlock()
	if hits["test"] == 0 {
		t.Error("hit did not count")
	}
}
