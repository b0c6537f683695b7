// Package lib is a library whose state is shared only if its exported
// functions may run concurrently: chanown reports mu only with the
// exported setting (library mode), which .golangci.yml turns on.
package lib

import "sync"

var (
	mu     sync.Mutex
	totals = map[string]int{}
)

// Add adds n to the total of key.
func Add(key string, n int) {
	mu.Lock()
	totals[key] += n
	mu.Unlock()
}

// Total returns the total of key.
func Total(key string) int {
	mu.Lock()
	defer mu.Unlock()
	return totals[key]
}
