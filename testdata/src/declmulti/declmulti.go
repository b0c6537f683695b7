// Package main covers the shape `var a, b T`, both for guarded globals
// (names and addrs share one spec and one lock: "names and addrs") and for
// locks (muX and muY share one spec, so both reports sit on its line).
// muZ, declared with muX and muY but touched by one goroutine only, is the
// silent twin.
package main

import "sync"

var mu sync.Mutex // want `^mu guards names and addrs, shared by main and goroutine started in main; give them one owner goroutine reached over a channel; a fix is offered$`

var names, addrs []string

var muX, muY, muZ sync.Mutex // want `^muX guards xs, shared by main and goroutine started in main; give it` `^muY guards ys, shared by main and goroutine started in main; give it`

var xs, ys, zs []int

func register(name, addr string) {
	mu.Lock()
	defer mu.Unlock()
	names = append(names, name)
	addrs = append(addrs, addr)
}

func push(x int) {
	muX.Lock()
	xs = append(xs, x)
	muX.Unlock()

	muY.Lock()
	ys = append(ys, x)
	muY.Unlock()
}

func pushZ(z int) {
	muZ.Lock()
	zs = append(zs, z) // ok: muZ/zs are touched by the goroutine only
	muZ.Unlock()
}

func main() {
	go func() {
		register("a", "10.0.0.1")
		push(1)
		pushZ(1)
	}()
	register("b", "10.0.0.2")
	push(2)
}
