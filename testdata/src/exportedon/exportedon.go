// Package exportedon covers library mode (-exported): the same code as
// package exportedoff, but every exported entry point may be called from
// many goroutines at once, so the caller context is multiple and alone
// makes entries shared.
package exportedon

import "sync"

var (
	mu      sync.Mutex // want `^mu guards entries, shared by concurrent runs of callers of exported functions; give it one owner goroutine reached over a channel$`
	entries = map[string]string{}
)

// Put stores v under k.
func Put(k, v string) {
	mu.Lock()
	defer mu.Unlock()
	entries[k] = v
}

// Get returns the value stored under k.
func Get(k string) string {
	mu.Lock()
	defer mu.Unlock()
	return entries[k]
}
