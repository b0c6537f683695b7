// Package endless covers a library entry that never returns after it // want package:`chanown\(module\ "";\ reported\ endless\.mu,endless\.mu2;\ counts\ \)`
// starts a goroutine (DESIGN §5 "Happens-before"): without -exported the
// callers of exported functions are one thread of control, and once serve
// has started its watcher it blocks forever (select {}), so no call can
// write path while the watcher runs: setPath's write before the go
// statement is ordered before the watcher (silent), also when serve is
// run through a command table that package initialisation fills, and
// when a test calls it too (endless_test.go). The
// twin, Start, returns after starting its watcher, so a second call
// writes path2 while the first watcher runs (reported).
package endless

import "sync"

var (
	mu   sync.Mutex // want `^mu guards path, shared by callers of exported functions and goroutine started in serve; give it one owner goroutine reached over a channel$`
	path string

	mu2   sync.Mutex // want `^mu2 guards path2, shared by callers of exported functions and goroutine started in Start; give it one owner goroutine reached over a channel$`
	path2 string
)

func setPath(p string) {
	path = p // ok: serve never returns after starting watch, so its callers cannot write path while watch runs
}

func watch() {
	for {
		mu.Lock()
		path += "."
		mu.Unlock()
	}
}

// commands is a command table, as a CLI keeps: package initialisation
// stores serve in it, which does not run it.
var commands = map[string]func(string){"serve": serve}

// Run runs a command.
func Run(name, arg string) { commands[name](arg) } // want Run:`^chanown\(writes\ endless\.path;\ starts\ goroutine\ started\ in\ endless\.serve\ \(2\ accesses\)\)$`

// serve sets the path, starts the watcher and blocks forever.
func serve(p string) {
	setPath(p)
	go watch()
	select {}
}

func setPath2(p string) {
	path2 = p // want `^path2 written without holding mu2; goroutine started in Start also accesses it$`
}

func watch2() {
	for {
		mu2.Lock()
		path2 += "."
		mu2.Unlock()
	}
}

// Start sets the path and starts the watcher, and returns.
func Start(p string) { // want Start:`^chanown\(writes\ endless\.path2\ \(reported\);\ starts\ goroutine\ started\ in\ endless\.Start\ \(2\ accesses\)\)$`
	setPath2(p)
	go watch2()
}
