package mutexwins_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/chanown/chanown/docs/examples/mutexwins"
)

// refCounter is what the three reference counts have in common.
type refCounter struct {
	acquire func()
	release func() bool
}

// newRefCounter returns the reference count called name: Mutex, Atomic,
// or Owner, whose goroutine stops when ctx is done.
func newRefCounter(ctx context.Context, name string) refCounter {
	switch name {
	case "Mutex":
		return refCounter{mutexwins.Acquire, mutexwins.Release}
	case "Atomic":
		return refCounter{mutexwins.AcquireAtomic, mutexwins.ReleaseAtomic}
	}
	o := mutexwins.StartRefOwner(ctx)
	return refCounter{o.Acquire, o.Release}
}

var refNames = []string{"Mutex", "Atomic", "Owner"}

func TestRefCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		for _, name := range refNames {
			rc := newRefCounter(ctx, name)
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					for range 100 {
						rc.acquire()
						rc.release()
					}
				})
			}
			wg.Wait()
			rc.acquire()
			rc.acquire()
			if rc.release() {
				t.Errorf("%s: release of 1 of 2 references reported the last one", name)
			}
			if !rc.release() {
				t.Errorf("%s: release of the last reference not reported", name)
			}
		}
		cancel()
		synctest.Wait() // synctest.Test fails if the owner did not return
	})
}

// BenchmarkRefCount measures one Acquire and one Release, from one
// goroutine (Serial) and from GOMAXPROCS goroutines at once (Parallel).
func BenchmarkRefCount(b *testing.B) {
	for _, name := range refNames {
		b.Run(name+"/Serial", func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rc := newRefCounter(ctx, name)
			for b.Loop() {
				rc.acquire()
				rc.release()
			}
		})
		b.Run(name+"/Parallel", func(b *testing.B) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rc := newRefCounter(ctx, name)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					rc.acquire()
					rc.release()
				}
			})
		})
	}
}

type cache interface {
	Get(k string) (string, bool)
	Set(k, v string)
}

// newCache returns the cache called name: RWMutex, Owner, whose
// goroutine stops when ctx is done, or Snapshot.
func newCache(ctx context.Context, name string) cache {
	switch name {
	case "RWMutex":
		return mutexwins.NewRWCache()
	case "Snapshot":
		return mutexwins.NewSnapshotCache()
	}
	return mutexwins.StartOwnerCache(ctx)
}

var cacheNames = []string{"RWMutex", "Owner", "Snapshot"}

func TestCaches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		for _, name := range cacheNames {
			c := newCache(ctx, name)
			var wg sync.WaitGroup
			for g := range 4 {
				wg.Go(func() {
					for i := range 50 {
						k := fmt.Sprint(g, "-", i)
						c.Set(k, k)
						if v, ok := c.Get(k); !ok || v != k {
							t.Errorf("%s: Get(%s) = %q, %v", name, k, v, ok)
						}
					}
				})
			}
			wg.Wait()
			if _, ok := c.Get("none"); ok {
				t.Errorf("%s: Get(none) hit", name)
			}
		}
		cancel()
		synctest.Wait() // synctest.Test fails if the owner did not return
	})
}

// BenchmarkReadMostly measures one operation on a cache of 1000 entries
// from GOMAXPROCS goroutines at once: Get only (Reads), and one Set in
// every 100 operations (Writes1pc).
func BenchmarkReadMostly(b *testing.B) {
	const n = 1000
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprint("key", i)
	}
	for _, name := range cacheNames {
		for _, writeEvery := range []int{0, 100} {
			sub := "Reads"
			if writeEvery > 0 {
				sub = "Writes1pc"
			}
			b.Run(name+"/"+sub, func(b *testing.B) {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				c := newCache(ctx, name)
				for _, k := range keys {
					c.Set(k, k)
				}
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					i := 0
					for pb.Next() {
						if writeEvery > 0 && i%writeEvery == 0 {
							c.Set(keys[i%n], "v")
						} else {
							c.Get(keys[i%n])
						}
						i++
					}
				})
			})
		}
	}
}
