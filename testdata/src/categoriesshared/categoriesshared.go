// Package main covers -categories=shared: the same code as package
// categoriesdirective, but only shared is enabled, so mu is reported and
// the malformed directive is not.
package main

import "sync"

var (
	mu   sync.Mutex // want `^mu guards hits, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	hits []string
)

func add(k string) {
	mu.Lock()
	hits = append(hits, k)
	mu.Unlock()
}

func main() {
	go add("a")
	// ok: the directive below is not reported: the directive category is not enabled
	//chanown:frobnicate
	add("b")
}
