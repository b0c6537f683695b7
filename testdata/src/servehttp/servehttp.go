// Package main covers ServeHTTP methods: every ServeHTTP method is a
// handler context, and handlers are multiple, so (*stats).ServeHTTP alone
// makes hits shared. The twin, (*stats).record, has the same body but is an
// ordinary method called once by main, and stays silent. The locks are
// globals, not fields of the receiver.
package main

import (
	"net/http"
	"sync"
)

var (
	mu   sync.Mutex // want `^mu guards hits, shared by concurrent runs of HTTP handler \(\*stats\)\.ServeHTTP; give it one owner goroutine reached over a channel; a fix is offered$`
	hits = map[string]int{}

	mu2   sync.Mutex // ok: record runs once, from main
	paths = map[string]int{}
)

type stats struct{}

func (s *stats) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	hits[r.URL.Path]++
	mu.Unlock()
}

func (s *stats) record(path string) {
	mu2.Lock()
	paths[path]++
	mu2.Unlock()
}

func main() {
	s := &stats{}
	http.Handle("/", s)
	s.record("/")
	_ = http.ListenAndServe("localhost:8080", nil)
}
