// Package main covers generated files: zz_generated.go starts the worker
// and touches jobs and genJobs. Nothing is reported inside a generated
// file, so genMu, declared there, stays silent; but its accesses still count
// as evidence, so mu, declared here, is reported.
package main

import "sync"

var (
	mu   sync.Mutex // want `^mu guards jobs, shared by main and goroutine started in startWorkers; give it one owner goroutine reached over a channel$`
	jobs []string
)

func main() {
	startWorkers()
	mu.Lock()
	jobs = append(jobs, "main")
	mu.Unlock()
	touchGen("main")
}
