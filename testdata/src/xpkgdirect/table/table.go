// Package table guards Table with an unexported lock, taken only by its // want package:`chanown\(module ""; reported ; counts ; guards xpkgdirect/table.Table by xpkgdirect/table.mu\)`
// own functions; on its own it runs in one context and reports nothing.
// Its package fact names the guard, so that an importer that writes
// Table directly is judged against mu although it cannot take it.
package table

import "sync"

var (
	mu    sync.Mutex
	Table = map[string]string{}
)

// Put writes Table under mu.
func Put(k, v string) { // want Put:`^chanown\(reads xpkgdirect/table.Table under xpkgdirect/table.mu; writes xpkgdirect/table.Table under xpkgdirect/table.mu\)$`
	mu.Lock()
	Table[k] = v
	mu.Unlock()
}

// Get reads Table under mu.
func Get(k string) string { // want Get:`^chanown\(reads xpkgdirect/table.Table under xpkgdirect/table.mu\)$`
	mu.Lock()
	defer mu.Unlock()
	return Table[k]
}
