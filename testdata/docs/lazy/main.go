// Command lazy is the lazy-initialisation variant of the shared message
// that docs/chanown.md quotes (cmd/chanown/docs_test.go).
package main

import (
	"net/http"
	"sync"
)

var (
	mu     sync.Mutex
	client *http.Client
)

func getClient() *http.Client {
	mu.Lock()
	defer mu.Unlock()
	if client == nil {
		client = &http.Client{}
	}
	return client
}

func serve(w http.ResponseWriter, r *http.Request) {
	getClient().Get("https://example.com" + r.URL.Path)
}

func main() {
	http.HandleFunc("/", serve)
	go http.ListenAndServe(":8080", nil)
	getClient()
}
