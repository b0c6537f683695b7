// Package main covers interface method calls (DESIGN §1 "reach"): an HTTP
// handler calls src.Fetch, and the only type of the package converted to
// source is *memSource, whose Fetch reads cache under cacheMu; main writes
// cache too, so the group is shared by main and the handler (reported).
// The twin, notes behind the interface store, is reached through the
// interface by main alone (silent). A type that has a Fetch method but is
// never converted to an interface (diskSource) is not a target of the
// handler's call: disk, which its Fetch reads, is touched by main alone
// (silent).
package main

import (
	"net/http"
	"sync"
)

var (
	cacheMu sync.Mutex // want `^cacheMu guards cache, shared by main and HTTP handler serve; give it one owner goroutine reached over a channel; a fix is offered$`
	cache   = map[string]string{}

	notesMu sync.Mutex // ok: store.Put runs only in main
	notes   = map[string]string{}

	diskMu sync.Mutex // ok: diskSource is never converted to source, so the handler never reaches its Fetch
	disk   = map[string]string{}
)

type source interface{ Fetch(k string) string }

type memSource struct{}

func (*memSource) Fetch(k string) string {
	cacheMu.Lock()
	defer cacheMu.Unlock()
	return cache[k]
}

type diskSource struct{}

func (diskSource) Fetch(k string) string {
	diskMu.Lock()
	defer diskMu.Unlock()
	return disk[k]
}

type store interface{ Put(k, v string) }

type noteStore struct{}

func (noteStore) Put(k, v string) {
	notesMu.Lock()
	notes[k] = v
	notesMu.Unlock()
}

var src source = &memSource{}

func serve(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(src.Fetch(r.URL.Path)))
}

func main() {
	var st store = noteStore{}
	st.Put("a", "b")
	diskMu.Lock()
	disk["x"] = "y"
	diskMu.Unlock()
	http.HandleFunc("/", serve)
	cacheMu.Lock()
	cache["/"] = "home"
	cacheMu.Unlock()
	http.ListenAndServe(":8080", nil)
}
