package main

import "testing"

// TestCfgLocked calls the helper directly, without cfgMu: test functions
// run one after another and start nothing here, so this decides nothing
// about cfgLocked's callers in main.go.
func TestCfgLocked(t *testing.T) {
	if cfgLocked() != "" {
		t.Fatal("cfg set")
	}
}

// TestCfg2Race reads cfg2 through the helper without cfg2Mu while its
// own goroutine writes cfg2.
func TestCfg2Race(t *testing.T) {
	go set2("x")
	if cfg2Locked() != "" { // want `^cfg2 read without holding cfg2Mu; goroutine started in TestCfg2Race also writes it$`
		t.Log("set")
	}
}

// TestCfg2Locked holds cfg2Mu at the call.
func TestCfg2Locked(t *testing.T) {
	go set2("y")
	cfg2Mu.Lock()
	if cfg2Locked() != "" { // ok: the test holds cfg2Mu
		t.Log("set")
	}
	cfg2Mu.Unlock()
}
