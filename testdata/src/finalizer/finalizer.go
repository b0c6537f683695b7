// Package main covers runtime.SetFinalizer and runtime.AddCleanup: the
// finalizer runs on another goroutine ("finalizer set in newResource")
// alongside main, and so does the cleanup ("cleanup added in newResource").
// Finalizer contexts are single even when set in a loop, so mu2/freed2,
// touched only by finalizers set in a loop, stays silent.
package main

import (
	"runtime"
	"sync"
)

type resource struct{ id int }

var (
	mu    sync.Mutex // want `^mu guards freed, shared by main and finalizer set in newResource; give it one owner goroutine reached over a channel; a fix is offered$`
	freed []int

	mu2    sync.Mutex // ok: finalizer contexts are single, even when set in a loop
	freed2 []int

	mu3     sync.Mutex // want `^mu3 guards cleaned, shared by main and cleanup added in newResource; give it one owner goroutine reached over a channel; a fix is offered$`
	cleaned []int
)

func newResource(id int) *resource {
	r := &resource{id: id}
	runtime.SetFinalizer(r, func(r *resource) {
		mu.Lock()
		freed = append(freed, r.id)
		mu.Unlock()
	})
	runtime.AddCleanup(r, func(id int) {
		mu3.Lock()
		cleaned = append(cleaned, id)
		mu3.Unlock()
	}, id)
	return r
}

func newMany(n int) []*resource {
	var rs []*resource
	for i := range n {
		r := &resource{id: i}
		runtime.SetFinalizer(r, func(r *resource) {
			mu2.Lock()
			freed2 = append(freed2, r.id)
			mu2.Unlock()
		})
		rs = append(rs, r)
	}
	return rs
}

func main() {
	_ = newResource(1)
	_ = newMany(3)
	runtime.GC()
	mu.Lock()
	freed = append(freed, 0)
	mu.Unlock()
	mu3.Lock()
	cleaned = append(cleaned, 0)
	mu3.Unlock()
}
