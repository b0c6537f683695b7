// Command readmostly is the read-mostly variant of the shared message
// that docs/chanown.md quotes: main fills cache, the handler only reads
// it under RLock (cmd/chanown/docs_test.go).
package main

import (
	"net/http"
	"sync"
)

var cache struct {
	sync.RWMutex
	m map[string]string
}

func serve(w http.ResponseWriter, r *http.Request) {
	cache.RLock()
	v := cache.m[r.URL.Path]
	cache.RUnlock()
	w.Write([]byte(v))
}

func main() {
	http.HandleFunc("/", serve)
	go http.ListenAndServe(":8080", nil)
	for {
		cache.Lock()
		cache.m = map[string]string{"/": "home"}
		cache.Unlock()
	}
}
