// Command vetsample has one go vet finding (printf) and one chanown
// finding (shared): cmd/chanvet/main_test.go checks that chanvet reports
// both under go vet.
package main

import (
	"fmt"
	"sync"
)

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

// count records one more occurrence of word.
func count(word string) {
	mu.Lock()
	counts[word]++
	mu.Unlock()
}

func main() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		count("worker")
	}()
	count("main")
	<-done
	fmt.Printf("%d words\n", "many")
}
