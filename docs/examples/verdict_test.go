package examples_test

import (
	"bytes"
	"fmt"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/chanown/chanown/analyzer"
)

// A verdict is what chanown must report on an example's before package:
// one shared diagnostic at mu, with this message, and Related entries
// showing where each named global is written under mu. The after
// package must get nothing, in either mode.
type verdict struct {
	example string
	// exported runs chanown in library mode (-exported). The counter's
	// before package starts no goroutine, and the registry's only one
	// that touches the closed flag, so only library mode shows their
	// callers sharing the maps. The queue's workers and the cache's
	// sweeper are goroutines of the package's own: the default mode
	// reports them.
	exported bool
	globals  []string
	message  string
}

var verdicts = []verdict{
	{
		example:  "counter",
		exported: true,
		globals:  []string{"counts"},
		message:  "mu guards counts, shared by concurrent runs of callers of exported functions; give it one owner goroutine reached over a channel; a fix is offered",
	},
	{
		example:  "registry",
		exported: true,
		globals:  []string{"services", "byTag", "closed"},
		message:  "mu guards services, byTag and closed, shared by callers of exported functions and timer callback in Start; give them one owner goroutine reached over a channel; a fix is offered",
	},
	{
		example: "queue",
		// stats is shared too, but chanown does not name it: it takes
		// stats' integer fields for reference counts, although Status
		// returns the whole struct.
		globals: []string{"pending", "stopped"},
		message: "mu guards pending and stopped, shared by callers of exported functions, goroutine started in Start and 1 more; give them one owner goroutine reached over a channel",
	},
	{
		example: "cache",
		globals: []string{"entries"},
		message: "mu guards entries, shared by callers of exported functions and goroutine started in Start; give it one owner goroutine reached over a channel; a fix is offered",
	},
}

// A finding is one diagnostic, keyed by the directory of its file
// relative to docs/examples. A package and its test variant report the
// same diagnostics; findings are deduplicated.
type finding struct {
	pos  token.Position
	diag analysis.Diagnostic
}

// TestVerdicts runs chanown, as cmd/chanown does (test files included),
// on every package under docs/examples but this one, in the default mode
// and in library mode, with the //chanown:ignore lines of the before
// packages removed (see TestIgnores).
//
// It checks what the analyzer says, which the race detector cannot
// change, and analysing the standard library from source under -race
// takes minutes rather than seconds: go test without -race runs it.
func TestVerdicts(t *testing.T) {
	if raceEnabled {
		t.Skip("the verdicts do not depend on -race; go test without -race checks them")
	}
	if testing.Short() {
		t.Skip("analyses the examples' dependencies from source: seconds")
	}
	pkgs := load(t, withoutIgnores(t))
	for _, exported := range []bool{false, true} {
		t.Run(fmt.Sprintf("exported=%v", exported), func(t *testing.T) {
			// One analyzer per checker.Analyze call: two chanown
			// analyzers would register the same fact types.
			found := analyze(t, pkgs, analyzer.New(analyzer.Config{Exported: exported}))
			for _, v := range verdicts {
				if v.exported != exported {
					continue
				}
				before := v.example + "/before"
				if got := found[before]; len(got) != 1 {
					t.Errorf("%s: %d diagnostics, want 1 shared report:\n%s", before, len(got), list(got))
				} else {
					checkShared(t, v, got[0])
				}
				delete(found, before)
			}
			// Everything else is silent: the after packages, the test
			// helpers, mutexwins. A before package in its other mode
			// is not part of the contract.
			for _, dir := range slices.Sorted(maps.Keys(found)) {
				if !strings.HasSuffix(dir, "/before") {
					t.Errorf("%s: want no diagnostics, got:\n%s", dir, list(found[dir]))
				}
			}
		})
	}
}

// TestIgnores checks that chanown, in its default mode (the repository's
// own configuration: go run ./cmd/chanown ./...), reports nothing on the
// examples as they are: each before package whose mu the default mode
// reports carries //chanown:ignore shared on it, and an ignore that
// suppresses nothing would itself be reported (directive), so silence
// also shows that every ignore is needed. The counter's report needs
// -exported, so its mu carries no ignore.
func TestIgnores(t *testing.T) {
	if raceEnabled {
		t.Skip("what chanown says does not depend on -race; go test without -race checks it")
	}
	if testing.Short() {
		t.Skip("analyses the examples' dependencies from source: seconds")
	}
	found := analyze(t, load(t, nil), analyzer.New(analyzer.DefaultConfig()))
	for _, dir := range slices.Sorted(maps.Keys(found)) {
		t.Errorf("%s: want no diagnostics, got:\n%s", dir, list(found[dir]))
	}
}

// ignoreLine matches a line that holds only a //chanown:ignore directive.
var ignoreLine = regexp.MustCompile(`(?m)^[ \t]*//chanown:ignore .*$`)

// withoutIgnores returns an overlay of the before packages' files with
// their //chanown:ignore lines blanked out by spaces, so that lines and
// offsets stay where they are on disk.
func withoutIgnores(t *testing.T) map[string][]byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("*", "before", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	overlay := map[string][]byte{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if ignoreLine.Match(src) {
			abs, err := filepath.Abs(file)
			if err != nil {
				t.Fatal(err)
			}
			overlay[abs] = ignoreLine.ReplaceAllFunc(src, func(line []byte) []byte {
				return bytes.Repeat([]byte(" "), len(line))
			})
		}
	}
	if len(overlay) == 0 {
		t.Fatal("no before package has a //chanown:ignore line")
	}
	return overlay
}

// TestGuide checks that docs/ownership.md quotes every verdict as chanown
// words it, and that its links into docs/examples lead somewhere.
func TestGuide(t *testing.T) {
	guide, err := os.ReadFile(filepath.Join("..", "ownership.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range verdicts {
		if !strings.Contains(string(guide), v.example+": "+v.message) {
			t.Errorf("docs/ownership.md does not quote the %s verdict %q", v.example, v.message)
		}
	}
	links := regexp.MustCompile(`\]\((examples/[^)#]*)`).FindAllStringSubmatch(string(guide), -1)
	if len(links) == 0 {
		t.Error("docs/ownership.md has no links into docs/examples")
	}
	for _, m := range links {
		if _, err := os.Stat(filepath.Join("..", filepath.FromSlash(m[1]))); err != nil {
			t.Errorf("docs/ownership.md links to %s: %v", m[1], err)
		}
	}
}

// checkShared checks that f is v's shared report on v's before package.
func checkShared(t *testing.T, v verdict, f finding) {
	t.Helper()
	d := f.diag
	if d.Category != "shared" || d.Message != v.message {
		t.Errorf("%s/before: got [%s] %s\nwant [shared] %s", v.example, d.Category, d.Message, v.message)
	}
	if word := wordAt(t, f.pos); word != "mu" {
		t.Errorf("%s/before: report at %s, on %q; want it on the declaration of mu", v.example, f.pos, word)
	}
	for _, g := range v.globals {
		prefix := g + " written here holding mu"
		if !slices.ContainsFunc(d.Related, func(r analysis.RelatedInformation) bool { return r.Message == prefix }) {
			t.Errorf("%s/before: no Related entry %q", v.example, prefix)
		}
	}
}

// load loads every package under docs/examples but this one (whose test
// imports golang.org/x/tools, which chanown would then analyse too), with
// their tests, the way cmd/chanown does, and with the files of overlay
// (by absolute name) in place of those on disk.
func load(t *testing.T, overlay map[string][]byte) []*packages.Package {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "_") && e.Name() != "testdata" {
			patterns = append(patterns, "./"+e.Name()+"/...")
		}
	}
	mode := packages.LoadSyntax | packages.NeedModule
	if len(analyzer.Analyzer.FactTypes) > 0 {
		mode |= packages.LoadAllSyntax // facts need every dependency from source
	}
	pkgs, err := packages.Load(&packages.Config{Mode: mode, Tests: true, Overlay: overlay}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the examples do not load")
	}
	return pkgs
}

// analyze runs a on pkgs and returns its findings by directory.
func analyze(t *testing.T, pkgs []*packages.Package, a *analysis.Analyzer) map[string][]finding {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	found := map[string][]finding{}
	seen := map[string]bool{}
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Errorf("%s: %v", act.Package.PkgPath, act.Err)
		}
		for _, d := range act.Diagnostics {
			pos := act.Package.Fset.Position(d.Pos)
			key := pos.String() + "\x00" + d.Category + "\x00" + d.Message
			if seen[key] {
				continue
			}
			seen[key] = true
			dir, err := filepath.Rel(wd, filepath.Dir(pos.Filename))
			if err != nil {
				t.Fatal(err)
			}
			dir = filepath.ToSlash(dir)
			found[dir] = append(found[dir], finding{pos, d})
		}
	}
	return found
}

// wordAt returns the identifier that starts at pos.
func wordAt(t *testing.T, pos token.Position) string {
	t.Helper()
	src, err := os.ReadFile(pos.Filename)
	if err != nil {
		t.Fatal(err)
	}
	rest := src[pos.Offset:]
	end := 0
	for end < len(rest) && (rest[end] == '_' || unicode.IsLetter(rune(rest[end])) || unicode.IsDigit(rune(rest[end]))) {
		end++
	}
	return string(rest[:end])
}

// list formats findings one a line.
func list(fs []finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "\t%s: [%s] %s\n", f.pos, f.diag.Category, f.diag.Message)
	}
	return b.String()
}
