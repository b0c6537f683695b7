// Package main covers functions registered with net/http: handlers run
// concurrently with themselves, so one handler alone makes hits shared.
// (*http.ServeMux).HandleFunc and http.Handle(…, http.HandlerFunc(f)) each
// start a handler context too. The twin, handleOnce, has the same body but is
// called directly by main (after it registered the other handlers) instead of
// being registered, and stays silent.
package main

import (
	"net/http"
	"net/http/httptest"
	"sync"
)

var (
	mu   sync.Mutex // want `^mu guards hits, shared by concurrent runs of HTTP handler handleHits; give it one owner goroutine reached over a channel; a fix is offered$`
	hits = map[string]int{}

	mu2  sync.Mutex // ok: handleOnce is called once by main, not registered
	once = map[string]int{}

	mu3    sync.Mutex // want `^mu3 guards visits, shared by HTTP handler handleA and HTTP handler handleB; give it one owner goroutine reached over a channel; a fix is offered$`
	visits = map[string]int{}
)

func handleHits(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	hits[r.URL.Path]++
	mu.Unlock()
}

func handleOnce(w http.ResponseWriter, r *http.Request) {
	mu2.Lock()
	once[r.URL.Path]++
	mu2.Unlock()
}

func handleA(w http.ResponseWriter, r *http.Request) {
	mu3.Lock()
	visits["a"]++
	mu3.Unlock()
}

func handleB(w http.ResponseWriter, r *http.Request) {
	mu3.Lock()
	visits["b"]++
	mu3.Unlock()
}

func main() {
	http.HandleFunc("/hits", handleHits)
	handleOnce(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	mux := http.NewServeMux()
	mux.HandleFunc("/a", handleA)
	mux.Handle("/b", http.HandlerFunc(handleB))
	http.Handle("/", mux)
	_ = http.ListenAndServe("localhost:8080", nil)
}
