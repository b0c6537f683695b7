// Package main covers a second context that is neither a go statement nor
// a spawner call: a ServeHTTP method is an HTTP handler, run by many
// goroutines at once (DESIGN §1). Its twin, handlerless, names the method
// serve and is silent.
package main

import (
	"net/http"
	"sync"
)

var (
	mu     sync.Mutex // want `^mu guards visits, shared by concurrent runs of HTTP handler counter\.ServeHTTP; give it one owner goroutine reached over a channel; a fix is offered$`
	visits map[string]int
)

type counter struct{}

func (counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	visits[r.URL.Path]++
	mu.Unlock()
}

func main() {}
