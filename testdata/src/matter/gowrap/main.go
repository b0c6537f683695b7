// Package main starts a goroutine through wrap.Go, a wrapper known only
// by its fact: mu's group is shared by main and that goroutine. The
// twin, mu2's group, is used through wrap.Do, which runs in place, and is
// silent.
package main

import (
	"sync"

	"matter/gowrap/wrap"
)

var (
	mu    sync.Mutex // want `^mu guards names, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	names []string

	mu2    sync.Mutex // ok: wrap.Do runs in place, so main is the only context
	names2 []string
)

func main() {
	wrap.Go(func() {
		mu.Lock()
		names = append(names, "w")
		mu.Unlock()
	})
	mu.Lock()
	names = append(names, "m")
	mu.Unlock()

	wrap.Do(func() {
		mu2.Lock()
		names2 = append(names2, "w")
		mu2.Unlock()
	})
	mu2.Lock()
	names2 = append(names2, "m")
	mu2.Unlock()
}
