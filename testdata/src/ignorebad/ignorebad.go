// Package main covers malformed and useless //chanown: directives, each
// reported at the comment (category directive): an ignore without a reason
// and an ignore with a category list but no reason (neither suppresses
// anything, so muA and muB are still reported), an ignore on a declaration
// that has nothing to suppress (muC is touched by one goroutine only), and
// an unknown verb.
package main

import "sync"

var (
	// want +1 `^chanown:ignore needs a reason$`
	//chanown:ignore
	muA sync.Mutex // want `^muA guards a, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	a   []string

	// want +1 `^chanown:ignore needs a reason$`
	//chanown:ignore shared
	muB sync.Mutex // want `^muB guards b, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	b   []string

	// want +1 `^chanown:ignore suppresses nothing$`
	//chanown:ignore the worker owns c, nothing to see
	muC sync.Mutex // ok: only the goroutine started in main touches c
	c   []string
)

func touch(s string) {
	muA.Lock()
	a = append(a, s)
	muA.Unlock()

	muB.Lock()
	b = append(b, s)
	muB.Unlock()
}

func worker() {
	touch("worker")
	muC.Lock()
	c = append(c, "worker")
	muC.Unlock()
}

func main() {
	go worker()
	// want +1 `^unknown chanown directive "chanown:frobnicate"$`
	//chanown:frobnicate reason words
	touch("main")
}
