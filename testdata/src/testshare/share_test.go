// This file covers test-only sharing: parallel goroutines in a test call
// record under its lock. Test files never make a global shared, and every
// access holds the lock, so nothing is reported here.
package main

import (
	"sync"
	"testing"
)

func TestRecord(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { record("test") })
	}
	wg.Wait()
}
