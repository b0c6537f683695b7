package analyzer_test

// These files hold the robustness tests of the analyzer (DESIGN §6: "The
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
// The harness that loads and checks an input is in fuzzcheck_test.go,
// the generator in fuzzgen_test.go, the mutator in fuzzmutate_test.go
// and the regressions in fuzzregress_test.go; this file has the targets
// and their seeds.
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
	"fmt"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
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
