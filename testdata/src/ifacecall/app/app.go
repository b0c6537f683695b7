// Package app implements the interfaces of ifacecall/lib. lib calls // want package:`chanown\(module ""; reported ifacecall/app.hitsMu,ifacecall/app.jobsMu; counts ; invokes ifacecall/lib.Handler.Handle in goroutine started in \(\*Server\).Serve \(multiple\) of ifacecall/lib; invokes ifacecall/lib.Service.Serve in goroutine started in \(\*Supervisor\).Add of ifacecall/lib\)`
// Handler.Handle and Service.Serve on goroutines of its own, so each
// method of a type of app converted to one of them is a context of its
// own (reported beside Reset, in the callers' context). Twins: a type
// with the same Handle method that is never converted to lib.Handler,
// a lib.Config whose Name lib calls only in its callers' context, and
// an io.Writer, whose Write lib calls on a goroutine but which is not
// an interface of lib's module.
package app

import (
	"sync"

	"ifacecall/lib"
)

var (
	hitsMu sync.Mutex // want `^hitsMu guards hits, shared by callers of exported functions and callback \(\*handler\)\.Handle \(called on goroutines of lib\); give it one owner goroutine reached over a channel`
	hits   = map[string]int{}

	jobsMu sync.Mutex // want `^jobsMu guards jobs, shared by callers of exported functions and callback \(\*worker\)\.Serve \(called on goroutines of lib\); give it one owner goroutine reached over a channel`
	jobs   = map[string]int{}

	strayMu sync.Mutex // ok: (*strayHandler).Handle: strayHandler is never converted to lib.Handler
	stray   = map[string]int{}

	namesMu sync.Mutex // ok: lib calls Config.Name only in its callers' context
	names   = map[string]int{}

	linesMu sync.Mutex // ok: io.Writer is not an interface of lib's module
	lines   = map[string]int{}
)

type handler struct{}

// The interface guard is the only conversion.
var _ lib.Handler = (*handler)(nil)

func (*handler) Handle(req string) { // want Handle:`chanown\(reads ifacecall/app.hits under ifacecall/app.hitsMu; writes ifacecall/app.hits under ifacecall/app.hitsMu\)`
	hitsMu.Lock()
	hits[req]++
	hitsMu.Unlock()
}

type worker struct{}

func (*worker) Serve() { // want Serve:`chanown\(reads ifacecall/app.jobs under ifacecall/app.jobsMu; writes ifacecall/app.jobs under ifacecall/app.jobsMu\)`
	jobsMu.Lock()
	jobs["serve"]++
	jobsMu.Unlock()
}

type strayHandler struct{}

func (*strayHandler) Handle(req string) { // want Handle:`chanown\(reads ifacecall/app.stray under ifacecall/app.strayMu; writes ifacecall/app.stray under ifacecall/app.strayMu\)`
	strayMu.Lock()
	stray[req]++
	strayMu.Unlock()
}

type config struct{}

func (config) Name() string { // want Name:`chanown\(reads ifacecall/app.names under ifacecall/app.namesMu; writes ifacecall/app.names under ifacecall/app.namesMu\)`
	namesMu.Lock()
	defer namesMu.Unlock()
	names["name"]++
	return "app"
}

type logger struct{}

func (logger) Write(p []byte) (int, error) { // want Write:`chanown\(reads ifacecall/app.lines under ifacecall/app.linesMu; writes ifacecall/app.lines under ifacecall/app.linesMu\)`
	linesMu.Lock()
	defer linesMu.Unlock()
	lines[string(p)]++
	return len(p), nil
}

// Start runs a supervisor and a server.
func Start() { // want Start:`chanown\(invokes ifacecall/lib.Config.Name; invokes ifacecall/lib.Service.Serve\)`
	new(lib.Supervisor).Add(&worker{})
	lib.NewServer(nil, config{}, logger{}).Serve(nil)
}

// Reset clears everything, in the callers' context.
func Reset() { // want Reset:`chanown\(writes ifacecall/app.hits under ifacecall/app.hitsMu; .*writes ifacecall/app.stray under ifacecall/app.strayMu\)`
	hitsMu.Lock()
	hits = map[string]int{}
	hitsMu.Unlock()
	jobsMu.Lock()
	jobs = map[string]int{}
	jobsMu.Unlock()
	strayMu.Lock()
	stray = map[string]int{}
	strayMu.Unlock()
	namesMu.Lock()
	names = map[string]int{}
	namesMu.Unlock()
	linesMu.Lock()
	lines = map[string]int{}
	linesMu.Unlock()
}
