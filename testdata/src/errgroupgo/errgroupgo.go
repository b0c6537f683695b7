// Package main covers (*errgroup.Group).Go and TryGo as spawners (stubbed
// under testdata/src/golang.org/x/sync/errgroup). Go in a loop starts a
// multiple context (fetched is shared by it alone); TryGo with main touching
// tried before Wait is shared by main and the goroutine; Go with main
// touching waited only after Wait is ordered, so waited is reached by one
// single context (silent twin).
package main

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

var (
	muF     sync.Mutex // want `^muF guards fetched, shared by concurrent runs of goroutine started in fetchAll; give it one owner goroutine reached over a channel; a fix is offered$`
	fetched = map[string]bool{}

	muT   sync.Mutex // want `^muT guards tried, shared by main and goroutine started in tryOne; give it one owner goroutine reached over a channel; a fix is offered$`
	tried = map[string]bool{}

	muW    sync.Mutex // ok: main touches waited only after g.Wait
	waited = map[string]bool{}
)

func fetchAll(urls []string) error {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error {
			muF.Lock()
			fetched[u] = true
			muF.Unlock()
			return nil
		})
	}
	return g.Wait()
}

func tryOne(u string) error {
	var g errgroup.Group
	g.TryGo(func() error {
		muT.Lock()
		tried[u] = true
		muT.Unlock()
		return nil
	})
	muT.Lock()
	tried[u+"/main"] = true
	muT.Unlock()
	return g.Wait()
}

func waitFirst(u string) error {
	var g errgroup.Group
	g.Go(func() error {
		muW.Lock()
		waited[u] = true
		muW.Unlock()
		return nil
	})
	err := g.Wait()
	muW.Lock()
	waited[u+"/main"] = true // ok: ordered after the goroutine by g.Wait
	muW.Unlock()
	return err
}

func main() {
	_ = fetchAll([]string{"a", "b"})
	_ = tryOne("c")
	_ = waitFirst("d")
}
