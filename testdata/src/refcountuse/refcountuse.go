// Package main covers where a reference count's value may go (DESIGN §1
// "reference count"): inFlight is returned by a getter, printed by a
// /stats handler and passed by value, and stays a count, so its mutex is
// silent. Its twin nAddr is the same counter whose address is passed to a
// function (a pointer can write anything): reported like any other shared
// global, and so is nStored, whose address is stored. A count is still
// raced on like any other global: racy reads it in a handler without
// racyMu, and that is unguarded.
package main

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
)

var (
	inFlightMu sync.Mutex // ok: inFlight is a count, read anywhere by value
	inFlight   int

	muAddr sync.Mutex // want `^muAddr guards nAddr, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	nAddr  int

	muStored sync.Mutex // want `^muStored guards nStored and last, shared by main and goroutine started in main; give them one owner goroutine reached over a channel$`
	nStored  int
	last     *int

	racyMu sync.Mutex // ok: racy is a count; its race is reported where it is read
	racy   int
)

func track(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		inFlightMu.Lock()
		inFlight++
		inFlightMu.Unlock()
		next(w, r)
		inFlightMu.Lock()
		inFlight -= 1
		inFlightMu.Unlock()
	}
}

// current is a getter: the count leaves the critical section by value.
func current() int {
	inFlightMu.Lock()
	defer inFlightMu.Unlock()
	return inFlight
}

func label(n int) string { return strconv.Itoa(n) }

func stats(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "in flight: %d\n", current())
	inFlightMu.Lock()
	fmt.Fprintln(w, inFlight, label(inFlight))
	if inFlight > 100 {
		inFlight = 0
	}
	inFlightMu.Unlock()
}

func hello(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") }

func inc(p *int) { *p++ }

func bump() {
	muAddr.Lock()
	defer muAddr.Unlock()
	inc(&nAddr)
}

func remember() {
	muStored.Lock()
	defer muStored.Unlock()
	nStored++
	last = &nStored
}

func hit(w http.ResponseWriter, r *http.Request) {
	racyMu.Lock()
	racy++
	racyMu.Unlock()
	fmt.Fprintln(w, racy) // want `^racy read without holding racyMu; another run of HTTP handler hit also writes it$`
}

func work() {
	bump()
	remember()
}

func main() {
	go work()
	work()
	http.HandleFunc("/", track(hello))
	http.HandleFunc("/stats", stats)
	http.HandleFunc("/hit", hit)
	fmt.Println(current())
	_ = http.ListenAndServe("localhost:8080", nil)
}
