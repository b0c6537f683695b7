// Package errgroup is a minimal stub of golang.org/x/sync/errgroup for the
// chanown tests: Group with Go, TryGo and Wait.
package errgroup

import "sync"

// A Group is a collection of goroutines working on one task.
type Group struct {
	wg      sync.WaitGroup
	errOnce sync.Once
	err     error
}

// Go calls f in a new goroutine.
func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.errOnce.Do(func() { g.err = err })
		}
	}()
}

// TryGo calls f in a new goroutine and reports true.
func (g *Group) TryGo(f func() error) bool {
	g.Go(f)
	return true
}

// Wait blocks until every call of Go has returned, then returns the first
// non-nil error.
func (g *Group) Wait() error {
	g.wg.Wait()
	return g.err
}
