// Package main covers RWMutex with Lock for writes and RLock for reads.
// rw/table is written under Lock by both main and the worker, so it is not
// read-mostly and gets the default message. rw2/routes is written only by
// initialisation and read under RLock, so it has no guard (silent twin).
package main

import "sync"

var (
	rw    sync.RWMutex // want `^rw guards table, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	table = map[string]string{}

	rw2    sync.RWMutex // ok: routes is never written after initialisation
	routes = map[string]string{"/": "index"}
)

func put(k, v string) {
	rw.Lock()
	table[k] = v
	rw.Unlock()
}

func get(k string) string {
	rw.RLock()
	defer rw.RUnlock()
	return table[k]
}

func route(path string) string {
	rw2.RLock()
	defer rw2.RUnlock()
	return routes[path]
}

func main() {
	go func() {
		put("a", "1")
		_ = get("b")
		_ = route("/")
	}()
	put("b", "2")
	_ = get("a")
	_ = route("/x")
}
