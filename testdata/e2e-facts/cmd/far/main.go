// Command far imports c but not a: its goroutines share a.Counts through
// c's functions, so a.Mu is reported here, at the first goroutine, named
// as "a.Mu" by both drivers although go vet knows package a only from
// c's facts.
package main

import (
	"fmt"

	"example.com/facts/c"
)

func main() {
	done := make(chan struct{})
	go func() { // shared: a.Mu, known here only from c's facts
		defer close(done)
		c.Inc("far")
	}()
	c.Inc("main")
	<-done
	fmt.Println(c.Sum())
}
