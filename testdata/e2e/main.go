// Command e2e is the sample program of chanown's end-to-end test
// (cmd/chanown/main_test.go).
//
// mu guards counts, which main and the goroutine started in main both
// write after setup, so chanown reports mu ([shared]). refs is a simple
// reference count guarded by its own mutex, refsMu, which is the right
// tool for it, so chanown stays silent about refsMu and refs.
package main

import (
	"fmt"
	"sync"
)

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

var (
	refsMu sync.Mutex
	refs   int
)

// count records one more occurrence of word.
func count(word string) {
	mu.Lock()
	counts[word]++
	mu.Unlock()
}

// acquire takes a reference.
func acquire() {
	refsMu.Lock()
	refs++
	refsMu.Unlock()
}

// release drops a reference and says so when it was the last one.
func release() {
	refsMu.Lock()
	refs--
	if refs == 0 {
		fmt.Println("last reference released")
	}
	refsMu.Unlock()
}

func main() {
	counts["start"] = 0 // setup: no other goroutine runs yet

	done := make(chan struct{})
	go func() {
		defer close(done)
		acquire()
		count("worker")
		release()
	}()

	acquire()
	count("main")
	release()
	<-done

	mu.Lock()
	fmt.Println(len(counts), "words")
	mu.Unlock()
}
