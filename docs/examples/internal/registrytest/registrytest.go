// Package registrytest is the test body and the benchmarks that the
// before and after versions of the registry example share.
package registrytest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/chanown/chanown/docs/examples/internal/lifecycle"
)

// API is the registry example's public API, the same in both versions.
type API struct {
	Start      func(ctx context.Context) <-chan struct{}
	Register   func(name, addr string, tags ...string) error
	Deregister func(name string) error
	Lookup     func(name string) (string, error)
	WithTag    func(tag string) []string

	ErrExists, ErrNotFound, ErrStopped error
}

// Test runs the shared tests against api.
func Test(t *testing.T, api API) {
	t.Run("RegisterLookup", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			if err := api.Register("db", "10.0.0.1:5432", "storage", "primary"); err != nil {
				t.Fatalf("Register(db) = %v", err)
			}
			if err := api.Register("cache", "10.0.0.2:6379", "storage"); err != nil {
				t.Fatalf("Register(cache) = %v", err)
			}
			if err := api.Register("db", "10.0.0.9:5432"); !errors.Is(err, api.ErrExists) {
				t.Errorf("Register(db) again = %v, want %v", err, api.ErrExists)
			}
			if addr, err := api.Lookup("db"); addr != "10.0.0.1:5432" || err != nil {
				t.Errorf("Lookup(db) = %q, %v; want 10.0.0.1:5432, nil", addr, err)
			}
			if _, err := api.Lookup("queue"); !errors.Is(err, api.ErrNotFound) {
				t.Errorf("Lookup(queue) = %v, want %v", err, api.ErrNotFound)
			}
			if got, want := api.WithTag("storage"), []string{"cache", "db"}; !slices.Equal(got, want) {
				t.Errorf("WithTag(storage) = %q, want %q", got, want)
			}
			if got := api.WithTag("none"); len(got) != 0 {
				t.Errorf("WithTag(none) = %q, want none", got)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("Deregister", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			api.Register("db", "10.0.0.1:5432", "storage")
			if err := api.Deregister("db"); err != nil {
				t.Errorf("Deregister(db) = %v", err)
			}
			if err := api.Deregister("db"); !errors.Is(err, api.ErrNotFound) {
				t.Errorf("Deregister(db) again = %v, want %v", err, api.ErrNotFound)
			}
			if _, err := api.Lookup("db"); !errors.Is(err, api.ErrNotFound) {
				t.Errorf("Lookup(db) after Deregister = %v, want %v", err, api.ErrNotFound)
			}
			if got := api.WithTag("storage"); len(got) != 0 {
				t.Errorf("WithTag(storage) after Deregister = %q, want none", got)
			}
			if err := api.Register("db", "10.0.0.3:5432"); err != nil {
				t.Errorf("Register(db) after Deregister = %v", err)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("CopiesInAndOut", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			tags := []string{"a", "b"}
			api.Register("x", "addr", tags...)
			tags[0] = "changed" // the registry must have kept its own copy
			if got := api.WithTag("a"); !slices.Equal(got, []string{"x"}) {
				t.Errorf("WithTag(a) = %q after the caller changed its tags, want [x]", got)
			}
			api.Deregister("x") // must remove x from a and b, not from "changed"
			if got := api.WithTag("a"); len(got) != 0 {
				t.Errorf("WithTag(a) = %q after Deregister, want none", got)
			}
			api.Register("y", "addr", "t")
			names := api.WithTag("t")
			names[0] = "changed"
			if got := api.WithTag("t"); !slices.Equal(got, []string{"y"}) {
				t.Errorf("WithTag(t) = %q after the caller changed a result, want [y]", got)
			}
			lifecycle.Stop(t, stop, done)
		})
	})

	t.Run("Stopped", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			api.Register("db", "10.0.0.1:5432", "storage")
			lifecycle.Stop(t, stop, done)
			if err := api.Register("cache", "10.0.0.2:6379"); !errors.Is(err, api.ErrStopped) {
				t.Errorf("Register after stop = %v, want %v", err, api.ErrStopped)
			}
			if err := api.Deregister("db"); !errors.Is(err, api.ErrStopped) {
				t.Errorf("Deregister after stop = %v, want %v", err, api.ErrStopped)
			}
			if _, err := api.Lookup("db"); !errors.Is(err, api.ErrStopped) {
				t.Errorf("Lookup after stop = %v, want %v", err, api.ErrStopped)
			}
			if got := api.WithTag("storage"); len(got) != 0 {
				t.Errorf("WithTag after stop = %q, want none", got)
			}
		})
	})

	t.Run("Concurrent", func(t *testing.T) {
		lifecycle.Run(t, func(t *testing.T, ctx context.Context, stop context.CancelFunc) {
			done := api.Start(ctx)
			const goroutines, perG = 8, 20
			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Go(func() {
					for i := range perG {
						name := fmt.Sprintf("svc-%d-%d", g, i)
						if err := api.Register(name, "addr-"+name, "all", fmt.Sprint("g", g)); err != nil {
							t.Errorf("Register(%s) = %v", name, err)
						}
						api.Lookup(fmt.Sprintf("svc-%d-%d", (g+1)%goroutines, i))
						if i%2 == 1 {
							if err := api.Deregister(name); err != nil {
								t.Errorf("Deregister(%s) = %v", name, err)
							}
						}
						api.WithTag("all")
					}
				})
			}
			wg.Wait()
			if got, want := len(api.WithTag("all")), goroutines*perG/2; got != want {
				t.Errorf("len(WithTag(all)) = %d, want %d", got, want)
			}
			if got, want := len(api.WithTag("g3")), perG/2; got != want {
				t.Errorf("len(WithTag(g3)) = %d, want %d", got, want)
			}
			if addr, err := api.Lookup("svc-3-4"); addr != "addr-svc-3-4" || err != nil {
				t.Errorf("Lookup(svc-3-4) = %q, %v", addr, err)
			}
			lifecycle.Stop(t, stop, done)
		})
	})
}

// Bench runs the shared benchmarks against api: parallel lookups of 1000
// registered services, and parallel register/deregister pairs.
func Bench(b *testing.B, api API) {
	const n = 1000
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprint("svc", i)
	}
	run := func(name string, op func(g, i int)) {
		b.Run(name, func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			done := api.Start(ctx)
			for i, name := range names {
				api.Register(name, "addr", fmt.Sprint("t", i%10))
			}
			var seq sync.Mutex // hands each benchmark goroutine its number
			g := 0
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				seq.Lock()
				g++
				me := g
				seq.Unlock()
				i := 0
				for pb.Next() {
					op(me, i)
					i++
				}
			})
			b.StopTimer()
			cancel()
			<-done
		})
	}
	run("Lookup", func(_, i int) { api.Lookup(names[i%n]) })
	run("RegisterDeregister", func(g, i int) {
		name := fmt.Sprintf("new-%d-%d", g, i%n)
		api.Register(name, "addr", "new")
		api.Deregister(name)
	})
}
