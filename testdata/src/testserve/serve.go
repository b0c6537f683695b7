// Package main covers what a test file meets in the test binary (DESIGN
// §5 "Test files"). A handler without a site (a ServeHTTP method) runs
// only where code the callers run serves it, and no test here does: the
// tests' writes of motd1 are no race with it (silent), while the
// goroutine that init starts runs from before any test: TestMotd2's
// write of motd2, which it reads, is reported. TestMain writes motd3 and
// motd4: like any test function, it meets init's goroutine (motd4
// reported) and not the handler (motd3 silent).
// initCache, which main runs, is no init function, whatever its name:
// TestMotd5's write of motd5, which its goroutine reads, is silent.
package main

import (
	"net/http"
	"sync"
	"time"
)

var (
	mu1   sync.Mutex // want `^mu1 guards motd1, shared by main and HTTP handler handler\.ServeHTTP; give it one owner goroutine reached over a channel$`
	motd1 string

	mu2   sync.Mutex // want `^mu2 guards motd2 and motd4, shared by main and goroutine started in init; give them one owner goroutine reached over a channel$`
	motd2 string
	motd4 string

	mu5   sync.Mutex // want `^mu5 guards motd5, shared by main and goroutine started in initCache; give it one owner goroutine reached over a channel$`
	motd5 string

	mu3   sync.Mutex // want `^mu3 guards motd3, shared by main and HTTP handler handler\.ServeHTTP; give it one owner goroutine reached over a channel$`
	motd3 string
)

type handler struct{}

func (handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	mu1.Lock()
	s := motd1
	mu1.Unlock()
	mu3.Lock()
	s += motd3
	mu3.Unlock()
	w.Write([]byte(s))
}

func watch() {
	for {
		mu2.Lock()
		println(motd2, motd4)
		mu2.Unlock()
		time.Sleep(time.Second)
	}
}

func init() {
	go watch()
}

// setups are what main runs first; package initialisation only stores
// initCache here.
var setups = []func(){initCache}

func initCache() {
	go refresh()
}

func refresh() {
	for {
		mu5.Lock()
		println(motd5)
		mu5.Unlock()
		time.Sleep(time.Second)
	}
}

func main() {
	for _, f := range setups {
		f()
	}
	mu1.Lock()
	motd1 = "hello"
	mu1.Unlock()
	mu2.Lock()
	motd2, motd4 = "hello", "hello"
	mu2.Unlock()
	mu3.Lock()
	motd3 = "hello"
	mu3.Unlock()
	mu5.Lock()
	motd5 = "hello"
	mu5.Unlock()
	http.ListenAndServe(":8080", handler{})
}
