package main

import "sync"

// startBoth starts each function it is given on a goroutine of its own:
// one call starts two contexts, and each literal runs beside main (both
// groups reported). The twin, startFirst, starts its first argument and
// calls its second in place: the second literal runs in main alone, so
// inline is main's (silent).
var (
	leftMu sync.Mutex // want `^leftMu guards left, shared by main and goroutine started in useBoth; give it one owner goroutine reached over a channel; a fix is offered$`
	left   []string

	rightMu sync.Mutex // want `^rightMu guards right, shared by main and goroutine started in useBoth; give it one owner goroutine reached over a channel; a fix is offered$`
	right   []string

	inlineMu sync.Mutex // ok: startFirst calls its second argument in place, in main
	inline   []string
)

func startBoth(f, g func()) {
	go f()
	go g()
}

func startFirst(f, g func()) {
	go f()
	g()
}

func useBoth() {
	startBoth(func() {
		leftMu.Lock()
		left = append(left, "bg")
		leftMu.Unlock()
	}, func() {
		rightMu.Lock()
		right = append(right, "bg")
		rightMu.Unlock()
	})
	startFirst(func() {}, func() {
		inlineMu.Lock()
		inline = append(inline, "bg")
		inlineMu.Unlock()
	})
	leftMu.Lock()
	left = append(left, "main")
	leftMu.Unlock()
	rightMu.Lock()
	right = append(right, "main")
	rightMu.Unlock()
	inlineMu.Lock()
	inline = append(inline, "main")
	inlineMu.Unlock()
}
