// Package b starts goroutines, through a.Go and with go statements, that
// use package a's state. Every report on a's locks and globals lands here,
// at the goroutine that shares them, and needs the facts chanown exported
// for package a: what Add and Name access under which lock, that Lock
// returns Mu's releaser, that WithLock calls its callback holding Mu and
// that Go spawns its argument.
//
// The report on a.nmu, which guards the unexported a.names, is made under
// go vet too, where package a's types come from the vettool's export
// data, which holds only a's exported objects: what b needs to know of
// a.names and a.nmu travels in the facts. So does that a.active is a
// reference count, which keeps Count silent under both drivers.
package b

import "example.com/facts/a"

// Start starts a worker through a.Go and records in a from the caller too.
// The write to a.Counts without a.Mu is a race with the workers.
func Start() {
	a.Go(func() {
		a.Add("worker")
		a.Name("worker")
	})
	a.Name("start")
	a.Counts["raw"] = 1                             // unguarded: a.Mu is not held
	a.WithLock(func() { a.Counts["callback"] = 2 }) // ok: the callback runs holding a.Mu
	defer a.Lock()()
	a.Counts["locked"] = 3 // ok: a.Lock() holds a.Mu until Start returns
}

// Record is the silent twin of Start: a worker started with a go
// statement, and every access to a.Counts made holding a.Mu, through each
// helper. Nothing is reported in Record.
func Record(done chan<- struct{}) {
	go func() {
		defer close(done)
		a.Add("record")
	}()
	a.WithLock(func() { a.Counts["callback"]++ })
	unlock := a.Lock()
	a.Counts["locked"]++
	unlock()
}

// Total reads a.Counts holding a.Mu.
func Total() int {
	defer a.Lock()()
	n := 0
	for _, c := range a.Counts {
		n += c
	}
	return n
}

// Count is the silent twin of Start's use of a.Name: the goroutines share
// a's unexported reference count, and nothing is reported.
func Count() {
	a.Enter()
	defer a.Leave()
	a.Go(countWorker) // ok: a.active is a reference count
}

// countWorker counts itself in and out.
func countWorker() {
	a.Enter()
	a.Leave()
}
