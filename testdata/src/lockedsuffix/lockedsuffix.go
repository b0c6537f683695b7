// Package main covers the fooLocked convention: addLocked is unexported and
// every in-package caller holds mu, so its write to items holds mu and mu
// guards items. touchLocked has one caller that does not hold mu2, so the
// must-hold lockset at its write is empty and mu2 guards nothing (silent
// twin).
package main

import "sync"

var (
	mu    sync.Mutex // want `^mu guards items, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	items []string

	mu2     sync.Mutex // ok: one caller of touchLocked does not hold mu2, so mu2 guards nothing
	touched []string
)

// addLocked appends k; mu must be held.
func addLocked(k string) {
	items = append(items, k)
}

func add(k string) {
	mu.Lock()
	defer mu.Unlock()
	addLocked(k)
}

func addTwice(k string) {
	mu.Lock()
	addLocked(k)
	addLocked(k + k)
	mu.Unlock()
}

// touchLocked appends k; mu2 should be held, but touchFast forgets.
func touchLocked(k string) {
	touched = append(touched, k) // ok: not every caller holds mu2
}

func touch(k string) {
	mu2.Lock()
	touchLocked(k)
	mu2.Unlock()
}

func touchFast(k string) {
	touchLocked(k)
}

func main() {
	go func() {
		add("a")
		touch("a")
	}()
	addTwice("b")
	touchFast("b")
}
