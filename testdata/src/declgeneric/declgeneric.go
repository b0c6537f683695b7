// Package main covers globals whose types are generic instantiations: a
// guarded[string] that embeds its own mutex (names.Mutex guards
// names.vals), and a box[int] guarded by a separate mutex (mu guards
// ids.items). spare, a guarded[int] touched by one goroutine only, is the
// silent twin.
package main

import "sync"

type guarded[T any] struct {
	sync.Mutex
	vals []T
}

type box[T any] struct {
	items []T
}

var names guarded[string] // want `^names\.Mutex guards names\.vals, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`

var (
	mu  sync.Mutex // want `^mu guards ids\.items, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	ids box[int]
)

var spare guarded[int] // ok: only the goroutine started in main touches spare.vals

func addName(n string) {
	names.Lock()
	names.vals = append(names.vals, n)
	names.Unlock()
}

func addID(id int) {
	mu.Lock()
	ids.items = append(ids.items, id)
	mu.Unlock()
}

func addSpare(v int) {
	spare.Lock()
	spare.vals = append(spare.vals, v)
	spare.Unlock()
}

func main() {
	go func() {
		addName("a")
		addID(1)
		addSpare(1)
	}()
	addName("b")
	addID(2)
}
