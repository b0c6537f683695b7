// Package main covers the -spawners flag (analysed with spawnlib.Run:0): a
// function passed to spawnlib.Run starts a "goroutine started in main"
// context, and configured spawners are multiple. jobs is shared by main and
// that goroutine; solo by concurrent runs of it alone. The twin, tally, has
// the same body as solo's closure but is called synchronously by main
// (silent).
package main

import (
	"sync"

	"spawnlib"
)

var (
	mu   sync.Mutex // want `^mu guards jobs, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	jobs []string

	mu2  sync.Mutex // want `^mu2 guards solo, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	solo []string

	mu3     sync.Mutex // ok: tally runs synchronously in main
	tallies []string
)

func main() {
	spawnlib.Run(func() {
		mu.Lock()
		jobs = append(jobs, "pool")
		mu.Unlock()
	})
	spawnlib.Run(func() {
		mu2.Lock()
		solo = append(solo, "pool")
		mu2.Unlock()
	})
	tally := func() {
		mu3.Lock()
		tallies = append(tallies, "main")
		mu3.Unlock()
	}
	tally()
	mu.Lock()
	jobs = append(jobs, "main")
	mu.Unlock()
}
