package analyzer_test

// This file holds the robustness tests of the analyzer (DESIGN §6: "The
// analyzer never panics on code that type-checks; output is
// deterministic; diagnostics always carry a position"):
//
//   - FuzzAnalyzer, a fuzz target over Go programs that are generated or
//     mutated at the syntax level, so that most inputs type-check and
//     reach SSA;
//   - TestFuzzGenerator, which runs a fixed batch of generated programs
//     and reports (and bounds from below) the share that reaches the
//     analysis;
//   - TestFuzzRegressions, one table entry per crasher found by fuzzing,
//     kept as readable source, and hand-written programs with shapes the
//     generator does not produce.
//
// Run the fuzzer with
//
//	go test -run='^$' -fuzz=FuzzAnalyzer -fuzztime=30s ./analyzer/
//
// Set CHANOWN_FUZZ_STATS to a directory to have each fuzzing worker write
// its counters there (fuzzstats.<pid>, rewritten every few seconds): the
// fuzzing engine does not show what a worker logs.
//
// Inputs. checkInput, which every test here uses, takes two byte
// strings, src and choices:
//
//   - src empty: choices drive a generator that assembles a program from
//     templates of globals, locks, goroutines, spawners, closures, defers,
//     loops, directives, a second package, test and generated files;
//     every byte picks the next template, so byte mutations give other
//     well-formed programs.
//   - src non-empty: src is a txtar archive of Go files (or one bare Go
//     file), in FuzzAnalyzer one of the scenario packages in
//     testdata/src; choices drive syntax-level mutations of its
//     statements (delete, duplicate, swap, wrap in go/defer/loop/closure
//     or a branch, drop or add go and defer, swap Lock and Unlock).
//
// A txtar file "a/b/x.go" belongs to the package with import path "a/b"
// (a bare file to "fuzz"). The comment section of the archive may set the
// configuration, one setting a line: "exported", "spawners=...",
// "self-sync=...", "categories=...". Invalid settings are ignored.
//
// What is checked, for each input that type-checks: the analysis neither
// panics nor fails; every diagnostic has a known category, a one-line
// message and a position in a file of the analysed package that is not a
// generated file; related positions are valid; and a second run on the
// same input reports the same diagnostics in the same order.

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/chanown/chanown/analyzer"
)

// FuzzAnalyzer runs the analyzer on generated and mutated programs. See
// the comment at the top of this file.
//
// The fuzzed values are which and choices. which below len(seeds) picks
// a scenario package of testdata/src or an entry of fuzzRegressions for
// choices to mutate; any other value has choices drive the generator.
// Neither takes source text from the fuzzing engine: byte-mutated Go
// rarely parses, let alone type-checks. Run with -v, the seeds log the
// share of inputs that reach the analysis.
func FuzzAnalyzer(f *testing.F) {
	if dir := os.Getenv("CHANOWN_FUZZ_STATS"); dir != "" {
		// Fuzzing workers' output is discarded: keep their crash
		// reports.
		if out, err := os.Create(filepath.Join(dir, fmt.Sprintf("crash.%d", os.Getpid()))); err == nil {
			_ = debug.SetCrashOutput(out, debug.CrashOptions{})
		}
	}
	// Load the standard library now: a fuzzing worker fails any input
	// that takes more than 10 seconds.
	if _, _, err := loadStd(); err != nil {
		f.Fatalf("loading the standard library: %v", err)
	}
	seeds := scenarioSeeds(f)
	for _, tc := range fuzzRegressions {
		seeds = append(seeds, []byte(tc.src))
	}
	for i := range seeds {
		f.Add(uint16(i), []byte(nil))
		f.Add(uint16(i), randomChoices(uint64(i), 24))
	}
	for i := range 24 {
		f.Add(uint16(0xffff), randomChoices(uint64(i), 64+16*i))
	}
	before := stats.snapshot()
	f.Cleanup(func() {
		if d := stats.snapshot().minus(before); d.inputs > 0 {
			f.Logf("FuzzAnalyzer: %s", d)
		}
	})
	f.Fuzz(func(t *testing.T, which uint16, choices []byte) {
		if int(which) < len(seeds) {
			checkInput(t, seeds[which], choices)
		} else {
			checkInput(t, nil, choices)
		}
	})
}

// TestFuzzGenerator runs a fixed batch of generated programs through the
// checks of FuzzAnalyzer and reports the share that type-checks and the
// share that reaches SSA (has a package-level lock). The generator is
// meant to produce programs that type-check: a low share is a bug in it.
func TestFuzzGenerator(t *testing.T) {
	n := 120
	if testing.Short() {
		n = 30
	}
	before := stats.snapshot()
	for i := range n {
		choices := randomChoices(uint64(1000+i), 32+(i%24)*24)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkInput(t, nil, choices)
		})
	}
	d := stats.snapshot().minus(before)
	t.Logf("generated programs: %s", d)
	if d.typed*100 < d.inputs*95 {
		t.Errorf("only %d of %d generated programs type-check (want 95%%): the generator is broken", d.typed, d.inputs)
	}
	if d.ssa*100 < d.inputs*80 {
		t.Errorf("only %d of %d generated programs reach SSA (want 80%%)", d.ssa, d.inputs)
	}
}

// TestFuzzSeeds runs the scenario seeds, unmutated and mutated, and
// reports the share that reaches the analysis.
func TestFuzzSeeds(t *testing.T) {
	seeds := scenarioSeeds(t)
	before := stats.snapshot()
	for i, seed := range seeds {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkInput(t, seed, nil)
			if !testing.Short() {
				checkInput(t, seed, randomChoices(uint64(i), 48))
			}
		})
	}
	d := stats.snapshot().minus(before)
	t.Logf("scenario seeds: %s", d)
}

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

// ---------------------------------------------------------------------
// The harness: load in memory, analyse twice, check the results.

// fuzzStats counts inputs by how far they got.
type fuzzStats struct {
	inputs atomic.Int64 // inputs seen
	typed  atomic.Int64 // inputs that parsed and type-checked: the analysis ran
	ssa    atomic.Int64 // of those, with a package-level lock: run builds SSA
	diags  atomic.Int64 // diagnostics reported (first run)

	mu        sync.Mutex // guards lastWrite
	lastWrite time.Time
}

// statsSnapshot is a copy of the counters of fuzzStats.
type statsSnapshot struct{ inputs, typed, ssa, diags int64 }

func (s *fuzzStats) snapshot() statsSnapshot {
	return statsSnapshot{s.inputs.Load(), s.typed.Load(), s.ssa.Load(), s.diags.Load()}
}

func (s statsSnapshot) minus(o statsSnapshot) statsSnapshot {
	return statsSnapshot{s.inputs - o.inputs, s.typed - o.typed, s.ssa - o.ssa, s.diags - o.diags}
}

func (s statsSnapshot) String() string {
	pct := func(n int64) float64 {
		if s.inputs == 0 {
			return 0
		}
		return 100 * float64(n) / float64(s.inputs)
	}
	return fmt.Sprintf("%d inputs, %d type-check and reach the analysis (%.1f%%), %d reach SSA (%.1f%%), %d diagnostics",
		s.inputs, s.typed, pct(s.typed), s.ssa, pct(s.ssa), s.diags)
}

var stats fuzzStats

// maybeWriteStats writes the counters to $CHANOWN_FUZZ_STATS/fuzzstats.<pid>
// at most every 2 seconds.
func (s *fuzzStats) maybeWriteStats() {
	dir := os.Getenv("CHANOWN_FUZZ_STATS")
	if dir == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if time.Since(s.lastWrite) < 2*time.Second {
		return
	}
	s.lastWrite = time.Now()
	snap := s.snapshot()
	line := fmt.Sprintf("%d %d %d %d\n", snap.inputs, snap.typed, snap.ssa, snap.diags)
	_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("fuzzstats.%d", os.Getpid())), []byte(line), 0o644)
}

// checkInput builds the program described by src and choices, analyses
// it twice and checks the results. It reports whether the program
// type-checked, and returns the diagnostics, formatted.
func checkInput(t *testing.T, src, choices []byte) (bool, []string) {
	t.Helper()
	stats.inputs.Add(1)
	defer stats.maybeWriteStats()

	var ar *txtar.Archive
	if len(src) == 0 {
		ar = generate(choices)
	} else {
		ar = parseArchive(src)
		if len(choices) > 0 {
			ar = mutateArchive(ar, choices)
		}
	}
	prog, ok := loadArchive(ar)
	if !ok {
		return false, nil
	}
	stats.typed.Add(1)
	if prog.hasGlobalLock() {
		stats.ssa.Add(1)
	}

	a := analyzerFor(prog.cfg)
	first := prog.analyze(t, a, ar)
	stats.diags.Add(int64(len(first)))
	second := prog.analyze(t, a, ar)
	if !slices.Equal(first, second) {
		t.Fatalf("two runs on the same input differ:\nfirst:\n\t%s\nsecond:\n\t%s\ninput:\n%s",
			strings.Join(first, "\n\t"), strings.Join(second, "\n\t"), txtar.Format(ar))
	}
	return true, first
}

// program is an archive loaded in memory: its packages, parsed and
// type-checked, in dependency order.
type program struct {
	fset *token.FileSet
	pkgs []*packages.Package
	cfg  analyzer.Config
}

// hasGlobalLock reports whether some package of prog has a package-level
// variable holding a sync.Mutex or sync.RWMutex: the packages for which
// the analyzer builds SSA.
func (prog *program) hasGlobalLock() bool {
	for _, p := range prog.pkgs {
		scope := p.Types.Scope()
		for _, name := range scope.Names() {
			if v, ok := scope.Lookup(name).(*types.Var); ok && holdsLock(v.Type(), 0) {
				return true
			}
		}
	}
	return false
}

// holdsLock reports whether a value of type t holds a sync.Mutex or
// sync.RWMutex, directly, through fields, arrays or one pointer.
func holdsLock(t types.Type, depth int) bool {
	if depth > 4 {
		return false
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if obj := n.Obj(); obj.Pkg() != nil && obj.Pkg().Path() == "sync" && (obj.Name() == "Mutex" || obj.Name() == "RWMutex") {
			return true
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for f := range u.Fields() {
			if holdsLock(f.Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return holdsLock(u.Elem(), depth+1)
	case *types.Pointer:
		return holdsLock(u.Elem(), depth+1)
	}
	return false
}

// analyzerCache holds one analyzer per configuration.
var analyzerCache sync.Map // string -> *analysis.Analyzer

func analyzerFor(cfg analyzer.Config) *analysis.Analyzer {
	key := fmt.Sprintf("%+v", cfg)
	if a, ok := analyzerCache.Load(key); ok {
		return a.(*analysis.Analyzer)
	}
	a, _ := analyzerCache.LoadOrStore(key, analyzer.New(cfg))
	return a.(*analysis.Analyzer)
}

// analyze runs a on every package of prog, sequentially so that a panic
// is caught here with its stack, checks each diagnostic and returns them
// formatted, in the order reported.
func (prog *program) analyze(t *testing.T, a *analysis.Analyzer, ar *txtar.Archive) []string {
	t.Helper()
	var graph *checker.Graph
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("analyzer panicked: %v\n%s\ninput:\n%s", r, debug.Stack(), txtar.Format(ar))
			}
		}()
		graph, err = checker.Analyze([]*analysis.Analyzer{a}, prog.pkgs, &checker.Options{Sequential: true})
	}()
	if err != nil {
		t.Fatalf("checker.Analyze: %v", err)
	}
	var out []string
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("analysis of %s failed: %v\ninput:\n%s", act.Package.PkgPath, act.Err, txtar.Format(ar))
		}
		files := map[*token.File]*ast.File{}
		for _, f := range act.Package.Syntax {
			files[prog.fset.File(f.FileStart)] = f
		}
		for _, d := range act.Diagnostics {
			if problem := checkDiagnostic(prog.fset, files, d); problem != "" {
				t.Errorf("%s: %s\n\t%s: [%s] %s\ninput:\n%s", act.Package.PkgPath, problem,
					prog.fset.Position(d.Pos), d.Category, d.Message, txtar.Format(ar))
			}
			line := fmt.Sprintf("%s: %v-%v: [%s] %s", act.Package.PkgPath, prog.fset.Position(d.Pos), prog.fset.Position(d.End), d.Category, d.Message)
			for _, r := range d.Related {
				line += fmt.Sprintf(" | %v: %s", prog.fset.Position(r.Pos), r.Message)
			}
			out = append(out, line)
		}
	}
	return out
}

// checkDiagnostic returns what is wrong with d, or "": files are the
// files of the analysed package.
func checkDiagnostic(fset *token.FileSet, files map[*token.File]*ast.File, d analysis.Diagnostic) string {
	if !d.Pos.IsValid() {
		return "diagnostic without a position"
	}
	tf := fset.File(d.Pos)
	f, ok := files[tf]
	if !ok {
		return "diagnostic outside the analysed package's files"
	}
	if ast.IsGenerated(f) {
		return "diagnostic in a generated file"
	}
	if d.End.IsValid() && (fset.File(d.End) != tf || d.End < d.Pos) {
		return "diagnostic end before its start or in another file"
	}
	if !slices.Contains(analyzer.Categories, d.Category) {
		return fmt.Sprintf("unknown category %q", d.Category)
	}
	if d.Message == "" || strings.Contains(d.Message, "\n") || strings.Contains(d.Message, "%!") {
		return "empty, multi-line or misformatted message"
	}
	for _, r := range d.Related {
		if !r.Pos.IsValid() || fset.File(r.Pos) == nil {
			return fmt.Sprintf("related information %q without a position", r.Message)
		}
		if r.Message == "" || strings.Contains(r.Message, "\n") || strings.Contains(r.Message, "%!") {
			return "empty, multi-line or misformatted related message"
		}
	}
	return ""
}

// The standard library packages that programs may import, loaded once
// from export data into one universe.
var (
	stdOnce  sync.Once
	stdFset  *token.FileSet
	stdTypes map[string]*types.Package
	stdErr   error
	stdSizes types.Sizes
)

// stdImports are the standard packages programs may import.
var stdImports = []string{
	"context", "errors", "fmt", "io", "log", "net/http", "net/http/httptest",
	"os", "runtime", "strconv", "strings", "sync", "sync/atomic", "testing", "time",
}

// loadStd loads stdImports once.
func loadStd() (*token.FileSet, map[string]*types.Package, error) {
	stdOnce.Do(func() {
		stdFset = token.NewFileSet()
		stdSizes = types.SizesFor("gc", runtime.GOARCH)
		cfg := &packages.Config{
			Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps,
			Fset: stdFset,
		}
		pkgs, err := packages.Load(cfg, stdImports...)
		if err != nil {
			stdErr = err
			return
		}
		stdTypes = map[string]*types.Package{}
		packages.Visit(pkgs, nil, func(p *packages.Package) {
			if len(p.Errors) > 0 && stdErr == nil {
				stdErr = fmt.Errorf("loading %s: %v", p.PkgPath, p.Errors[0])
			}
			if p.Types != nil {
				stdTypes[p.PkgPath] = p.Types
			}
		})
	})
	return stdFset, stdTypes, stdErr
}

// fuzzMu serialises loading: the file set and the standard packages are
// shared by every input.
var fuzzMu sync.Mutex

// loadArchive parses and type-checks the packages of ar. It reports false
// if any file does not parse or any package does not type-check.
func loadArchive(ar *txtar.Archive) (*program, bool) {
	fset, std, err := loadStd()
	if err != nil {
		panic(fmt.Sprintf("loading the standard library: %v", err))
	}
	fuzzMu.Lock()
	defer fuzzMu.Unlock()

	prog := &program{fset: fset, cfg: parseConfig(string(ar.Comment))}
	byPath := map[string][]*ast.File{}
	var paths []string
	seenNames := map[string]bool{}
	for _, af := range ar.Files {
		if !strings.HasSuffix(af.Name, ".go") || seenNames[af.Name] {
			continue
		}
		seenNames[af.Name] = true
		dir := path.Dir(af.Name)
		if dir == "." || dir == "/" {
			dir = "fuzz"
		}
		// A generous limit: the mutator can grow a file.
		if len(af.Data) > 1<<20 {
			return nil, false
		}
		f, err := parser.ParseFile(fset, af.Name, af.Data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			if os.Getenv("CHANOWN_FUZZ_DEBUG") != "" {
				fmt.Fprintf(os.Stderr, "parse error: %v\n", err)
			}
			return nil, false
		}
		if _, ok := byPath[dir]; !ok {
			paths = append(paths, dir)
		}
		byPath[dir] = append(byPath[dir], f)
	}
	if len(paths) == 0 {
		return nil, false
	}

	// Type-check in dependency order; an import cycle fails.
	done := map[string]*packages.Package{}
	visiting := map[string]bool{}
	var check func(p string) bool
	check = func(p string) bool {
		if _, ok := done[p]; ok {
			return true
		}
		if visiting[p] {
			return false
		}
		visiting[p] = true
		files := byPath[p]
		imports := map[string]*packages.Package{}
		for _, f := range files {
			for _, spec := range f.Imports {
				ip := strings.Trim(spec.Path.Value, "`\"")
				if _, ok := byPath[ip]; ok {
					if !check(ip) {
						return false
					}
					imports[ip] = done[ip]
				} else if _, ok := std[ip]; !ok {
					return false
				}
			}
		}
		info := &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		}
		failed := false
		conf := types.Config{
			GoVersion: "go1.26",
			Sizes:     stdSizes,
			Importer: importerFunc(func(ip string) (*types.Package, error) {
				if p, ok := imports[ip]; ok {
					return p.Types, nil
				}
				if p, ok := std[ip]; ok {
					return p, nil
				}
				return nil, fmt.Errorf("no package %q", ip)
			}),
			Error: func(err error) {
				if !failed && os.Getenv("CHANOWN_FUZZ_DEBUG") != "" {
					fmt.Fprintf(os.Stderr, "type error: %v\n", err)
				}
				failed = true
			},
		}
		tpkg, _ := conf.Check(p, fset, files, info)
		if failed || tpkg == nil {
			return false
		}
		done[p] = &packages.Package{
			ID:         p,
			Name:       tpkg.Name(),
			PkgPath:    p,
			Fset:       fset,
			Syntax:     files,
			Types:      tpkg,
			TypesInfo:  info,
			TypesSizes: stdSizes,
			Imports:    imports,
			Module:     moduleOf(p),
		}
		prog.pkgs = append(prog.pkgs, done[p])
		return true
	}
	slices.Sort(paths)
	for _, p := range paths {
		if !check(p) {
			return nil, false
		}
	}
	return prog, true
}

// moduleOf returns the module of the in-memory package p: the main
// module "fuzz", or for a path whose first element has a dot (the
// errgroup stub) a module of its own.
func moduleOf(p string) *packages.Module {
	if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") {
		parts := strings.SplitN(p, "/", 4)
		return &packages.Module{Path: strings.Join(parts[:min(3, len(parts))], "/"), Version: "v1.0.0", GoVersion: "1.26"}
	}
	return &packages.Module{Path: "fuzz", Main: true, GoVersion: "1.26"}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// parseConfig reads the configuration lines of an archive's comment.
// Invalid settings are ignored: the fuzzer tests the analyzer, and flag
// validation is tested elsewhere.
func parseConfig(comment string) analyzer.Config {
	var cfg analyzer.Config
	for line := range strings.SplitSeq(comment, "\n") {
		key, value, _ := strings.Cut(strings.TrimSpace(line), "=")
		var items []string
		for item := range strings.SplitSeq(value, ",") {
			if item = strings.TrimSpace(item); item != "" {
				items = append(items, item)
			}
		}
		switch key {
		case "exported":
			cfg.Exported = true
		case "spawners":
			for _, item := range items {
				if sp, err := analyzer.ParseSpawner(item); err == nil {
					cfg.Spawners = append(cfg.Spawners, sp)
				}
			}
		case "self-sync":
			for _, item := range items {
				c := analyzer.Config{SelfSync: []string{item}}
				if c.Validate() == nil {
					cfg.SelfSync = append(cfg.SelfSync, item)
				}
			}
		case "categories":
			for _, item := range items {
				if slices.Contains(analyzer.Categories, item) {
					cfg.Categories = append(cfg.Categories, item)
				}
			}
		}
	}
	return cfg
}

// parseArchive parses src as a txtar archive, or as one Go file if it has
// no file markers.
func parseArchive(src []byte) *txtar.Archive {
	ar := txtar.Parse(src)
	if len(ar.Files) == 0 {
		return &txtar.Archive{Files: []txtar.File{{Name: "fuzz/main.go", Data: src}}}
	}
	return ar
}

// ---------------------------------------------------------------------
// Seeds.

// seedConfigs are the configurations of the scenarios analysed with
// flags (analyzer_test.go).
var seedConfigs = map[string]string{
	"exportedon":          "exported",
	"exportedmain":        "exported",
	"spawners":            "spawners=spawnlib.Run:0",
	"selfsyncflag":        "self-sync=selfsyncflag.Gauge",
	"categoriesdirective": "categories=directive",
	"categoriesshared":    "categories=shared",
}

// scenarioSeeds returns one archive per scenario package in testdata/src,
// with the packages it imports from there.
func scenarioSeeds(tb testing.TB) [][]byte {
	root := filepath.Join(testdata, "src")
	entries, err := os.ReadDir(root)
	if err != nil {
		tb.Fatal(err)
	}
	var seeds [][]byte
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "golang.org" || e.Name() == "spawnlib" {
			continue
		}
		ar := &txtar.Archive{Comment: []byte(seedConfigs[e.Name()] + "\n")}
		seen := map[string]bool{}
		var add func(p string)
		add = func(p string) {
			if seen[p] {
				return
			}
			seen[p] = true
			dir := filepath.Join(root, filepath.FromSlash(p))
			files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
			for _, file := range files {
				data, err := os.ReadFile(file)
				if err != nil {
					tb.Fatal(err)
				}
				ar.Files = append(ar.Files, txtar.File{Name: p + "/" + filepath.Base(file), Data: data})
				f, err := parser.ParseFile(token.NewFileSet(), file, data, parser.ImportsOnly)
				if err != nil {
					continue
				}
				for _, spec := range f.Imports {
					ip := strings.Trim(spec.Path.Value, `"`)
					if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(ip))); err == nil && st.IsDir() {
						add(ip)
					}
				}
			}
		}
		add(e.Name())
		seeds = append(seeds, txtar.Format(ar))
	}
	return seeds
}

// randomChoices returns n pseudo-random bytes from seed.
func randomChoices(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, 0x6368616e6f776e))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return b
}

// ---------------------------------------------------------------------
// The syntax-level mutator of scenario sources.

// chooser turns a byte string into choices. Once the bytes run out every
// choice is 0, so that generation and mutation always end.
type chooser struct {
	data []byte
	i    int
}

// intn returns a choice in [0, n).
func (c *chooser) intn(n int) int {
	if n <= 1 || c.i >= len(c.data) {
		return 0
	}
	b := c.data[c.i]
	c.i++
	return int(b) % n
}

// chance returns true with probability about 1/n (never once the bytes
// run out).
func (c *chooser) chance(n int) bool {
	if c.i >= len(c.data) {
		return false
	}
	return c.intn(n) == n-1
}

func (c *chooser) done() bool { return c.i >= len(c.data) }

// mutateArchive applies syntax-level mutations chosen by choices to the
// statements of the archive's files, and prints the files again.
func mutateArchive(ar *txtar.Archive, choices []byte) *txtar.Archive {
	c := &chooser{data: choices}
	fset := token.NewFileSet()
	type parsed struct {
		name string
		file *ast.File
	}
	var files []parsed
	for _, af := range ar.Files {
		f, err := parser.ParseFile(fset, af.Name, af.Data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return ar // left to fail in loadArchive
		}
		files = append(files, parsed{af.Name, f})
	}
	if len(files) == 0 {
		return ar
	}
	for n := 0; n < 16 && !c.done(); n++ {
		pf := files[c.intn(len(files))]
		var blocks []*ast.BlockStmt
		ast.Inspect(pf.file, func(n ast.Node) bool {
			if b, ok := n.(*ast.BlockStmt); ok && len(b.List) > 0 {
				blocks = append(blocks, b)
			}
			return true
		})
		if len(blocks) == 0 {
			continue
		}
		mutateBlock(c, blocks[c.intn(len(blocks))])
	}
	out := &txtar.Archive{Comment: ar.Comment}
	for _, pf := range files {
		var buf bytes.Buffer
		if err := format.Node(&buf, fset, pf.file); err != nil {
			return ar
		}
		out.Files = append(out.Files, txtar.File{Name: pf.name, Data: buf.Bytes()})
	}
	return out
}

// mutateBlock applies one mutation to b's statements. Statements that
// declare names, return or branch are only ever kept in place: moving
// them rarely type-checks.
func mutateBlock(c *chooser, b *ast.BlockStmt) {
	i := c.intn(len(b.List))
	s := b.List[i]
	op := c.intn(10)
	if !movable(s) && op != 7 && op != 8 {
		return
	}
	closure := func(body ...ast.Stmt) *ast.CallExpr {
		return &ast.CallExpr{Fun: &ast.FuncLit{
			Type: &ast.FuncType{Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{List: body},
		}}
	}
	switch op {
	case 0: // delete
		b.List = slices.Delete(b.List, i, i+1)
	case 1: // duplicate
		b.List = slices.Insert(b.List, i+1, s)
	case 2: // swap with another statement of the block
		if j := c.intn(len(b.List)); movable(b.List[j]) {
			b.List[i], b.List[j] = b.List[j], b.List[i]
		}
	case 3: // run on a new goroutine
		b.List[i] = &ast.GoStmt{Call: closure(s)}
	case 4: // defer
		b.List[i] = &ast.DeferStmt{Call: closure(s)}
	case 5: // loop
		b.List[i] = &ast.RangeStmt{
			Tok: token.ILLEGAL, X: &ast.BasicLit{Kind: token.INT, Value: "2"},
			Body: &ast.BlockStmt{List: []ast.Stmt{s}},
		}
	case 6: // closure called at once
		b.List[i] = &ast.ExprStmt{X: closure(s)}
	case 7: // go f() -> f(), defer f() -> f(), f() -> go f() or defer f()
		switch s := s.(type) {
		case *ast.GoStmt:
			b.List[i] = &ast.ExprStmt{X: s.Call}
		case *ast.DeferStmt:
			b.List[i] = &ast.ExprStmt{X: s.Call}
		case *ast.ExprStmt:
			if call, ok := s.X.(*ast.CallExpr); ok {
				if c.intn(2) == 0 {
					b.List[i] = &ast.GoStmt{Call: call}
				} else {
					b.List[i] = &ast.DeferStmt{Call: call}
				}
			}
		}
	case 8: // Lock <-> Unlock, RLock -> Lock, RUnlock -> Unlock
		swap := map[string]string{"Lock": "Unlock", "Unlock": "Lock", "RLock": "Lock", "RUnlock": "Unlock"}
		ast.Inspect(s, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && c.intn(2) == 0 {
				if to, ok := swap[sel.Sel.Name]; ok {
					sel.Sel = ast.NewIdent(to)
				}
			}
			return true
		})
	case 9: // move into a branch that may not run
		b.List[i] = &ast.IfStmt{
			Cond: &ast.BinaryExpr{
				X:  &ast.CallExpr{Fun: ast.NewIdent("len"), Args: []ast.Expr{&ast.BasicLit{Kind: token.STRING, Value: `"x"`}}},
				Op: token.GTR, Y: &ast.BasicLit{Kind: token.INT, Value: "0"},
			},
			Body: &ast.BlockStmt{List: []ast.Stmt{s}},
		}
	}
}

// movable reports whether s can be deleted, duplicated, moved or nested
// without breaking the names it declares or the control flow it ends.
func movable(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.DeclStmt, *ast.ReturnStmt, *ast.BranchStmt, *ast.LabeledStmt:
		return false
	case *ast.AssignStmt:
		return s.Tok != token.DEFINE
	}
	return true
}

// ---------------------------------------------------------------------
// The program generator.

// genLock is a lock the generator can take: expr.Lock().
type genLock struct {
	expr string
	rw   bool // an RWMutex
	ptr  bool // a *sync.Mutex
}

// genData is a global the generator reads and writes.
type genData struct {
	name string
	kind int // dataInt ...
}

// Data kinds.
const (
	dataInt = iota
	dataMap
	dataSlice
	dataPtr
	dataAtomic
	dataSyncMap
	dataFunc
	dataChan
	dataGauge
	dataField // a field of a struct global: name is "st.n"
	numDataKinds
)

// genFunc is a function the generator can call.
type genFunc struct {
	name string
	kind int // funcPlain ...
}

// Function kinds.
const (
	funcPlain   = iota // func name()
	funcWrapper        // func name(f func()): runs f, maybe on a goroutine
	funcGeneric        // func name[P any](p P)
	funcMethod         // func (t *T) name()
	funcHandler        // func name(w http.ResponseWriter, r *http.Request)
)

// gen is the state of one generated program.
type gen struct {
	c       *chooser
	pkg     string // package name of the file being written
	locks   []genLock
	data    []genData
	funcs   []genFunc
	budget  int  // statements left
	onces   int  // sync.Once globals once0...
	useLib  bool // the program has package fuzz/lib
	useEg   bool // the program imports the errgroup stub
	helpers bool // the program has lock() and unlock()
	noFuncs bool // refer to no function of the program
}

// stdAnchors makes every imported standard package used.
const stdHeader = `import (
	"context"
	"net/http"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
%s)

var (
	_ = context.Background
	_ = http.HandleFunc
	_ = os.Args
	_ = runtime.GC
	_ sync.Mutex
	_ atomic.Int64
	_ = time.Second
%s)
`

// generate builds a program from choices.
func generate(choices []byte) *txtar.Archive {
	c := &chooser{data: choices}
	ar := &txtar.Archive{}
	var config []string
	if c.chance(3) {
		config = append(config, "exported")
	}
	g := &gen{c: c, budget: 160}
	g.useLib = c.chance(3)
	g.useEg = c.chance(4)

	if g.useLib {
		ar.Files = append(ar.Files, txtar.File{Name: "fuzz/lib/lib.go", Data: []byte(g.libFile())})
	}
	if g.useEg {
		ar.Files = append(ar.Files, txtar.File{Name: "golang.org/x/sync/errgroup/errgroup.go", Data: []byte(errgroupStub)})
	}

	main := c.intn(3) != 0
	g.pkg = "fuzz"
	if main {
		g.pkg = "main"
	}
	var b strings.Builder
	g.declarations(&b, main)
	if slices.ContainsFunc(g.funcs, func(f genFunc) bool { return f.kind == funcWrapper }) && c.chance(2) {
		config = append(config, "spawners=fuzz.wrap0:0")
	}
	if slices.ContainsFunc(g.data, func(d genData) bool { return d.kind == dataGauge }) && c.chance(2) {
		config = append(config, "self-sync=fuzz.Gauge")
	}
	ar.Files = append(ar.Files, txtar.File{Name: "fuzz/main.go", Data: formatted(b.String())})

	// A test file, a generated file and a second plain file reuse the
	// globals and functions of the main file.
	if c.chance(3) {
		ar.Files = append(ar.Files, txtar.File{Name: "fuzz/fuzz_test.go", Data: formatted(g.extraFile("", true))})
	}
	if c.chance(3) {
		ar.Files = append(ar.Files, txtar.File{Name: "fuzz/zz_generated.go", Data: formatted(g.extraFile("// Code generated by fuzz. DO NOT EDIT.\n\n", false))})
	}
	if c.chance(4) {
		ar.Files = append(ar.Files, txtar.File{Name: "fuzz/other.go", Data: formatted(g.extraFile("", false))})
	}
	ar.Comment = []byte(strings.Join(config, "\n") + "\n")
	return ar
}

// formatted returns src formatted, or as is if it does not parse (the
// input then fails to load, which the counters show).
func formatted(src string) []byte {
	if out, err := format.Source([]byte(src)); err == nil {
		return out
	}
	return []byte(src)
}

// errgroupStub is the errgroup package of testdata/src, shortened.
const errgroupStub = `package errgroup

import "sync"

type Group struct {
	wg      sync.WaitGroup
	errOnce sync.Once
	err     error
}

func (g *Group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.errOnce.Do(func() { g.err = err })
		}
	}()
}

func (g *Group) TryGo(f func() error) bool { g.Go(f); return true }

func (g *Group) Wait() error { g.wg.Wait(); return g.err }
`

// header returns the package clause and imports of a file of the main
// package.
func (g *gen) header(pkg string, test bool) string {
	extraImports, extraAnchors := "", ""
	if g.useLib {
		extraImports += "\t\"fuzz/lib\"\n"
		extraAnchors += "\t_ = lib.Go\n"
	}
	if g.useEg {
		extraImports += "\t\"golang.org/x/sync/errgroup\"\n"
		extraAnchors += "\t_ errgroup.Group\n"
	}
	if test {
		extraImports += "\t\"testing\"\n"
		extraAnchors += "\t_ testing.T\n"
	}
	return "package " + pkg + "\n\n" + fmt.Sprintf(stdHeader, extraImports, extraAnchors)
}

// libFile returns package fuzz/lib: exported locks and globals, a
// spawning wrapper, a locking wrapper, and functions with generated
// bodies over its own globals.
func (g *gen) libFile() string {
	var b strings.Builder
	b.WriteString(`package lib

import "sync"

var (
	Mu     sync.Mutex
	Shared = map[string]int{}
	mu     sync.RWMutex
	count  int
	hooks  []func()
)

// Go runs f on a new goroutine: a spawner by facts.
func Go(f func()) { go f() }

// Locked runs f holding mu.
func Locked(f func()) {
	mu.Lock()
	defer mu.Unlock()
	f()
}

// Count returns count.
func Count() int {
	mu.RLock()
	defer mu.RUnlock()
	return count
}
`)
	bodies := []string{
		"mu.Lock()\ncount++\nmu.Unlock()",
		"Mu.Lock()\nShared[\"k\"]++\nMu.Unlock()",
		"go func() {\nmu.Lock()\nhooks = append(hooks, nil)\nmu.Unlock()\n}()",
		"count++",
		"Mu.Lock()\nfor _, h := range hooks {\n_ = h\n}\nMu.Unlock()",
		"mu.RLock()\ncount = 2\nmu.RUnlock()",
		"go Inc0()",
	}
	n := 1 + g.c.intn(3)
	for i := range n {
		fmt.Fprintf(&b, "\nfunc Inc%d() {\n", i)
		for range 1 + g.c.intn(3) {
			b.WriteString(bodies[g.c.intn(len(bodies))] + "\n")
		}
		b.WriteString("}\n")
	}
	return string(formatted(b.String()))
}

// declarations writes the main file: globals, locks, functions and their
// bodies, and main or exported entry points.
func (g *gen) declarations(b *strings.Builder, main bool) {
	c := g.c
	b.WriteString(g.header(g.pkg, false))
	b.WriteString(`
type T struct {
	mu sync.Mutex
	n  int
	m  map[string]int
}

type Gauge struct{ v atomic.Int64 }

func (g *Gauge) Add(n int64) { g.v.Add(n) }

func sink(any) {}

var (
	wg sync.WaitGroup
	ch = make(chan int, 1)
	tv = new(T)
`)
	if g.useEg {
		b.WriteString("\teg errgroup.Group\n")
	}
	// Locks.
	nl := 1 + c.intn(3)
	for i := range nl {
		if c.chance(6) {
			b.WriteString("\t//chanown:ignore shared generated directive on a lock\n")
		}
		switch c.intn(7) {
		case 0, 1:
			fmt.Fprintf(b, "\tmu%d sync.Mutex\n", i)
			g.locks = append(g.locks, genLock{expr: fmt.Sprintf("mu%d", i)})
		case 2:
			fmt.Fprintf(b, "\tmu%d sync.RWMutex\n", i)
			g.locks = append(g.locks, genLock{expr: fmt.Sprintf("mu%d", i), rw: true})
		case 3:
			fmt.Fprintf(b, "\tmu%d = &sync.Mutex{}\n", i)
			g.locks = append(g.locks, genLock{expr: fmt.Sprintf("mu%d", i), ptr: true})
		case 4:
			fmt.Fprintf(b, "\tst%d struct {\n\t\tsync.Mutex\n\t\tn int\n\t}\n", i)
			g.locks = append(g.locks, genLock{expr: fmt.Sprintf("st%d", i)})
			g.data = append(g.data, genData{fmt.Sprintf("st%d.n", i), dataField})
		case 5:
			fmt.Fprintf(b, "\tst%d struct {\n\t\tmu sync.RWMutex\n\t\tn  int\n\t}\n", i)
			g.locks = append(g.locks, genLock{expr: fmt.Sprintf("st%d.mu", i), rw: true})
			g.data = append(g.data, genData{fmt.Sprintf("st%d.n", i), dataField})
		case 6:
			fmt.Fprintf(b, "\tshards%d [4]struct {\n\t\tmu sync.Mutex\n\t\tn  int\n\t}\n", i)
			g.locks = append(g.locks, genLock{expr: fmt.Sprintf("shards%d[len(os.Args)%%4].mu", i)})
			g.data = append(g.data, genData{fmt.Sprintf("shards%d[0].n", i), dataField})
		}
	}
	if g.useLib {
		g.locks = append(g.locks, genLock{expr: "lib.Mu"})
	}
	// Data.
	nd := 1 + c.intn(4)
	for i := range nd {
		kind := c.intn(numDataKinds - 1) // not dataField
		name := fmt.Sprintf("v%d", i)
		switch kind {
		case dataInt:
			fmt.Fprintf(b, "\t%s int\n", name)
		case dataMap:
			fmt.Fprintf(b, "\t%s = map[string]int{}\n", name)
		case dataSlice:
			fmt.Fprintf(b, "\t%s []string\n", name)
		case dataPtr:
			fmt.Fprintf(b, "\t%s *T\n", name)
		case dataAtomic:
			fmt.Fprintf(b, "\t%s atomic.Int64\n", name)
		case dataSyncMap:
			fmt.Fprintf(b, "\t%s sync.Map\n", name)
		case dataFunc:
			fmt.Fprintf(b, "\t%s func()\n", name)
		case dataChan:
			fmt.Fprintf(b, "\t%s = make(chan int, 1)\n", name)
		case dataGauge:
			fmt.Fprintf(b, "\t%s Gauge\n", name)
		}
		g.data = append(g.data, genData{name, kind})
	}
	if g.useLib {
		g.data = append(g.data, genData{"lib.Shared", dataMap})
	}
	g.onces = c.intn(3)
	for i := range g.onces {
		fmt.Fprintf(b, "\tonce%d sync.Once\n", i)
	}
	b.WriteString(")\n")

	// Functions: declared first so that bodies can call any of them.
	nf := 1 + c.intn(6)
	for i := range nf {
		kind := c.intn(5)
		name := fmt.Sprintf("f%d", i)
		switch kind {
		case funcWrapper:
			name = fmt.Sprintf("wrap%d", i)
		case funcGeneric:
			name = fmt.Sprintf("gen%d", i)
		case funcMethod:
			name = fmt.Sprintf("M%d", i)
		case funcHandler:
			name = fmt.Sprintf("handle%d", i)
		}
		if c.chance(4) && kind != funcMethod {
			name = strings.ToUpper(name[:1]) + name[1:]
		}
		if c.chance(8) && kind == funcPlain {
			name += "Locked"
		}
		g.funcs = append(g.funcs, genFunc{name, kind})
	}
	// A function-valued global initialised with a closure, and a lock
	// helper pair.
	hook := c.chance(3)
	if hook {
		g.funcs = append(g.funcs, genFunc{"hook", funcPlain})
	}
	helpers := c.chance(3)
	if helpers {
		fmt.Fprintf(b, "\nfunc lock() { %s.Lock() }\n\nfunc unlock() { %s.Unlock() }\n", g.locks[0].expr, g.locks[0].expr)
	}
	if hook {
		// The initialiser must not refer to a function: that could
		// make an initialisation cycle.
		g.noFuncs = true
		fmt.Fprintf(b, "\nvar hook = func() {\n%s}\n", g.block(2, ""))
		g.noFuncs = false
	}
	g.helpers = helpers
	for _, f := range g.funcs {
		if f.name == "hook" {
			continue
		}
		if c.chance(8) {
			b.WriteString("\n//chanown:ignore generated directive on a function\n")
		} else {
			b.WriteString("\n")
		}
		switch f.kind {
		case funcPlain:
			fmt.Fprintf(b, "func %s() {\n%s}\n", f.name, g.block(3, ""))
		case funcWrapper:
			body := "go f()\n"
			switch c.intn(4) {
			case 1:
				body = "f()\n"
			case 2:
				body = "wg.Add(1)\ngo func() {\ndefer wg.Done()\nf()\n}()\n"
			case 3:
				body = fmt.Sprintf("%s.Lock()\nf()\n%s.Unlock()\n", g.locks[0].expr, g.locks[0].expr)
			}
			fmt.Fprintf(b, "func %s(f func()) {\n%s%s}\n", f.name, body, g.block(2, ""))
		case funcGeneric:
			fmt.Fprintf(b, "func %s[P any](p P) {\n_ = p\n%s}\n", f.name, g.block(2, ""))
		case funcMethod:
			fmt.Fprintf(b, "func (t *T) %s() {\nt.mu.Lock()\nt.n++\nt.m[\"k\"] = t.n\nt.mu.Unlock()\n%s}\n", f.name, g.block(2, ""))
		case funcHandler:
			fmt.Fprintf(b, "func %s(w http.ResponseWriter, r *http.Request) {\n_, _ = w, r\n%s}\n", f.name, g.block(2, ""))
		}
	}
	if c.chance(3) {
		fmt.Fprintf(b, "\ntype server struct{}\n\nfunc (server) ServeHTTP(w http.ResponseWriter, r *http.Request) {\n%s}\n", g.block(2, ""))
		fmt.Fprintf(b, "\nfunc init() {\nhttp.Handle(\"/s\", server{})\n}\n")
	}
	if c.chance(2) {
		fmt.Fprintf(b, "\nfunc init() {\n%s}\n", g.block(2, ""))
	}
	if c.chance(4) {
		fmt.Fprintf(b, "\nvar initValue = func() int {\n%sreturn 0\n}()\n", g.block(2, "0"))
	}
	if main {
		fmt.Fprintf(b, "\nfunc main() {\n%s}\n", g.block(4, ""))
	} else {
		for i := range 1 + c.intn(3) {
			fmt.Fprintf(b, "\nfunc Entry%d() {\n%s}\n", i, g.block(3, ""))
		}
	}
}

// extraFile returns another file of the main package using its globals:
// a test file with Test functions, or a plain (maybe generated) file.
func (g *gen) extraFile(prefix string, test bool) string {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString(g.header(g.pkg, test))
	for i := range 1 + g.c.intn(3) {
		if test {
			parallel := ""
			if g.c.chance(2) {
				parallel = "t.Parallel()\n"
			}
			fmt.Fprintf(&b, "\nfunc TestFuzz%d(t *testing.T) {\n%s%s}\n", i, parallel, g.block(3, ""))
		} else {
			fmt.Fprintf(&b, "\nfunc extra%d%d() {\n%s}\n", len(prefix), i, g.block(3, ""))
		}
	}
	return b.String()
}

// block returns a list of statements, at most depth deep; ret is the
// value a return statement needs ("" for none).
func (g *gen) block(depth int, ret string) string {
	var b strings.Builder
	n := 1 + g.c.intn(4)
	for range n {
		if g.budget <= 0 {
			break
		}
		g.budget--
		b.WriteString(g.stmt(depth, ret))
	}
	return b.String()
}

// stmt returns one statement (maybe several lines).
func (g *gen) stmt(depth int, ret string) string {
	c := g.c
	if depth <= 0 {
		return g.access()
	}
	lock := g.locks[c.intn(len(g.locks))]
	unlockName, lockName := "Unlock", "Lock"
	if lock.rw && c.intn(2) == 0 {
		unlockName, lockName = "RUnlock", "RLock"
	}
	retStmt := "return\n"
	if ret != "" {
		retStmt = "return " + ret + "\n"
	}
	switch c.intn(24) {
	case 0, 1, 2: // critical section
		return fmt.Sprintf("%s.%s()\n%s%s.%s()\n", lock.expr, lockName, g.block(depth-1, ret), lock.expr, unlockName)
	case 3: // deferred unlock
		return fmt.Sprintf("%s.%s()\ndefer %s.%s()\n%s", lock.expr, lockName, lock.expr, unlockName, g.block(depth-1, ret))
	case 4, 5, 6: // access
		return g.access()
	case 7: // go statement
		if c.intn(2) == 0 {
			if f, ok := g.plainFunc(); ok {
				return "go " + f + "()\n"
			}
		}
		return fmt.Sprintf("go func() {\n%s}()\n", g.block(depth-1, ""))
	case 8: // WaitGroup
		switch c.intn(3) {
		case 0:
			return fmt.Sprintf("wg.Add(1)\ngo func() {\ndefer wg.Done()\n%s}()\n", g.block(depth-1, ""))
		case 1:
			return fmt.Sprintf("wg.Go(func() {\n%s})\n", g.block(depth-1, ""))
		default:
			return "wg.Wait()\n"
		}
	case 9: // other spawners
		body := g.block(depth-1, "")
		switch c.intn(8) {
		case 0:
			return fmt.Sprintf("time.AfterFunc(time.Millisecond, func() {\n%s})\n", body)
		case 1:
			return fmt.Sprintf("_ = context.AfterFunc(context.Background(), func() {\n%s})\n", body)
		case 2:
			return fmt.Sprintf("http.HandleFunc(\"/x\", func(w http.ResponseWriter, r *http.Request) {\n%s})\n", body)
		case 3:
			return fmt.Sprintf("runtime.SetFinalizer(new(int), func(*int) {\n%s})\n", body)
		case 4:
			return fmt.Sprintf("_ = runtime.AddCleanup(new(int), func(int) {\n%s}, 0)\n", body)
		case 5:
			if g.useEg {
				return fmt.Sprintf("eg.Go(func() error {\n%sreturn nil\n})\n", g.block(depth-1, "nil"))
			}
		case 6:
			if g.useLib {
				return fmt.Sprintf("lib.Go(func() {\n%s})\n", body)
			}
		case 7:
			if g.useLib {
				return fmt.Sprintf("lib.Locked(func() {\n%s})\n", body)
			}
		}
		return fmt.Sprintf("go func() {\n%s}()\n", body)
	case 10, 11: // call
		if g.noFuncs {
			return g.access()
		}
		f := g.funcs[c.intn(len(g.funcs))]
		prefix := ""
		if c.chance(4) {
			prefix = "defer "
		}
		switch f.kind {
		case funcPlain:
			return prefix + f.name + "()\n"
		case funcWrapper:
			return fmt.Sprintf("%s(func() {\n%s})\n", f.name, g.block(depth-1, ""))
		case funcGeneric:
			if c.intn(2) == 0 {
				return prefix + f.name + "(1)\n"
			}
			return prefix + f.name + "(\"s\")\n"
		case funcMethod:
			if c.intn(2) == 0 {
				return prefix + "tv." + f.name + "()\n"
			}
			return "new(T)." + f.name + "()\n"
		case funcHandler:
			return fmt.Sprintf("http.HandleFunc(\"/%s\", %s)\n", f.name, f.name)
		}
	case 12: // closures
		switch c.intn(3) {
		case 0:
			return fmt.Sprintf("func() {\n%s}()\n", g.block(depth-1, ""))
		case 1:
			return fmt.Sprintf("defer func() {\n%s}()\n", g.block(depth-1, ""))
		default:
			return fmt.Sprintf("{\ndo := func() {\n%s}\ndo()\ndo()\n}\n", g.block(depth-1, ""))
		}
	case 13: // once
		if g.onces > 0 {
			o := c.intn(g.onces)
			if f, ok := g.plainFunc(); ok && c.intn(2) == 0 {
				return fmt.Sprintf("once%d.Do(%s)\n", o, f)
			}
			return fmt.Sprintf("once%d.Do(func() {\n%s})\n", o, g.block(depth-1, ""))
		}
		return fmt.Sprintf("sync.OnceFunc(func() {\n%s})()\n", g.block(depth-1, ""))
	case 14: // loops
		switch c.intn(3) {
		case 0:
			return fmt.Sprintf("for i := 0; i < 3; i++ {\n_ = i\n%s}\n", g.block(depth-1, ret))
		case 1:
			return fmt.Sprintf("for range 3 {\n%s}\n", g.block(depth-1, ret))
		default:
			return fmt.Sprintf("for len(os.Args) > 9 {\n%sbreak\n}\n", g.block(depth-1, ret))
		}
	case 15: // branches
		switch c.intn(3) {
		case 0:
			return fmt.Sprintf("if len(os.Args) > 1 {\n%s} else {\n%s}\n", g.block(depth-1, ret), g.block(depth-1, ret))
		case 1:
			return fmt.Sprintf("switch len(os.Args) {\ncase 0:\n%sdefault:\n%s}\n", g.block(depth-1, ret), g.block(depth-1, ret))
		default:
			return fmt.Sprintf("select {\ncase <-ch:\n%sdefault:\n%s}\n", g.block(depth-1, ret), g.block(depth-1, ret))
		}
	case 16: // early return
		return "if len(os.Args) > 5 {\n" + retStmt + "}\n"
	case 17: // directives, well-formed or not
		switch c.intn(4) {
		case 0:
			return "//chanown:ignore generated reason\n" + g.stmt(depth-1, ret)
		case 1:
			return "//chanown:ignore unguarded,shared generated reason\n" + g.stmt(depth-1, ret)
		case 2:
			return "//chanown:ignore\n" + g.stmt(depth-1, ret)
		default:
			return "//chanown:bogus x\n" + g.stmt(depth-1, ret)
		}
	case 18: // try-lock
		if lock.rw && c.intn(2) == 0 {
			return fmt.Sprintf("if %s.TryRLock() {\n%s%s.RUnlock()\n}\n", lock.expr, g.block(depth-1, ret), lock.expr)
		}
		return fmt.Sprintf("if %s.TryLock() {\n%s%s.Unlock()\n}\n", lock.expr, g.block(depth-1, ret), lock.expr)
	case 19: // unbalanced: semaphores and helpers
		switch c.intn(3) {
		case 0:
			return fmt.Sprintf("%s.%s()\n", lock.expr, unlockName)
		case 1:
			return fmt.Sprintf("%s.%s()\n", lock.expr, lockName)
		default:
			return fmt.Sprintf("%s.Lock()\n%s%s.Unlock()\n", g.locks[0].expr, g.block(depth-1, ret), g.locks[0].expr)
		}
	case 20: // lock helpers or a lib call
		if g.useLib && c.intn(2) == 0 {
			return "lib.Inc0()\n_ = lib.Count()\n"
		}
		if g.helpers && c.intn(2) == 0 {
			return fmt.Sprintf("lock()\n%sunlock()\n", g.block(depth-1, ret))
		}
		return fmt.Sprintf("%s.Lock()\n%s.Unlock()\n", lock.expr, lock.expr)
	case 21: // lazy initialisation under a lock
		d := g.data[c.intn(len(g.data))]
		if d.kind == dataMap && d.name != "lib.Shared" {
			return fmt.Sprintf("%s.Lock()\nif %s == nil {\n%s = map[string]int{}\n}\n%s.Unlock()\n", g.locks[0].expr, d.name, d.name, g.locks[0].expr)
		}
		if d.kind == dataPtr {
			return fmt.Sprintf("%s.Lock()\nif %s == nil {\n%s = new(T)\n}\n%s.Unlock()\n", g.locks[0].expr, d.name, d.name, g.locks[0].expr)
		}
		return g.access()
	case 22: // reference count
		d := g.data[c.intn(len(g.data))]
		if d.kind == dataInt || d.kind == dataField {
			return fmt.Sprintf("%s.Lock()\n%s--\nif %s == 0 {\n%s}\n%s.Unlock()\n", g.locks[0].expr, d.name, d.name, g.block(depth-1, ret), g.locks[0].expr)
		}
		return g.access()
	case 23: // channel hand-off
		return fmt.Sprintf("select {\ncase ch <- 1:\ndefault:\n}\n%s", g.block(depth-1, ret))
	}
	return g.access()
}

// plainFunc returns a plain function to use as a value.
func (g *gen) plainFunc() (string, bool) {
	if g.noFuncs {
		return "", false
	}
	var plain []string
	for _, f := range g.funcs {
		if f.kind == funcPlain {
			plain = append(plain, f.name)
		}
	}
	if len(plain) == 0 {
		return "", false
	}
	return plain[g.c.intn(len(plain))], true
}

// access returns a read or write of a data global.
func (g *gen) access() string {
	c := g.c
	d := g.data[c.intn(len(g.data))]
	n := d.name
	switch d.kind {
	case dataInt, dataField:
		return [...]string{n + "++\n", n + " = 1\n", "_ = " + n + "\n", "sink(&" + n + ")\n", "{\np := &" + n + "\n*p = 2\n}\n"}[c.intn(5)]
	case dataMap:
		return [...]string{n + "[\"k\"]++\n", "delete(" + n + ", \"k\")\n", "_ = " + n + "[\"k\"]\n", "_ = len(" + n + ")\n",
			"sink(" + n + ")\n", "{\nm := " + n + "\nm[\"x\"] = 1\n}\n", "go sink(" + n + ")\n", "for k := range " + n + " {\n_ = k\n}\n", n + " = map[string]int{}\n"}[c.intn(9)]
	case dataSlice:
		return [...]string{n + " = append(" + n + ", \"x\")\n", "_ = len(" + n + ")\n", "for _, s := range " + n + " {\n_ = s\n}\n",
			"if len(" + n + ") > 0 {\n" + n + "[0] = \"y\"\n}\n", "{\ns := " + n + "\nsink(s)\n}\n", n + " = nil\n"}[c.intn(6)]
	case dataPtr:
		return [...]string{"if " + n + " != nil {\n" + n + ".n++\n}\n", n + " = &T{m: map[string]int{}}\n", "_ = " + n + "\n",
			"if " + n + " != nil {\n" + n + ".mu.Lock()\n" + n + ".n++\n" + n + ".mu.Unlock()\n}\n", "sink(" + n + ")\n"}[c.intn(5)]
	case dataAtomic:
		return [...]string{n + ".Add(1)\n", "_ = " + n + ".Load()\n", n + ".Store(3)\n"}[c.intn(3)]
	case dataSyncMap:
		return [...]string{n + ".Store(\"k\", 1)\n", "_, _ = " + n + ".Load(\"k\")\n", n + ".Range(func(k, v any) bool { return true })\n"}[c.intn(3)]
	case dataFunc:
		if f, ok := g.plainFunc(); ok && c.intn(2) == 0 {
			return n + " = " + f + "\n"
		}
		return [...]string{"if " + n + " != nil {\n" + n + "()\n}\n", n + " = func() {}\n"}[c.intn(2)]
	case dataChan:
		return [...]string{"select {\ncase " + n + " <- 1:\ndefault:\n}\n", n + " = make(chan int)\n", "_ = len(" + n + ")\n"}[c.intn(3)]
	case dataGauge:
		return [...]string{n + ".Add(1)\n", n + " = Gauge{}\n", "_ = " + n + ".v.Load()\n"}[c.intn(3)]
	}
	return "_ = 0\n"
}
