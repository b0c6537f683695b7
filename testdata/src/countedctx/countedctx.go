// Package main covers how messages name contexts (DESIGN §5 "Messages"):
// one phrase per name, named by the function that starts the context.
// Three go statements in main are three contexts, counted in one phrase
// ("3 goroutines started in main"), never merged as if they were one; its
// twin, a single go statement in fill, keeps the singular. Past two
// phrases the rest are counted ("and 1 more").
package main

import (
	"sync"
	"time"
)

var (
	mu   sync.Mutex // want `^mu guards jobs, shared by main and 3 goroutines started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	jobs []string

	mu2  sync.Mutex // want `^mu2 guards seen, shared by main and goroutine started in fill; give it one owner goroutine reached over a channel; a fix is offered$`
	seen []string

	mu3 sync.Mutex // want `^mu3 guards log, shared by main, goroutine started in logAll and 1 more; give it one owner goroutine reached over a channel; a fix is offered$`
	log []string
)

func add(j string) {
	mu.Lock()
	jobs = append(jobs, j)
	mu.Unlock()
}

func mark(s string) {
	mu2.Lock()
	seen = append(seen, s)
	mu2.Unlock()
}

func fill() { go mark("a") }

func record(s string) {
	mu3.Lock()
	log = append(log, s)
	mu3.Unlock()
}

func logAll() {
	go record("a")
	time.AfterFunc(time.Second, func() { record("b") })
}

func main() {
	go add("a")
	go add("b")
	go add("c")
	fill()
	logAll()
	add("main")
	mark("main")
	record("main")
}
