// Package main covers locks implied by a bool argument (caddy's
// provisionContext(cfg, replaceAdminServer)): load passes true holding
// cfgMu, check passes false holding nothing, and only the true branch
// replaces the admin server; apply passes its own parameter on and
// returns early when it is false. Every path to swapAdmin and
// swapRemote holds cfgMu, so their reads without serverMu are ordered
// with the writes, which hold cfgMu too. Silent. The twins differ in one
// property each: check2 passes true (not false), apply3's callers pass a
// value that is not a constant, and apply4's branch is taken when the
// parameter is false: reported.
package main

import "sync"

type server struct{ addr string }

var (
	cfgMu    sync.Mutex
	serverMu sync.Mutex // want `^serverMu guards admin and remote, shared by main and 2 goroutines started in main; give them one owner goroutine reached over a channel$`
	admin    *server
	remote   *server
)

func load(addr string) {
	cfgMu.Lock()
	defer cfgMu.Unlock()
	apply(addr, true)
}

func check(addr string) {
	apply(addr, false) // holds nothing, but never swaps
}

func apply(addr string, start bool) {
	provision(addr, start)
	if !start {
		return
	}
	swapRemote(addr)
}

func provision(addr string, replace bool) {
	if replace {
		swapAdmin(addr)
	}
}

func swapAdmin(addr string) {
	old := admin // ok: every call that may pass replace true holds cfgMu, as the writes do
	_ = old
	serverMu.Lock()
	admin = &server{addr}
	serverMu.Unlock()
}

func swapRemote(addr string) {
	old := remote // ok: apply reaches it only when start is true, under load's cfgMu
	_ = old
	serverMu.Lock()
	remote = &server{addr}
	serverMu.Unlock()
}

// shutdown reads both without any lock: a true race with the swaps.
func shutdown() {
	if admin != nil { // want `^admin read without holding serverMu; main also writes it$`
		_ = admin.addr
	}
	if remote != nil { // want `^remote read without holding serverMu; main also writes it$`
		_ = remote.addr
	}
}

var (
	cfg2Mu    sync.Mutex
	server2Mu sync.Mutex // want `^server2Mu guards admin2, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	admin2    *server
)

func load2(addr string) {
	cfg2Mu.Lock()
	defer cfg2Mu.Unlock()
	provision2(addr, true)
}

func check2(addr string) {
	provision2(addr, true) // passes true holding nothing
}

func provision2(addr string, replace bool) {
	if replace {
		swapAdmin2(addr)
	}
}

func swapAdmin2(addr string) {
	old := admin2 // want `^admin2 read without holding server2Mu; goroutine started in main also writes it$`
	_ = old
	server2Mu.Lock()
	admin2 = &server{addr}
	server2Mu.Unlock()
}

var (
	cfg3Mu    sync.Mutex
	server3Mu sync.Mutex // want `^server3Mu guards admin3, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	admin3    *server
	replace3  = true
)

func load3(addr string) {
	cfg3Mu.Lock()
	defer cfg3Mu.Unlock()
	provision3(addr, true)
}

func check3(addr string) {
	provision3(addr, !replace3) // not a constant: may be true
}

func provision3(addr string, replace bool) {
	if replace {
		swapAdmin3(addr)
	}
}

func swapAdmin3(addr string) {
	old := admin3 // want `^admin3 read without holding server3Mu; goroutine started in main also writes it$`
	_ = old
	server3Mu.Lock()
	admin3 = &server{addr}
	server3Mu.Unlock()
}

var (
	cfg4Mu    sync.Mutex
	server4Mu sync.Mutex // want `^server4Mu guards admin4, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	admin4    *server
)

func load4(addr string) {
	cfg4Mu.Lock()
	defer cfg4Mu.Unlock()
	provision4(addr, true)
}

func check4(addr string) {
	provision4(addr, false)
}

func provision4(addr string, keep bool) {
	if !keep {
		swapAdmin4(addr) // reached with keep false: check4's call, holding nothing
	}
}

func swapAdmin4(addr string) {
	old := admin4 // want `^admin4 read without holding server4Mu; goroutine started in main also writes it$`
	_ = old
	server4Mu.Lock()
	admin4 = &server{addr}
	server4Mu.Unlock()
}

// provision5 and provision6 are not called but passed to each, which
// calls them in place with true: the locks held where the function is
// passed count as held at that call. Every use of provision5 holds
// cfg5Mu (silent); check6 passes provision6 holding nothing (reported).
var (
	cfg5Mu    sync.Mutex
	server5Mu sync.Mutex // want `^server5Mu guards admin5, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	admin5    *server

	cfg6Mu    sync.Mutex
	server6Mu sync.Mutex // want `^server6Mu guards admin6, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	admin6    *server
)

func each(addr string, f func(string, bool)) { f(addr, true) }

func load5(addr string) {
	cfg5Mu.Lock()
	defer cfg5Mu.Unlock()
	each(addr, provision5)
}

func provision5(addr string, replace bool) {
	if replace {
		old := admin5 // ok: every use of provision5 holds cfg5Mu, as the writes do
		_ = old
		server5Mu.Lock()
		admin5 = &server{addr}
		server5Mu.Unlock()
	}
}

func load6(addr string) {
	cfg6Mu.Lock()
	defer cfg6Mu.Unlock()
	each(addr, provision6)
}

func check6(addr string) {
	each(addr, provision6) // holds nothing
}

func provision6(addr string, replace bool) {
	if replace {
		old := admin6 // want `^admin6 read without holding server6Mu; goroutine started in main also writes it$`
		_ = old
		server6Mu.Lock()
		admin6 = &server{addr}
		server6Mu.Unlock()
	}
}

func serve(addr string) {
	load5(addr)
	load6(addr)
	check6(addr)
	load(addr)
	check(addr)
	load2(addr)
	check2(addr)
	load3(addr)
	check3(addr)
	load4(addr)
	check4(addr)
}

func main() {
	go serve("a")
	go shutdown()
	serve("b")
}
