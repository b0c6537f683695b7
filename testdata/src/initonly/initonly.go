// Package main covers initialisation-only writes: table is written only in
// init (under muA, which changes nothing) and read under muA by main and a
// goroutine, so it has no non-initialisation write and no guard (silent).
// The twin, routes, is also written by reroute at run time (reported).
package main

import "sync"

var (
	muA   sync.Mutex // ok: table is written only by init
	table map[string]int

	muB    sync.Mutex // want `^muB guards routes, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	routes map[string]int
)

func init() {
	muA.Lock()
	table = map[string]int{"a": 1}
	muA.Unlock()
	routes = map[string]int{"/": 1}
}

func lookup(k string) int {
	muA.Lock()
	defer muA.Unlock()
	return table[k]
}

func route(k string) int {
	muB.Lock()
	defer muB.Unlock()
	return routes[k]
}

func reroute(k string) {
	muB.Lock()
	routes[k] = 2
	muB.Unlock()
}

func main() {
	go func() {
		_ = lookup("a")
		reroute("/b")
	}()
	_ = lookup("b")
	_ = route("/")
}
