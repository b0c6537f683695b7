package main

import "sync"

// A local func value that a literal captures (apply := func(…) {…};
// go func() { apply(…) }()) is the literal bound to it: the goroutine
// runs apply, which writes configs under configMu beside main (reported).
// The twin captures its local func value in a literal that runs in
// place, so records is reached by main alone (silent).
var (
	configMu sync.Mutex // want `^configMu guards configs, shared by main and goroutine started in load; give it one owner goroutine reached over a channel; a fix is offered$`
	configs  []string

	recordMu sync.Mutex // ok: the literal that calls record runs synchronously in load
	records  []string
)

func load(next string) {
	apply := func(c string) {
		configMu.Lock()
		configs = append(configs, c)
		configMu.Unlock()
	}
	go func() { apply(next) }()

	record := func(r string) {
		recordMu.Lock()
		records = append(records, r)
		recordMu.Unlock()
	}
	func() { record(next) }()
}

func reload() {
	load("next")
	configMu.Lock()
	configs = append(configs, "main")
	configMu.Unlock()
	recordMu.Lock()
	records = append(records, "main")
	recordMu.Unlock()
}
