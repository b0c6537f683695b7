// Package main covers HTTP handlers registered through a middleware
// (DESIGN §1 "goroutine context", §5 "Messages"): the context is named by
// the handler the middleware wraps, "HTTP handler login (through track)",
// starts at the registration, and runs what the middleware returns as well
// as the handler (audit's closure writes hits), through nested middleware
// calls too (track(logged(report))). A func literal registered in main is
// "HTTP handler func literal in main", not "HTTP handler main". The
// twins: direct goes through a middleware too but main calls the result,
// never registers it, and the func literal run by main is not a handler;
// both stay silent.
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
)

var (
	muS      sync.Mutex // want `^muS guards sessions, shared by concurrent runs of HTTP handler login \(through track\); give it one owner goroutine reached over a channel; a fix is offered$`
	sessions = map[string]string{}

	muH  sync.Mutex // want `^muH guards hits, shared by HTTP handler report \(through audit\) and HTTP handler report \(through track\); give it one owner goroutine reached over a channel; a fix is offered$`
	hits = map[string]int{}

	muL   sync.Mutex // want `^muL guards lines, shared by concurrent runs of HTTP handler func literal in main; give it one owner goroutine reached over a channel; a fix is offered$`
	lines []string

	muD   sync.Mutex // ok: direct and the literal run only in main, never registered
	calls []string
)

// track takes a HandlerFunc: login is converted in main, then wrapped.
func track(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		next(w, r)
	}
}

// audit takes a plain func and converts the closure it returns.
func audit(next func(http.ResponseWriter, *http.Request)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		muH.Lock()
		hits[r.URL.Path]++
		muH.Unlock()
		next(w, r)
	})
}

// logged wraps a HandlerFunc in a closure that counts hits too.
func logged(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		muH.Lock()
		hits["logged"]++
		muH.Unlock()
		next(w, r)
	}
}

// wrap returns a plain func: calling it runs next here.
func wrap(next func(http.ResponseWriter, *http.Request)) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) { next(w, r) }
}

func login(w http.ResponseWriter, r *http.Request) {
	muS.Lock()
	sessions[r.FormValue("user")] = "token"
	muS.Unlock()
}

func report(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") }

func direct(w http.ResponseWriter, r *http.Request) {
	muD.Lock()
	calls = append(calls, r.URL.Path)
	muD.Unlock()
}

func main() {
	h := wrap(direct)
	h(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	func() {
		muD.Lock()
		calls = nil
		muD.Unlock()
	}()
	mux := http.NewServeMux()
	mux.HandleFunc("/login", track(login))
	mux.Handle("/audit", audit(report))
	mux.HandleFunc("/nested", track(logged(report)))
	mux.HandleFunc("/lines", func(w http.ResponseWriter, r *http.Request) {
		muL.Lock()
		lines = append(lines, r.URL.Path)
		muL.Unlock()
	})
	_ = http.ListenAndServe("localhost:8080", mux)
}
