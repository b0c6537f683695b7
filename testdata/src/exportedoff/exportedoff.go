// Package exportedoff covers library mode switched off (the default): a
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
