// Package cblib stands in for a library that keeps callbacks and calls
// them later on goroutines of its own; its bodies are stubs, so only the
// callbacks flag can say so.
package cblib

// OnEvent registers f, called on every event.
func OnEvent(f func()) {}

// Now calls f before returning (not listed in the flag).
func Now(f func()) {}

// Hooks holds callbacks the library calls on its own goroutines.
type Hooks struct {
	OnTick func()
	Label  func() string
}

// Install installs h.
func Install(h *Hooks) {}
