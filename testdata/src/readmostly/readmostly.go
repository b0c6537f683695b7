// Package main covers read-mostly groups: cfg is written under cfgMu.Lock
// only by one non-multiple context (the reloader goroutine) and read under
// RLock by main and an HTTP handler, so the report suggests an atomic
// pointer swap or keeping the RWMutex. The twin, limits, is written by
// refreshers started in a loop (a multiple context), so it gets the default
// message.
package main

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

var (
	cfgMu sync.RWMutex // want `^cfgMu guards cfg, written only by goroutine started in startReloader and read under RLock by main and HTTP handler handleConfig; consider an atomic\.Pointer swap or keep the RWMutex$`
	cfg   map[string]string

	limitsMu sync.RWMutex // want `^limitsMu guards limits, shared by main and goroutine started in startRefreshers; give it one owner goroutine reached over a channel$`
	limits   map[string]int
)

func load() map[string]string { return map[string]string{"k": "v"} }

func reloader() {
	for {
		time.Sleep(time.Minute)
		next := load()
		cfgMu.Lock()
		cfg = next
		cfgMu.Unlock()
	}
}

func startReloader() { go reloader() }

func lookup(k string) string {
	cfgMu.RLock()
	defer cfgMu.RUnlock()
	return cfg[k]
}

func handleConfig(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, lookup(r.URL.Path))
}

func refresh(i int) {
	limitsMu.Lock()
	limits = map[string]int{"max": i}
	limitsMu.Unlock()
}

func startRefreshers() {
	for i := range 3 {
		go refresh(i)
	}
}

func limit(k string) int {
	limitsMu.RLock()
	defer limitsMu.RUnlock()
	return limits[k]
}

func main() {
	cfg = load()
	startReloader()
	startRefreshers()
	http.HandleFunc("/config", handleConfig)
	fmt.Println(lookup("k"), limit("max"))
	_ = http.ListenAndServe("localhost:8080", nil)
}
