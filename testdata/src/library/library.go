// Package library covers the caller context of a non-main package // want package:`chanown\(module\ "";\ reported\ library\.mu;\ counts\ \)`
// ("callers of exported functions", entered through exported functions
// only). Unlike main, it is not a context that runs once: Start's write
// before its go statement is not initialisation, because Start can be
// called again while the pump it started still runs, so events is shared by
// the callers and the pump (reported). names is touched only by exported
// functions that start no goroutine; without -exported the callers form one
// context that is not multiple (silent twin).
package library

import "sync"

var (
	mu     sync.Mutex // want `^mu guards events, shared by callers of exported functions and goroutine started in Start; give it one owner goroutine reached over a channel; a fix is offered$`
	events []string

	mu2   sync.Mutex // ok: only the caller context touches names, and without -exported it is not multiple
	names []string
)

// Start resets the event log and starts a pump that appends to it.
func Start() { // want Start:`^chanown\(writes\ library\.events\ under\ library\.mu;\ starts\ goroutine\ started\ in\ library\.Start\ \(2\ accesses\)\)$`
	mu.Lock()
	events = nil
	mu.Unlock()
	go pump()
}

func pump() {
	mu.Lock()
	events = append(events, "tick")
	mu.Unlock()
}

// Add records a name.
func Add(n string) { // want Add:`^chanown\(reads\ library\.names\ under\ library\.mu2;\ writes\ library\.names\ under\ library\.mu2\)$`
	mu2.Lock()
	defer mu2.Unlock()
	names = append(names, n)
}

// Has reports whether n was added.
func Has(n string) bool { // want Has:`^chanown\(reads\ library\.names\ under\ library\.mu2\)$`
	mu2.Lock()
	defer mu2.Unlock()
	for _, m := range names {
		if m == n {
			return true
		}
	}
	return false
}
