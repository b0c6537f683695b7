// Package main covers a reference count and a map guarded by one mutex:
// the lock is reported because of the map, and the report names the map
// only. mu2 guards a count alone and stays silent.
package main

import "sync"

var (
	mu        sync.Mutex // want `^mu guards sessions, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	nsessions int
	sessions  = map[string]string{}

	mu2    sync.Mutex // ok: it guards only a reference count
	nconns int
)

func open(id, user string) {
	mu.Lock()
	defer mu.Unlock()
	nsessions++
	sessions[id] = user
}

func closeSession(id string) {
	mu.Lock()
	defer mu.Unlock()
	if _, ok := sessions[id]; ok {
		nsessions--
		delete(sessions, id)
	}
}

func connect() {
	mu2.Lock()
	nconns++
	mu2.Unlock()
}

func main() {
	go func() {
		open("1", "ann")
		connect()
	}()
	open("2", "bob")
	closeSession("1")
	connect()
}
