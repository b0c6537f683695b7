// Package main covers a go statement whose callee is a function value that
// SSA resolves (`f := worker; go f()`): worker runs in a goroutine started in
// main, alongside main. The twin calls its function value synchronously
// (`g := tally; g()`), so tallies is reached by main alone and stays silent.
package main

import "sync"

var (
	mu   sync.Mutex // want `^mu guards jobs, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	jobs []string

	mu2     sync.Mutex // ok: tally runs synchronously in main
	tallies []string
)

func worker() {
	mu.Lock()
	jobs = append(jobs, "worker")
	mu.Unlock()
}

func tally() {
	mu2.Lock()
	tallies = append(tallies, "tally")
	mu2.Unlock()
}

func main() {
	f := worker
	go f()
	g := tally
	g()
	reload()
	mu.Lock()
	jobs = append(jobs, "main")
	mu.Unlock()
}
