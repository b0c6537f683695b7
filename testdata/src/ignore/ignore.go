// Package main covers //chanown:ignore with a reason: in the doc comment of
// a whole var block (covering every spec in it), in the doc comment of one
// spec, at the end of the line, with a category list naming shared, and
// with a first word that is not a category list (so it belongs to the
// reason and every category is ignored). Each suppressed lock has a
// reported twin without the directive (muD), and an ignore for another
// category (muE) suppresses nothing, so muE is still reported. Every lock
// here is shared by main and the worker goroutine.
package main

import "sync"

//chanown:ignore the worker pool rewrite gives these an owner goroutine
var (
	muA sync.Mutex // ok: covered by the ignore in the block's doc comment
	a   []string
)

var (
	//chanown:ignore shared single writer by construction, reviewed
	muB sync.Mutex // ok: covered by the ignore in its own doc comment
	b   []string

	// ok: covered by the ignore at the end of the next line
	muC sync.Mutex //chanown:ignore reviewed, an owner goroutine is planned
	c   []string

	//chanown:ignore shared,unguarded both are known and accepted here
	muF sync.Mutex // ok: covered by an ignore whose category list names shared
	f   []string

	//chanown:ignore shared,races are accepted in this legacy code
	muG sync.Mutex // ok: "shared,races" is not a category list, so it is part of the reason and all categories are ignored
	g   []string
)

var (
	muD sync.Mutex // want `^muD guards d, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	d   []string

	// want +1 `^chanown:ignore suppresses nothing$`
	//chanown:ignore unguarded the unguarded write is a known issue
	muE sync.Mutex // want `^muE guards e, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	e   []string
)

func touch(s string) {
	muA.Lock()
	a = append(a, s)
	muA.Unlock()

	muB.Lock()
	b = append(b, s)
	muB.Unlock()

	muC.Lock()
	c = append(c, s)
	muC.Unlock()

	muD.Lock()
	d = append(d, s)
	muD.Unlock()

	muE.Lock()
	e = append(e, s)
	muE.Unlock()

	muF.Lock()
	f = append(f, s)
	muF.Unlock()

	muG.Lock()
	g = append(g, s)
	muG.Unlock()
}

func main() {
	go touch("worker")
	touch("main")
}
