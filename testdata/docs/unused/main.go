// Command unused has an ignore that suppresses nothing: mu guards a
// global that no goroutine shares. docs/chanown.md quotes the report
// (cmd/chanown/docs_test.go).
package main

import "sync"

var (
	//chanown:ignore shared hot path
	mu    sync.Mutex
	count int
)

func main() {
	mu.Lock()
	count++
	mu.Unlock()
}
