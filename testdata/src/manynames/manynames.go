// Package main covers how long lists are written: at most 3 globals (in
// declaration order, "a, b, c and 2 more"), exactly 3 ("x, y and z"), and
// at most 2 contexts (the caller context first, then spawned contexts in
// source order, then "and 1 more").
package main

import "sync"

var (
	mu            sync.Mutex // want `^mu guards a, b, c and 2 more, shared by main, goroutine started in startA and 1 more; give them one owner goroutine reached over a channel; a fix is offered$`
	a, b, c, d, e []string

	mu2     sync.Mutex // want `^mu2 guards x, y and z, shared by main and goroutine started in startA; give them one owner goroutine reached over a channel; a fix is offered$`
	x, y, z []string
)

func fill(s string) {
	mu.Lock()
	defer mu.Unlock()
	a = append(a, s)
	b = append(b, s)
	c = append(c, s)
	d = append(d, s)
	e = append(e, s)
}

func fill2(s string) {
	mu2.Lock()
	defer mu2.Unlock()
	x = append(x, s)
	y = append(y, s)
	z = append(z, s)
}

func startA() {
	go func() {
		fill("a")
		fill2("a")
	}()
}

func startB() {
	go fill("b")
}

func main() {
	startA()
	startB()
	fill("main")
	fill2("main")
}
