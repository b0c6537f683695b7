// Package main covers read-mostly groups (DESIGN §5): an RWMutex group
// whose every read holds RLock and every write Lock, written by one
// context that is not multiple (cfg, written by the reloader goroutine
// only) or read in more functions than it is written (drivers, filled by
// register from every handler run and read by two lookups). Both are
// reported with the advice to keep the RWMutex or publish copies through
// an atomic.Pointer. The twins keep the owner-goroutine advice: codecs has
// the shape of drivers under a plain Mutex; limits is written by
// refreshers started in a loop and read in fewer functions than written;
// plugins is written once under RLock; hooks is read under Lock by a
// function that only reads it.
package main

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

var (
	cfgMu sync.RWMutex // want `^cfgMu guards read-mostly cfg; keep the RWMutex or publish immutable copies via atomic\.Pointer$`
	cfg   map[string]string

	driversMu sync.RWMutex // want `^driversMu guards read-mostly drivers; keep the RWMutex or publish immutable copies via atomic\.Pointer$`
	drivers   = map[string]string{}

	codecsMu sync.Mutex // want `^codecsMu guards codecs, shared by main and HTTP handler handleCodec; give it one owner goroutine reached over a channel; a fix is offered$`
	codecs   = map[string]string{}

	limitsMu sync.RWMutex // want `^limitsMu guards limits, shared by main and 2 goroutines started in startRefreshers; give it one owner goroutine reached over a channel; a fix is offered$`
	limits   map[string]int

	pluginsMu sync.RWMutex // want `^pluginsMu guards plugins, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	plugins   = map[string]string{}

	hooksMu sync.RWMutex // want `^hooksMu guards hooks, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	hooks   = map[string]string{}
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

// register checks for a duplicate under Lock before it adds: writer code.
func register(name, dsn string) {
	driversMu.Lock()
	defer driversMu.Unlock()
	if _, dup := drivers[name]; dup {
		return
	}
	drivers[name] = dsn
}

func driver(name string) string {
	driversMu.RLock()
	defer driversMu.RUnlock()
	return drivers[name]
}

func hasDriver(name string) bool {
	driversMu.RLock()
	_, ok := drivers[name]
	driversMu.RUnlock()
	return ok
}

func handleDriver(w http.ResponseWriter, r *http.Request) {
	register(r.URL.Path, "dsn")
	fmt.Fprintln(w, driver(r.URL.Path), hasDriver("x"))
}

func registerCodec(name, c string) {
	codecsMu.Lock()
	defer codecsMu.Unlock()
	codecs[name] = c
}

func codec(name string) string {
	codecsMu.Lock()
	defer codecsMu.Unlock()
	return codecs[name]
}

func hasCodec(name string) bool {
	codecsMu.Lock()
	_, ok := codecs[name]
	codecsMu.Unlock()
	return ok
}

func handleCodec(w http.ResponseWriter, r *http.Request) {
	registerCodec(r.URL.Path, "gzip")
	fmt.Fprintln(w, codec(r.URL.Path), hasCodec("x"))
}

func refresh(i int) {
	limitsMu.Lock()
	limits = map[string]int{"max": i}
	limitsMu.Unlock()
}

func reset() {
	limitsMu.Lock()
	limits = nil
	limitsMu.Unlock()
}

func startRefreshers() {
	for i := range 3 {
		go refresh(i)
		go reset()
	}
}

func limit(k string) int {
	limitsMu.RLock()
	defer limitsMu.RUnlock()
	return limits[k]
}

func addPlugin(name string) {
	pluginsMu.RLock()
	plugins[name] = "on" // want `^plugins written while pluginsMu is only read-locked$`
	pluginsMu.RUnlock()
}

func plugin(name string) string {
	pluginsMu.RLock()
	defer pluginsMu.RUnlock()
	return plugins[name]
}

func hasPlugin(name string) bool {
	pluginsMu.RLock()
	defer pluginsMu.RUnlock()
	_, ok := plugins[name]
	return ok
}

func addHook(name string) {
	hooksMu.Lock()
	hooks[name] = "on"
	hooksMu.Unlock()
}

func hook(name string) string {
	hooksMu.Lock() // a reader that excludes the other readers
	defer hooksMu.Unlock()
	return hooks[name]
}

func hasHook(name string) bool {
	hooksMu.RLock()
	defer hooksMu.RUnlock()
	_, ok := hooks[name]
	return ok
}

func main() {
	cfg = load()
	startReloader()
	startRefreshers()
	go addPlugin("a")
	go addHook("a")
	http.HandleFunc("/config", handleConfig)
	http.HandleFunc("/driver", handleDriver)
	http.HandleFunc("/codec", handleCodec)
	fmt.Println(lookup("k"), limit("max"), driver("pg"), codec("gzip"), plugin("a"), hasPlugin("b"), hook("a"), hasHook("b"))
	_ = http.ListenAndServe("localhost:8080", nil)
}
