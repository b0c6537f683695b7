// Command app calls into package b and starts a goroutine that does, so
// what chanown learns of package a reaches this package through b's
// facts: b.Start writes a.Counts without a.Mu, in main's goroutine, while
// main writes a.Counts without it too. a.Mu itself is reported once, in
// b, not again here.
package main

import (
	"fmt"

	"example.com/facts/a"
	"example.com/facts/b"
)

func main() {
	done := make(chan struct{})
	b.Record(done)
	<-done

	finished := make(chan struct{})
	go func() {
		defer close(finished)
		b.Start() // unguarded: b.Start writes a.Counts without a.Mu
	}()
	a.Counts["main"]++ // unguarded: the goroutine above writes a.Counts too
	<-finished
	fmt.Println(b.Total(), a.Names())
}
