// Package main covers how contexts started in methods are named: a go
// statement in a pointer-receiver method is "goroutine started in
// (*pool).start", one in a value-receiver method "goroutine started in
// pool.kick". The locks and globals are package-level, not fields of the
// receiver. mu2/spare is reached only from the goroutine of (*pool).start
// and stays silent.
package main

import (
	"sync"
	"time"
)

var (
	mu    sync.Mutex // want `^mu guards queue, shared by goroutine started in \(\*pool\)\.start and goroutine started in pool\.kick; give it one owner goroutine reached over a channel; a fix is offered$`
	queue []string

	mu2   sync.Mutex // ok: only the goroutine started in (*pool).start touches spare
	spare []string
)

type pool struct{ name string }

func drain() {
	mu.Lock()
	queue = queue[:0]
	mu.Unlock()
	mu2.Lock()
	spare = append(spare, "x")
	mu2.Unlock()
}

func refill() {
	mu.Lock()
	queue = append(queue, "job")
	mu.Unlock()
}

func (p *pool) start() {
	go drain()
}

func (p pool) kick() {
	go refill()
}

func main() {
	p := &pool{name: "p"}
	p.start()
	p.kick()
	time.Sleep(time.Second)
}
