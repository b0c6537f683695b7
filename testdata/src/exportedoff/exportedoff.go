// Package exportedoff covers library mode switched off (the default): a // want package:`chanown\(module\ "";\ reported\ ;\ counts\ \)`
// library whose exported functions touch entries under mu and start no
// goroutine. Its callers form one caller context that is not multiple, so
// it stays silent. Package exportedon is the same code analysed with
// -exported.
package exportedoff

import "sync"

var (
	mu      sync.Mutex // ok: without -exported the callers of exported functions form one context
	entries = map[string]string{}
)

// Put stores v under k.
func Put(k, v string) { // want Put:`^chanown\(reads\ exportedoff\.entries\ under\ exportedoff\.mu;\ writes\ exportedoff\.entries\ under\ exportedoff\.mu\)$`
	mu.Lock()
	defer mu.Unlock()
	entries[k] = v
}

// Get returns the value stored under k.
func Get(k string) string { // want Get:`^chanown\(reads\ exportedoff\.entries\ under\ exportedoff\.mu\)$`
	mu.Lock()
	defer mu.Unlock()
	return entries[k]
}
