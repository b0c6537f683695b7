// Package exportedon covers library mode (-exported): the same code as // want package:`chanown\(module\ "";\ reported\ exportedon\.mu;\ counts\ \)`
// package exportedoff, but every exported entry point may be called from
// many goroutines at once, so the caller context is multiple and alone
// makes entries shared.
package exportedon

import "sync"

var (
	mu      sync.Mutex // want `^mu guards entries, shared by concurrent runs of callers of exported functions; give it one owner goroutine reached over a channel; a fix is offered$`
	entries = map[string]string{}
)

// Put stores v under k.
func Put(k, v string) { // want Put:`^chanown\(reads\ exportedon\.entries\ under\ exportedon\.mu;\ writes\ exportedon\.entries\ under\ exportedon\.mu\)$`
	mu.Lock()
	defer mu.Unlock()
	entries[k] = v
}

// Get returns the value stored under k.
func Get(k string) string { // want Get:`^chanown\(reads\ exportedon\.entries\ under\ exportedon\.mu\)$`
	mu.Lock()
	defer mu.Unlock()
	return entries[k]
}
