// Package main covers paths that conflict with their prefixes (DESIGN §5):
// cfg and cfg.Greeting touch the same memory. A reload goroutine replaces
// the whole value under its lock (a struct, cfg = c, or a pointer,
// pcfg = &c) while an HTTP handler reads one field without the lock:
// unguarded, at the read. The twins read the field holding the lock
// (greeting, pgreeting). The other direction, a field written under the
// lock and the whole value read without it (snapshot), is unguarded too;
// its twin (lockedSnapshot) holds the lock. stats is a struct of
// counters, reset and read whole under statsMu while a worker counts:
// counters are what a mutex is for, so statsMu is silent; its twin gauge
// has a field set to any value (not a count), and gaugeMu is reported.
// A pointer global that is never reassigned (reg) is other memory than
// the fields it points to: loading it without the lock (registry) while
// a worker writes reg.Names under regMu is silent, unlike snapshot.
package main

import (
	"net/http"
	"sync"
)

type Config struct {
	Greeting string
	Port     int
}

var (
	cfgMu sync.Mutex // want `^cfgMu guards cfg, shared by main, goroutine started in main and 1 more; give it one owner goroutine reached over a channel$`
	cfg   Config
)

var (
	pcfgMu sync.Mutex // want `^pcfgMu guards pcfg, shared by main, goroutine started in main and 1 more; give it one owner goroutine reached over a channel$`
	pcfg   = &Config{}
)

var (
	limMu  sync.Mutex // want `^limMu guards limits.Port, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	limits Config
)

type Registry struct{ Names map[string]int }

var (
	regMu sync.Mutex // want `^regMu guards reg.Names, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	reg   = &Registry{Names: map[string]int{}}
)

func register(n string) {
	regMu.Lock()
	reg.Names[n] = 1
	regMu.Unlock()
}

func registered() int {
	regMu.Lock()
	defer regMu.Unlock()
	return len(reg.Names)
}

func registry() *Registry {
	return reg // ok: loads the pointer, which nobody reassigns; its fields are other memory
}

type Stats struct{ Done, Failed int }

var (
	statsMu sync.Mutex // ok: stats is a struct of counters, reset and read whole under statsMu
	stats   Stats

	gaugeMu sync.Mutex // want `^gaugeMu guards gauge and gauge.Done, shared by main and goroutine started in main; give them one owner goroutine reached over a channel; a fix is offered$`
	gauge   Stats
)

func work(n int) {
	statsMu.Lock()
	stats.Done++
	statsMu.Unlock()
	gaugeMu.Lock()
	gauge.Done = n
	gaugeMu.Unlock()
}

func resetStats() Stats {
	statsMu.Lock()
	defer statsMu.Unlock()
	s := stats
	stats = Stats{}
	gaugeMu.Lock()
	defer gaugeMu.Unlock()
	gauge = Stats{}
	return s
}

func reload(c Config) {
	cfgMu.Lock()
	cfg = c
	cfgMu.Unlock()
	pcfgMu.Lock()
	pcfg = &c
	pcfgMu.Unlock()
	limMu.Lock()
	limits.Port = c.Port
	limMu.Unlock()
}

func handler(w http.ResponseWriter, r *http.Request) {
	w.Write([]byte(cfg.Greeting))  // want `^cfg.Greeting read without holding cfgMu; goroutine started in main also writes cfg$`
	w.Write([]byte(pcfg.Greeting)) // want `^pcfg.Greeting read without holding pcfgMu; goroutine started in main also writes pcfg$`
}

// describe reads two fields of cfg without cfgMu: one fix, so one
// report, the second line in its Related (DESIGN §5 "One report per
// fix"); handler's reads of cfg and pcfg are two globals, two reports.
func describe() (int, string) {
	p := cfg.Port     // want `^cfg.Port read without holding cfgMu; goroutine started in main also writes cfg$`
	g := cfg.Greeting // ok: the same fix as the line above, in its Related
	return p, g
}

func greeting() string {
	cfgMu.Lock()
	defer cfgMu.Unlock()
	return cfg.Greeting // ok: the twin of handler's read, holding cfgMu
}

func pgreeting() string {
	pcfgMu.Lock()
	defer pcfgMu.Unlock()
	return pcfg.Greeting // ok: the twin of handler's read, holding pcfgMu
}

func snapshot() Config {
	return limits // want `^limits read without holding limMu; goroutine started in main also writes limits.Port$`
}

func lockedSnapshot() Config {
	limMu.Lock()
	defer limMu.Unlock()
	return limits // ok: the twin of snapshot, holding limMu
}

func main() {
	go func() {
		for {
			reload(Config{})
			work(1)
			register("w")
		}
	}()
	println(resetStats().Done)
	println(registered(), registry() != nil)
	println(greeting(), pgreeting())
	println(describe())
	println(snapshot().Port, lockedSnapshot().Port)
	http.HandleFunc("/", handler)
	http.ListenAndServe(":8080", nil)
}
