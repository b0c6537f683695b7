// Package ext implements interfaces of ifacecall/lib but imports only // want package:`chanown\(module ""; reported ifacecall/ext.countMu; counts ; invokes ifacecall/lib.Handler.Handle in goroutine started in \(\*Server\).Serve \(multiple\) of ifacecall/lib; invokes ifacecall/lib.Service.Serve in goroutine started in \(\*Supervisor\).Add of ifacecall/lib\)`
// ifacecall/mid, which hands its values to lib: its types are converted
// to lib.Handler and lib.Config at the call of mid.Serve. lib calls
// Handler.Handle on goroutines of its own, and mid's package fact passes
// that on, so (*counter).Handle is a context (reported). The twin is
// labeler, a lib.Config whose Name lib calls only in its callers'
// context (silent).
package ext

import (
	"sync"

	"ifacecall/mid"
)

var (
	countMu sync.Mutex // want `^countMu guards count, shared by callers of exported functions and callback \(\*counter\)\.Handle \(called on goroutines of lib\); give it one owner goroutine reached over a channel`
	count   = map[string]int{}

	labelMu sync.Mutex // ok: lib calls Config.Name only in its callers' context
	label   = map[string]int{}
)

type counter struct{}

func (*counter) Handle(req string) { // want Handle:`chanown\(reads ifacecall/ext.count under ifacecall/ext.countMu; writes ifacecall/ext.count under ifacecall/ext.countMu\)`
	countMu.Lock()
	count[req]++
	countMu.Unlock()
}

type labeler struct{}

func (labeler) Name() string { // want Name:`chanown\(reads ifacecall/ext.label under ifacecall/ext.labelMu; writes ifacecall/ext.label under ifacecall/ext.labelMu\)`
	labelMu.Lock()
	defer labelMu.Unlock()
	label["name"]++
	return "ext"
}

// Run serves reqs through mid, and counts the run.
func Run(reqs []string) { // want Run:`chanown\(reads ifacecall/ext.count under ifacecall/ext.countMu; writes ifacecall/ext.count under ifacecall/ext.countMu; reads ifacecall/ext.label under ifacecall/ext.labelMu; writes ifacecall/ext.label under ifacecall/ext.labelMu\)`
	mid.Serve(&counter{}, labeler{}, reqs)
	countMu.Lock()
	count["run"]++
	countMu.Unlock()
	labelMu.Lock()
	label["run"]++
	labelMu.Unlock()
}
