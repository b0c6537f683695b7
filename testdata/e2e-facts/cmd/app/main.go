// Command app calls into package b and starts a goroutine that does, so
// what chanown learns of package a reaches this package through b's
// facts: b.Start writes a.Counts without a.Mu, in main's goroutine, while
// main writes a.Counts without it too. b reports b.Start's write, and a.Mu
// itself, once; here only main's own write is reported.
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
		b.Start() // ok: b.Start writes a.Counts without a.Mu, reported in b (one report per fix)
	}()
	a.Counts["main"]++ // unguarded: the goroutine above writes a.Counts too
	<-finished
	fmt.Println(b.Total(), a.Names())
}
