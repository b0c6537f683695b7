// Package main covers -categories=directive: shared reports are switched
// off, so mu stays silent although it is shared exactly as in package
// categoriesshared, while a malformed directive is still reported.
package main

import "sync"

var (
	mu   sync.Mutex // ok: the shared category is not enabled
	hits []string
)

func add(k string) {
	mu.Lock()
	hits = append(hits, k)
	mu.Unlock()
}

func main() {
	go add("a")
	// want +1 `^unknown chanown directive "chanown:frobnicate"$`
	//chanown:frobnicate
	add("b")
}
