// Command ignore holds malformed //chanown: directives
// (cmd/chanown/badinput_test.go): each is reported as a directive
// finding, and none suppresses the shared finding on mu.
package main

import "sync"

var (
	mu   sync.Mutex //chanown:ignore
	jobs []string
)

func work(s string) {
	//chanown:ignroe shared typo in the verb
	mu.Lock()
	jobs = append(jobs, s)
	mu.Unlock()
}

func main() {
	//chanown:
	go work("worker")
	//chanown:ignore shared,
	work("main")
}
