package analyzer_test

// The fuzz regressions: inputs that once misbehaved, and hand-written
// shapes the generator does not produce (see fuzz_test.go).

import (
	"strings"
	"testing"
)

// fuzzRegressions are inputs that once crashed or misbehaved, minimised
// and kept readable, and hand-written programs with shapes the generator
// does not produce: control flow without a normal exit, goto, method
// values, aliases, interfaces holding locks, generic types. Each is run
// by TestFuzzRegressions with the checks of FuzzAnalyzer, and is a seed
// of FuzzAnalyzer. No fuzzing run has found a crasher yet.
var fuzzRegressions = []struct {
	name string
	src  string // txtar archive or one Go file
}{
	{"lock-only", `
package main

import "sync"

var mu sync.Mutex

func main() {}
`},
	{"no-exit", `
package main

import (
	"os"
	"sync"
)

var (
	mu sync.Mutex
	n  int
)

func spin() {
	for {
		mu.Lock()
		n++
		mu.Unlock()
	}
}

func block() {
	mu.Lock()
	select {}
}

func die() {
	mu.Lock()
	n++
	os.Exit(1)
}

func boom() {
	mu.Lock()
	defer mu.Unlock()
	panic(n)
}

func main() {
	go spin()
	go block()
	defer func() { _ = recover() }()
	if len(os.Args) > 2 {
		die()
	}
	boom()
}
`},
	{"goto-and-labels", `
package main

import "sync"

var (
	mu   sync.RWMutex
	jobs []int
)

func work(n int) {
	i := 0
again:
	mu.Lock()
	if i > n {
		goto done
	}
	jobs = append(jobs, i)
	i++
	mu.Unlock()
	goto again
done:
	mu.Unlock()
outer:
	for {
		for j := range 3 {
			mu.RLock()
			if len(jobs) > j {
				mu.RUnlock()
				break outer
			}
			mu.RUnlock()
			continue outer
		}
	}
}

func main() {
	go work(3)
	work(2)
}
`},
	{"method-values", `
package main

import (
	"sync"
	"time"
)

type S struct {
	mu sync.Mutex
	n  int
}

func (s *S) Inc() { s.mu.Lock(); s.n++; s.mu.Unlock() }

var (
	gmu sync.Mutex
	g   = &S{}
	f   = g.Inc
	fs  = []func(){g.Inc, func() { gmu.Lock(); g.n++; gmu.Unlock() }}
)

func main() {
	go f()
	go (*S).Inc(g)
	for _, h := range fs {
		go h()
		time.AfterFunc(time.Second, h)
	}
	inc := g.Inc
	defer inc()
	gmu.Lock()
	g.n++
	gmu.Unlock()
}
`},
	{"lock-shapes", `
package main

import "sync"

type M = sync.Mutex

type Locked[T any] struct {
	sync.RWMutex
	v T
}

type Inner struct{ mu *sync.Mutex }

var (
	a     M
	b     sync.Locker = &a
	c     = new(sync.Mutex)
	d     Locked[map[string]int]
	e     = Inner{mu: new(sync.Mutex)}
	f     = map[string]*sync.Mutex{"x": new(sync.Mutex)}
	arr   [2]sync.RWMutex
	ptr   = &arr[1]
	cond  = sync.NewCond(&a)
	data  []string
	count int
)

func touch(l sync.Locker) {
	l.Lock()
	data = append(data, "l")
	l.Unlock()
}

func main() {
	go touch(b)
	go touch(c)
	go touch(&d)
	go func() {
		e.mu.Lock()
		count++
		e.mu.Unlock()
		f["x"].Lock()
		count++
		f["x"].Unlock()
		ptr.RLock()
		_ = count
		ptr.RUnlock()
		cond.L.Lock()
		cond.Wait()
		cond.L.Unlock()
	}()
	a.Lock()
	data = append(data, "main")
	d.v["k"]++
	a.Unlock()
	d.Lock()
	d.v["k"]++
	d.Unlock()
}
`},
	{"generic-spawner", `
package lib

import "sync"

var (
	mu    sync.Mutex
	cache = map[string]any{}
)

func Go[T any](f func(T), v T) { go f(v) }

func Store[K comparable, V any](m map[K]V, k K, v V) {
	mu.Lock()
	m[k] = v
	mu.Unlock()
}

func Run() {
	Go(func(s string) { Store(cache, s, any(1)) }, "a")
	Go(func(n int) {
		mu.Lock()
		cache["n"] = n
		mu.Unlock()
	}, 1)
	Store(cache, "main", any(2))
}
`},
	{"recursion-and-cycles", `
package main

import "sync"

var (
	mu   sync.Mutex
	tree = map[int][]int{}
)

var walk func(int)

func init() {
	walk = func(n int) {
		mu.Lock()
		kids := tree[n]
		mu.Unlock()
		for _, k := range kids {
			go walk(k)
		}
	}
}

func even(n int) bool {
	if n == 0 {
		return true
	}
	go odd(n - 1)
	return odd(n - 1)
}

func odd(n int) bool {
	mu.Lock()
	tree[n] = nil
	mu.Unlock()
	return n != 0 && even(n-1)
}

func main() {
	walk(0)
	_ = even(4)
}
`},
	{"blank-and-init-closures", `
package main

import (
	"sync"
	"sync/atomic"
)

var (
	mu   sync.Mutex
	seen []int
	_    = func() int {
		go func() {
			mu.Lock()
			seen = append(seen, 1)
			mu.Unlock()
		}()
		return 0
	}()
	ready = sync.OnceValue(func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) > 0
	})
	hits atomic.Int64
)

func main() {
	_ = ready()
	hits.Add(1)
	mu.Lock()
	seen = append(seen, 2)
	mu.Unlock()
}
`},
	{"defers-in-loops", `
package main

import "sync"

var (
	mu  sync.Mutex
	rw  sync.RWMutex
	log []string
)

func each(items []string) {
	for _, it := range items {
		mu.Lock()
		defer mu.Unlock()
		log = append(log, it)
	}
	func() {
		rw.RLock()
		defer rw.RUnlock()
		defer func() {
			log = append(log, "deferred")
		}()
	}()
	defer func() {
		if r := recover(); r != nil {
			rw.Lock()
			log = nil
			rw.Unlock()
		}
	}()
}

func main() {
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { each([]string{"a", "b"}) })
	}
	wg.Wait()
	log = append(log, "after wait")
}
`},
	{"two-packages-facts", `
exported
spawners=fuzz/pool.Submit:0
-- fuzz/pool/pool.go --
package pool

import "sync"

var (
	Mu    sync.Mutex
	State = map[string]int{}
	queue = make(chan func(), 8)
)

func init() {
	go func() {
		for f := range queue {
			f()
		}
	}()
}

// Submit runs f on the pool goroutine.
func Submit(f func()) { queue <- f }

// Go runs f on a new goroutine.
func Go(f func()) { go f() }

// With runs f holding Mu.
func With(f func()) {
	Mu.Lock()
	defer Mu.Unlock()
	f()
}

// Bump writes State under Mu.
func Bump() {
	Mu.Lock()
	State["bump"]++
	Mu.Unlock()
}
-- fuzz/main.go --
package main

import (
	"sync"

	"fuzz/pool"
)

var (
	mu   sync.Mutex
	jobs []string
)

func main() {
	pool.Submit(func() {
		mu.Lock()
		jobs = append(jobs, "pool")
		mu.Unlock()
	})
	pool.Go(func() { pool.With(func() { pool.State["go"]++ }) })
	pool.Go(pool.Bump)
	pool.State["main"]++
	mu.Lock()
	jobs = append(jobs, "main")
	mu.Unlock()
}
`},
	{"test-file-and-generated", `
-- fuzz/lib.go --
package fuzz

import "sync"

var (
	mu    sync.Mutex
	table = map[string]int{}
)

func Put(k string) {
	mu.Lock()
	table[k]++
	mu.Unlock()
}
-- fuzz/lib_test.go --
package fuzz

import "testing"

func TestPut(t *testing.T) {
	t.Parallel()
	Put("a")
	table["unguarded"] = 1
}

func BenchmarkPut(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			Put("b")
		}
	})
}

func FuzzPut(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) { Put(s) })
}
-- fuzz/zz_gen.go --
// Code generated by hand. DO NOT EDIT.

package fuzz

func genPut() {
	go Put("gen")
	table["gen"] = 2 //chanown:ignore in a generated file
}
`},
	{"directives-everywhere", `
package main

import "sync"

//chanown:ignore shared whole declaration
var (
	mu   sync.Mutex //chanown:ignore
	jobs []string   //chanown:ignore unguarded,shared,escape trailing
)

//chanown:nonsense
//chanown:ignore
//chanown:ignore nosuchcategory some reason
func main() {
	go func() {
		mu.Lock()
		jobs = append(jobs, "w") //chanown:ignore shared,
		mu.Unlock()
	}()
	jobs = append(jobs, "m") /* chanown:ignore block comments are not directives */
	//chanown:ignore unguarded reason
	jobs = append(jobs, "m")
}
`},
}

// TestFuzzRegressions runs each entry of fuzzRegressions.
func TestFuzzRegressions(t *testing.T) {
	for _, tc := range fuzzRegressions {
		t.Run(tc.name, func(t *testing.T) {
			ok, diags := checkInput(t, []byte(tc.src), nil)
			if !ok {
				t.Errorf("the regression input no longer type-checks: it tests nothing")
			}
			t.Logf("%d diagnostics:\n\t%s", len(diags), strings.Join(diags, "\n\t"))
		})
	}
}
