// Command generated shares two globals (cmd/chanown/badinput_test.go):
// jobs, guarded by mu, declared here, and genJobs, guarded by genMu,
// declared in a generated file. chanown reports mu only: generated files
// get no reports, even for the unguarded write they hold, but their
// accesses still count as evidence.
package main

import "sync"

var (
	mu   sync.Mutex
	jobs []string
)

func main() {
	go genWork()
	mu.Lock()
	jobs = append(jobs, "main")
	mu.Unlock()
	genMu.Lock()
	genJobs = append(genJobs, "main")
	genMu.Unlock()
}
