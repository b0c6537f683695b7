// Package main is handleronly with the method named serve: not a
// handler, so one context and nothing to report.
package main

import (
	"net/http"
	"sync"
)

var (
	mu     sync.Mutex // ok: only main
	visits map[string]int
)

type counter struct{}

func (counter) serve(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	visits[r.URL.Path]++
	mu.Unlock()
}

func main() {
	counter{}.serve(nil, &http.Request{})
}
