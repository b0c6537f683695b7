// Package endless covers a library entry that never returns after it // want package:`chanown\(module\ "";\ reported\ endless\.mu,endless\.mu2,endless\.mu3,endless\.mu4;\ counts\ \)`
// starts a goroutine (DESIGN §5 "Happens-before"): without -exported the
// callers of exported functions are one thread of control, and once serve
// has started its watcher it blocks forever (select {}), so no call can
// write path while the watcher runs: setPath's write before the go
// statement is ordered before the watcher (silent), also when serve is
// run through a command table that package initialisation fills, and
// when a test calls it too (endless_test.go). The
// twin, Start, returns after starting its watcher, so a second call
// writes path2 while the first watcher runs (reported). serve3 starts
// its watcher from a function literal that it makes after writing path3
// (silent: the literal cannot run before it is made); its twin serve4
// makes the literal and runs it before writing path4 (reported).
package endless

import "sync"

var (
	mu   sync.Mutex // want `^mu guards path, shared by callers of exported functions and goroutine started in serve; give it one owner goroutine reached over a channel$`
	path string

	mu2   sync.Mutex // want `^mu2 guards path2, shared by callers of exported functions and goroutine started in Start; give it one owner goroutine reached over a channel$`
	path2 string

	mu3   sync.Mutex // want `^mu3 guards path3, shared by callers of exported functions and goroutine started in serve3; give it one owner goroutine reached over a channel$`
	path3 string

	mu4   sync.Mutex // want `^mu4 guards path4, shared by callers of exported functions and goroutine started in serve4; give it one owner goroutine reached over a channel$`
	path4 string
)

// reload3 and reload4 hold the hooks that serve3 and serve4 install.
var reload3, reload4 func()

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
var commands = map[string]func(string){"serve": serve, "serve3": serve3, "serve4": serve4}

// Run runs a command.
func Run(name, arg string) { commands[name](arg) } // want Run:`^chanown\(writes\ endless\.path;\ writes\ endless\.path3;\ writes\ endless\.path4\ \(reported\);\ starts\ goroutine\ started\ in\ endless\.serve\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ endless\.serve3\ \(2\ accesses\);\ starts\ goroutine\ started\ in\ endless\.serve4\ \(2\ accesses\)\)$`

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

func setPath3(p string) {
	path3 = p // ok: serve3 makes the literal that starts watch3 after this write, and never returns
}

func watch3() {
	for {
		mu3.Lock()
		path3 += "."
		mu3.Unlock()
	}
}

// serve3 sets the path, then installs and runs a hook that starts the
// watcher, and blocks forever.
func serve3(p string) {
	setPath3(p)
	reload3 = func() { go watch3() }
	reload3()
	select {}
}

func setPath4(p string) {
	path4 = p // want `^path4 written without holding mu4; goroutine started in serve4 also accesses it$`
}

func watch4() {
	for {
		mu4.Lock()
		path4 += "."
		mu4.Unlock()
	}
}

// serve4 installs and runs the hook before it sets the path.
func serve4(p string) {
	reload4 = func() { go watch4() }
	reload4()
	setPath4(p)
	select {}
}
