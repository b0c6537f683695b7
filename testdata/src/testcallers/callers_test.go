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
