package analyzer_test

// Benchmarks of the analysis alone: packages are loaded and type-checked
// once, outside the timed loop, and each iteration runs
// golang.org/x/tools/go/analysis/checker on them. Whole-process costs
// (loading included, against go vet and a no-op analyzer) are measured by
// _bench/compare.sh; docs/performance.md has both.
//
//	go test ./analyzer/ -run '^$' -bench . -benchtime=10x
//
// Nothing here runs without -bench, except TestScalingGenerator, which
// checks in about a second that the generated code type-checks and gives
// the analyzer real work.

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/packages"

	"github.com/chanown/chanown/analyzer"
)

// BenchmarkAnalyzer runs chanown over each testdata scenario (with the
// scenario's configuration) and over net/http, a std package with many
// globals, locks and goroutines. It reports allocations, the number of
// diagnostics, and the encoded size of the facts the analyzer exports.
func BenchmarkAnalyzer(b *testing.B) {
	for _, sc := range scenarios {
		b.Run(sc.name, func(b *testing.B) {
			a := sc.newAnalyzer()
			groups, err := loadBenchScenarios(benchNeedFacts(a))
			if err != nil {
				b.Fatal(err)
			}
			var pkgs []*packages.Package
			for _, p := range sc.patterns {
				pkgs = append(pkgs, groups[p]...)
			}
			benchAnalyze(b, a, pkgs)
		})
	}
	b.Run("net-http", func(b *testing.B) {
		pkgs := loadBenchPackages(b, analyzer.Analyzer, "", nil, "net/http")
		benchAnalyze(b, analyzer.Analyzer, pkgs)
	})
}

// BenchmarkBuildSSA runs x/tools' buildssa pass alone over net/http and
// the generated packages of BenchmarkScaling. chanown builds SSA inside
// run, only for packages that can matter, instead of requiring buildssa
// (DESIGN §5 "Cost"); this is what requiring it would cost by itself, to
// compare with BenchmarkAnalyzer/net-http and BenchmarkScaling.
func BenchmarkBuildSSA(b *testing.B) {
	b.Run("net-http", func(b *testing.B) {
		pkgs := loadBenchPackages(b, buildssa.Analyzer, "", nil, "net/http")
		benchAnalyze(b, buildssa.Analyzer, pkgs)
	})
	for _, size := range scalingSizes {
		b.Run(size.name, func(b *testing.B) {
			pkgs, gen := loadGenerated(b, buildssa.Analyzer, size.lines)
			reportPerFunc(b, gen, benchAnalyze(b, buildssa.Analyzer, pkgs))
		})
	}
}

// scalingSizes are the sizes of the generated packages, in lines.
var scalingSizes = []struct {
	name  string
	lines int
}{
	{"1k", 1_000},
	{"4k", 4_000},
	{"16k", 16_000},
	{"64k", 64_000},
}

// BenchmarkScaling runs chanown over one generated package of about 1k,
// 4k, 16k and 64k lines (see generatePackage for its shape) and reports
// ns/func, the time per source function (named functions and closures),
// and ns/line, counting only the time spent on the generated package
// (not on the dependencies analysed for facts). The time per function should stay within 2x across the
// sizes; nothing asserts it, the numbers go in docs/performance.md.
func BenchmarkScaling(b *testing.B) {
	for _, size := range scalingSizes {
		b.Run(size.name, func(b *testing.B) {
			pkgs, gen := loadGenerated(b, analyzer.Analyzer, size.lines)
			reportPerFunc(b, gen, benchAnalyze(b, analyzer.Analyzer, pkgs))
		})
	}
}

// TestScalingGenerator checks, cheaply, that the smallest generated
// package type-checks and that chanown finds shared globals in it, so
// BenchmarkScaling measures real work rather than the early exit.
func TestScalingGenerator(t *testing.T) {
	dir := t.TempDir()
	gen := writeGenerated(t, dir, scalingSizes[0].lines)
	if gen.lines < scalingSizes[0].lines*9/10 || gen.lines > scalingSizes[0].lines*11/10 {
		t.Errorf("generated %d lines, want about %d", gen.lines, scalingSizes[0].lines)
	}
	pkgs := loadBenchPackages(t, analyzer.Analyzer, dir, nil, ".")
	g, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	shared := 0
	for act := range g.All() {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			if d.Category == analyzer.CategoryShared {
				shared++
			}
		}
	}
	// Every lock group is reached by many goroutines: all of them are
	// shared.
	if shared != gen.groups {
		t.Errorf("chanown reported %d shared groups in the generated package, want %d", shared, gen.groups)
	}
}

// benchAnalyze runs a over pkgs once to check for errors, then in the
// timed loop. Besides allocations it reports the diagnostics of one run
// ("diags"), the gob-encoded size of the facts a exports from all the
// packages it runs on, dependencies included ("fact_bytes"), and the
// time spent in a on the root packages alone ("root-ns/op"): when a
// declares facts, checker also runs it on every dependency, and ns/op
// includes those runs. It returns root-ns/op.
func benchAnalyze(b *testing.B, a *analysis.Analyzer, pkgs []*packages.Package) float64 {
	b.Helper()
	if len(pkgs) == 0 {
		b.Fatal("no packages to analyse")
	}
	analyzers := []*analysis.Analyzer{a}
	g, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		b.Fatal(err)
	}
	facts := countFacts(b, a, g)
	diags := 0
	for act := range g.All() {
		if act.Analyzer == a {
			diags += len(act.Diagnostics)
		}
	}

	b.ReportAllocs()
	var root time.Duration
	for b.Loop() {
		g, err := checker.Analyze(analyzers, pkgs, nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, act := range g.Roots {
			if act.Analyzer == a {
				root += act.Duration
			}
		}
	}
	rootPerOp := float64(root.Nanoseconds()) / float64(b.N)
	b.ReportMetric(float64(diags), "diags")
	b.ReportMetric(float64(facts.bytes), "fact_bytes")
	b.ReportMetric(rootPerOp, "root-ns/op")
	return rootPerOp
}

// factCount is what the facts of one checker run amount to.
type factCount struct {
	bytes int // gob-encoded size, summed
	facts int // object and package facts
	pkgs  int // packages that export at least one fact
}

// countFacts fails b if an action of g failed, and counts the facts that a
// exports from the packages of g, dependencies included, each package's
// own facts once.
func countFacts(b *testing.B, a *analysis.Analyzer, g *checker.Graph) factCount {
	var n factCount
	for act := range g.All() {
		if act.Err != nil {
			b.Fatalf("%s: %v", act, act.Err)
		}
		if act.Analyzer != a {
			continue
		}
		// An action's facts include those inherited from its
		// dependencies: count only those about its own package.
		own := act.Package.Types
		facts := n.facts
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() == own {
				n.bytes += gobSize(b, f.Fact)
				n.facts++
			}
		}
		for _, f := range act.AllPackageFacts() {
			if f.Package == own {
				n.bytes += gobSize(b, f.Fact)
				n.facts++
			}
		}
		if n.facts > facts {
			n.pkgs++
		}
	}
	return n
}

// BenchmarkFactBytes runs chanown over all of std (without test files)
// and reports what its facts cost the drivers, which serialise them for
// every package (issue 4): their gob-encoded size summed over std
// ("fact_bytes"), how many there are ("facts"), how many packages export
// any ("fact_pkgs") and how many packages were analysed ("pkgs"). ns/op is
// one analysis of std, loaded and type-checked once beforehand. Loading
// std takes about 1 GB and most of the time; -bench . runs it too.
//
//	go test ./analyzer/ -run '^$' -bench FactBytes -benchtime=1x
func BenchmarkFactBytes(b *testing.B) {
	pkgs := loadBenchPackages(b, analyzer.Analyzer, "", nil, "std")
	analyzers := []*analysis.Analyzer{analyzer.Analyzer}
	b.ReportAllocs()
	var g *checker.Graph
	for b.Loop() {
		var err error
		g, err = checker.Analyze(analyzers, pkgs, nil)
		if err != nil {
			b.Fatal(err)
		}
	}
	// Counting encodes every fact again, so it stays out of the timed
	// loop; every iteration exports the same facts.
	facts := countFacts(b, analyzer.Analyzer, g)
	analysed := 0
	for act := range g.All() {
		if act.Analyzer == analyzer.Analyzer {
			analysed++
		}
	}
	b.ReportMetric(float64(facts.bytes), "fact_bytes")
	b.ReportMetric(float64(facts.facts), "facts")
	b.ReportMetric(float64(facts.pkgs), "fact_pkgs")
	b.ReportMetric(float64(analysed), "pkgs")
}

// gobSize returns the size of the gob encoding of fact, as the drivers
// serialise it.
func gobSize(b *testing.B, fact analysis.Fact) int {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(fact); err != nil {
		b.Fatalf("encoding fact %T: %v", fact, err)
	}
	return buf.Len()
}

// reportPerFunc reports the time per source function and per line of the
// generated package gen, from rootPerOp, the time per iteration spent on
// gen itself (dependencies analysed for facts excluded).
func reportPerFunc(b *testing.B, gen generated, rootPerOp float64) {
	b.ReportMetric(rootPerOp/float64(gen.funcs), "ns/func")
	b.ReportMetric(rootPerOp/float64(gen.lines), "ns/line")
	b.ReportMetric(float64(gen.funcs), "funcs")
}

// benchNeedFacts reports whether a, or an analyzer it requires, declares
// fact types: the packages must then be loaded with all dependencies
// from source, as the chanown driver does.
func benchNeedFacts(a *analysis.Analyzer) bool {
	if len(a.FactTypes) > 0 {
		return true
	}
	for _, r := range a.Requires {
		if benchNeedFacts(r) {
			return true
		}
	}
	return false
}

// loadBenchPackages loads patterns in dir (the current directory if
// empty) with the extra environment env, as the chanown driver would load
// them for a, without test files. It fails tb on any error.
func loadBenchPackages(tb testing.TB, a *analysis.Analyzer, dir string, env []string, patterns ...string) []*packages.Package {
	tb.Helper()
	mode := packages.LoadSyntax
	if benchNeedFacts(a) {
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{
		Mode: mode | packages.NeedModule,
		Dir:  dir,
		Env:  append(os.Environ(), env...),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		tb.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		tb.Fatalf("errors loading %s", strings.Join(patterns, " "))
	}
	return pkgs
}

// benchScenarios caches the testdata scenarios, loaded in one go: by
// whether dependencies are loaded from source, then by package path.
var benchScenarios = struct {
	sync.Mutex
	loaded map[bool]map[string][]*packages.Package
}{loaded: map[bool]map[string][]*packages.Package{}}

// loadBenchScenarios loads every scenario package under testdata/src in
// GOPATH mode, as analysistest does, with test files, and returns the
// root packages grouped by package path (test variants and the external
// test package under the path of the package they test).
func loadBenchScenarios(allSyntax bool) (map[string][]*packages.Package, error) {
	benchScenarios.Lock()
	defer benchScenarios.Unlock()
	if groups, ok := benchScenarios.loaded[allSyntax]; ok {
		return groups, nil
	}
	var patterns []string
	for _, sc := range scenarios {
		patterns = append(patterns, sc.patterns...)
	}
	mode := packages.LoadSyntax
	if allSyntax {
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{
		Mode:  mode | packages.NeedModule,
		Dir:   filepath.Join(testdata, "src"),
		Env:   append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOPROXY=off", "GOWORK=off"),
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	if packages.PrintErrors(pkgs) > 0 {
		return nil, fmt.Errorf("errors loading the testdata scenarios")
	}
	groups := map[string][]*packages.Package{}
	for _, p := range pkgs {
		path := strings.TrimSuffix(strings.TrimSuffix(p.PkgPath, ".test"), "_test")
		groups[path] = append(groups[path], p)
	}
	benchScenarios.loaded[allSyntax] = groups
	return groups, nil
}

// loadGenerated writes a generated package of about lines lines to a
// temporary module and loads it for a.
func loadGenerated(b *testing.B, a *analysis.Analyzer, lines int) ([]*packages.Package, generated) {
	dir := b.TempDir()
	gen := writeGenerated(b, dir, lines)
	return loadBenchPackages(b, a, dir, []string{"GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod"}, "."), gen
}

// writeGenerated writes a module holding the package generatePackage
// makes to dir.
func writeGenerated(tb testing.TB, dir string, lines int) generated {
	tb.Helper()
	gen := generatePackage(lines)
	files := map[string]string{
		"go.mod": "module example.com/gen\n\ngo 1.26\n",
		"gen.go": gen.src,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return gen
}

// generated is a package made by generatePackage.
type generated struct {
	src    string
	lines  int // lines of src
	funcs  int // source functions: declarations and function literals
	groups int // lock groups, each reported as shared
}

// Shape of the generated package.
const (
	genDepth     = 8  // layers of the call graph, so call depth 8
	genGroupSize = 16 // consecutive layer functions that share one lock group
	genLinesPer  = 15 // about how many lines one layer function takes
	genSpawnSize = 16 // layer-0 functions started by one spawner function
)

// generatePackage returns a non-main package of about lines lines whose
// cost grows with its size the way real code's does: the work cannot come
// from independent functions.
//
// Shape. W×8 layer functions f<L>_<j> (layer L < 8, index j < W, W chosen
// for the size), each about 15 lines:
//   - Call graph: f<L>_<j> calls f<L+1>_<j> and f<L+1>_<(j+1) mod W>, so
//     fan-out 2, fan-in 2, call depth 8; a goroutine started at layer 0
//     reaches 36 functions (1+2+…+8), whatever the size.
//   - Globals: one lock group per 16 consecutive layer functions (in
//     layer-major order): a sync.Mutex muK with a map byKeyK, an int
//     totalK and a counter hitsK, plus the helpers lockK (lock and return
//     the unlock func) and withK (run a callback under muK). Each layer
//     function writes its own group under muK and reads the next group's
//     map through lockK (even layers) or withK and a closure (odd
//     layers), so each global is touched by 32 functions, reached by
//     about 16 to 24 goroutines, and every group is shared.
//   - Goroutines: every layer-0 function is started by a go statement in
//     a loop (a multiple context) in one of the Start<N> functions, 16
//     per function; every 4th layer-0 function is exported as well (the
//     caller context). The last layer loops over a small range (CFG back
//     edges).
//
// So the number of functions, globals, contexts and spawn sites grows
// linearly with the size, and the work per function should stay flat.
func generatePackage(lines int) generated {
	width := max(1, lines/(genDepth*genLinesPer))
	nfuncs := width * genDepth
	ngroups := (nfuncs + genGroupSize - 1) / genGroupSize

	var buf bytes.Buffer
	funcs := 0
	p := func(format string, args ...any) { fmt.Fprintf(&buf, format, args...) }
	name := func(layer, j int) string {
		if layer == 0 && j%4 == 0 {
			return fmt.Sprintf("F%d_%d", layer, j)
		}
		return fmt.Sprintf("f%d_%d", layer, j)
	}
	group := func(layer, j int) int { return (layer*width + j) / genGroupSize }

	p("// Package gen is generated by BenchmarkScaling (analyzer/bench_test.go).\n")
	p("package gen\n\nimport \"sync\"\n")
	for k := range ngroups {
		p("\nvar (\n\tmu%[1]d     sync.Mutex\n\tbyKey%[1]d  = map[int]int{}\n\ttotal%[1]d  int\n\thits%[1]d   int\n)\n", k)
		p("\nfunc lock%[1]d() func() {\n\tmu%[1]d.Lock()\n\treturn mu%[1]d.Unlock\n}\n", k)
		p("\nfunc with%[1]d(f func()) {\n\tmu%[1]d.Lock()\n\tdefer mu%[1]d.Unlock()\n\tf()\n}\n", k)
		funcs += 2
	}
	for layer := range genDepth {
		for j := range width {
			g, h := group(layer, j), (group(layer, j)+1)%ngroups
			p("\nfunc %s(x int) int {\n", name(layer, j))
			p("\tmu%d.Lock()\n\tbyKey%d[x] = x\n\ttotal%d += x\n\thits%d++\n\tmu%d.Unlock()\n", g, g, g, g, g)
			if layer%2 == 0 {
				p("\tunlock := lock%d()\n\tv := byKey%d[x+1]\n\tunlock()\n", h, h)
			} else {
				p("\tvar v int\n\twith%d(func() { v = byKey%d[x+1] })\n", h, h)
				funcs++
			}
			if layer+1 < genDepth {
				p("\tv += %s(x + 1)\n\tv += %s(x + 2)\n", name(layer+1, j), name(layer+1, (j+1)%width))
			} else {
				p("\tfor i := range x %% 3 {\n\t\tv += i\n\t}\n")
			}
			p("\treturn v\n}\n")
			funcs++
		}
	}
	for s := 0; s*genSpawnSize < width; s++ {
		p("\n// Start%d starts layer-0 functions, n goroutines each.\nfunc Start%d(n int) {\n\tfor i := range n {\n", s, s)
		for j := s * genSpawnSize; j < min(width, (s+1)*genSpawnSize); j++ {
			p("\t\tgo %s(i)\n", name(0, j))
		}
		p("\t}\n}\n")
		funcs++
	}
	src := buf.String()
	return generated{src: src, lines: strings.Count(src, "\n"), funcs: funcs, groups: ngroups}
}
