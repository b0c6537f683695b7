// Package main covers (*sync.WaitGroup).Go, a spawner, and the Wait rule:
// in runA, main touches a between wg.Go and wg.Wait, so it runs alongside
// the goroutine (reported). In runB, main touches b only after Wait on the
// WaitGroup that started the only other context, so that access is ordered
// after it and b is reached by one single context (silent twin).
package main

import "sync"

var (
	muA sync.Mutex // want `^muA guards a, shared by main and goroutine started in runA; give it one owner goroutine reached over a channel; a fix is offered$`
	a   []int

	muB sync.Mutex // ok: main touches b only after wg.Wait
	b   []int
)

func runA() {
	var wg sync.WaitGroup
	wg.Go(func() {
		muA.Lock()
		a = append(a, 1)
		muA.Unlock()
	})
	muA.Lock()
	a = append(a, 2)
	muA.Unlock()
	wg.Wait()
}

func runB() {
	var wg sync.WaitGroup
	wg.Go(func() {
		muB.Lock()
		b = append(b, 1)
		muB.Unlock()
	})
	wg.Wait()
	muB.Lock()
	b = append(b, 2) // ok: ordered after the goroutine by wg.Wait
	muB.Unlock()
}

func main() {
	runA()
	runB()
}
