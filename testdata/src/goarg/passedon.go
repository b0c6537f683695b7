package main

import (
	"sync"
	"time"
)

// startPush starts a goroutine that hands its func parameter on to push,
// which calls it: startPush starts what its callers pass, so the literal
// main passes runs beside main and pushed is shared (reported). The
// twin, startLog, hands its parameter to describe, which never calls
// it: the literal never runs, and logged is main's alone (silent).
var (
	pushedMu sync.Mutex // want `^pushedMu guards pushed, shared by main and goroutine started in usePush; give it one owner goroutine reached over a channel; a fix is offered$`
	pushed   []string

	loggedMu sync.Mutex // ok: describe never calls the function it is given
	logged   []string
)

func startPush(write func()) {
	go func() {
		for {
			push(write)
			time.Sleep(time.Second)
		}
	}()
}

func push(write func()) { write() }

func startLog(write func()) {
	go func() {
		describe(write)
	}()
}

func describe(write func()) { _ = write != nil }

func usePush() {
	startPush(func() {
		pushedMu.Lock()
		pushed = append(pushed, "bg")
		pushedMu.Unlock()
	})
	startLog(func() {
		loggedMu.Lock()
		logged = append(logged, "bg")
		loggedMu.Unlock()
	})
	pushedMu.Lock()
	pushed = append(pushed, "main")
	pushedMu.Unlock()
	loggedMu.Lock()
	logged = append(logged, "main")
	loggedMu.Unlock()
}
