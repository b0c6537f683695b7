// Command sample is the program that .ci/integrations.sh lints with a
// golangci-lint binary built with the chanown plugin, and with the
// standalone chanown command, to check that both report the same
// findings (plugin/golangci_test.go).
//
// It has two locks declared on one line (two findings on one line), a
// lock whose finding carries //nolint:chanown, and a lock whose globals
// are shared only through pool.Submit, which .golangci.yml declares a
// spawner. Every finding has Related entries.
package main

import (
	"sync"

	"example.com/gclsample/pool"
)

var (
	muA, muB sync.Mutex
	hits     = map[string]int{} // guarded by muA
	misses   = map[string]int{} // guarded by muB
)

var (
	muN   sync.Mutex //nolint:chanown // suppressed in golangci-lint only: the plugin test checks it
	names = map[string]bool{}
)

var (
	muJ  sync.Mutex
	jobs = map[string]int{} // shared only if pool.Submit is a spawner
)

// hit records a cache hit.
func hit(key string) {
	muA.Lock()
	hits[key]++
	muA.Unlock()
}

// miss records a cache miss.
func miss(key string) {
	muB.Lock()
	misses[key]++
	muB.Unlock()
}

// name records a name.
func name(n string) {
	muN.Lock()
	names[n] = true
	muN.Unlock()
}

// record counts a job.
func record(job string) {
	muJ.Lock()
	jobs[job]++
	muJ.Unlock()
}

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		hit("worker")
		miss("worker")
		name("worker")
	}()
	done := make(chan struct{})
	pool.Submit(func() {
		defer close(done)
		record("pool")
	})
	hit("main")
	miss("main")
	name("main")
	record("main")
	wg.Wait()
	<-done
}
