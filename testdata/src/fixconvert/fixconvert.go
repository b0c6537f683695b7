// Package main covers the suggested fix on the shapes it converts: a
// group of several globals with comments, in a var block of its own
// (which goes whole, and sync's import with it); sections closed by
// Unlock and by a deferred Unlock, two in one block (the second assigns
// the owned value), in a case clause, in a goroutine's function literal
// and in a package-level function literal; a literal that sort.Slice
// calls inside the section; init locking like any function; a local
// that spells the guard's name in another function.
package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// The registry of jobs.
var (
	mu sync.Mutex // want `^mu guards jobs, order and last, shared by .*; a fix is offered$`
	// jobs holds the jobs by name.
	jobs  = map[string]time.Duration{}
	order []string // names, sorted
	last  time.Time
)

var report = func() string {
	mu.Lock()
	defer mu.Unlock()
	return fmt.Sprint(len(jobs), order)
}

func init() {
	mu.Lock()
	jobs["boot"] = time.Second
	mu.Unlock()
}

func add(name string, d time.Duration) {
	mu.Lock()
	jobs[name] = d
	order = append(order, name)
	sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
	mu.Unlock()

	mu.Lock()
	last = time.Now()
	mu.Unlock()
}

func get(name string) (time.Duration, bool) {
	mu.Lock()
	defer mu.Unlock()
	d, ok := jobs[name]
	return d, ok
}

func handle(op, name string) {
	switch op {
	case "add":
		add(name, time.Minute)
	case "del":
		mu.Lock()
		delete(jobs, name)
		mu.Unlock()
	}
}

func spell() int {
	mu.Lock()
	n := len(jobs)
	mu.Unlock()
	{
		mu := 3 // another mu: the owned value here is named mu2
		n += mu
	}
	return n
}

func main() {
	for range 2 {
		go func() {
			handle("add", "a")
			mu.Lock()
			n := len(order)
			mu.Unlock()
			fmt.Println(n, report(), spell())
		}()
	}
	get("a")
	select {}
}
