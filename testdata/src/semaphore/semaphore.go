// Package main covers a semaphore lock, the memory model's example: l is
// locked in main and unlocked by the goroutine, so it orders events rather
// than guarding data and guards nothing (silent). The twin, mu, is locked
// and unlocked by each goroutine around its own access, and guards b
// (reported).
package main

import "sync"

var (
	l sync.Mutex // ok: locked in main, unlocked in the goroutine: a semaphore
	a string

	mu sync.Mutex // want `^mu guards b, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	b  string
)

func f() {
	a = "hello, world"
	l.Unlock()
}

func g() {
	mu.Lock()
	b = "hello, world"
	mu.Unlock()
}

func main() {
	l.Lock()
	go f()
	l.Lock()
	print(a)

	go g()
	mu.Lock()
	print(b)
	b = ""
	mu.Unlock()
}
