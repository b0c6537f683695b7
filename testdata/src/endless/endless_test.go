package endless

import "testing"

// TestServeBadPath calls serve, which would block; a test of the real
// shape fails early instead. It makes the test a parent of the watcher,
// which does not decide about the code outside test files.
func TestServeBadPath(t *testing.T) {
	if testing.Short() {
		serve("")
	}
}
