package main

import "testing"

// TestOwnMeters makes a meterSet of its own and calls add on it. Code
// outside test files is judged by its non-test callers (DESIGN §5 "Test
// files"): add's receiver stays meters, so the package and its test
// variant both report meters.mu (pointerglobal.go). The twin is gauges,
// whose inc a non-test function calls on a value of its own (silent).
func TestOwnMeters(t *testing.T) {
	own := newMeterSet()
	own.add("test")
	if own.m["test"] != 1 {
		t.Fatal("add did not count")
	}
}

// TestOwnBump calls bumpLocked, whose non-test callers hold meters.mu,
// without the lock on a meterSet of its own while tick runs on meters:
// the call reaches nothing of meters (silent). Its twin, TestMetersBump,
// makes the same call on meters itself: a race, reported in the test.
func TestOwnBump(t *testing.T) {
	go meters.tick()
	own := newMeterSet()
	own.bumpLocked("own") // ok: own is not meters, and a test's own instance touches no global
}

func TestMetersBump(t *testing.T) {
	go meters.tick()
	meters.bumpLocked("test") // want `^meters.m written without holding meters.mu; goroutine started in TestMetersBump also accesses it$`
}
