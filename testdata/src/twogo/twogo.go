// Package main covers two different go statements (in startA and startB)
// whose goroutines both reach add: two single contexts make seen shared.
// mu2/solo is reached only from the goroutine of startA and stays silent.
package main

import "sync"

var (
	mu   sync.Mutex // want `^mu guards seen, shared by goroutine started in startA and goroutine started in startB; give it one owner goroutine reached over a channel; a fix is offered$`
	seen = map[string]bool{}

	mu2  sync.Mutex // ok: only the goroutine started in startA touches solo
	solo = map[string]bool{}
)

func add(k string) {
	mu.Lock()
	seen[k] = true
	mu.Unlock()
}

func addSolo(k string) {
	mu2.Lock()
	solo[k] = true
	mu2.Unlock()
}

func startA() {
	go func() {
		add("a")
		addSolo("a")
	}()
}

func startB() {
	go add("b")
}

func main() {
	startA()
	startB()
	select {}
}
