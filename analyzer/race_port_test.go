package analyzer_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/chanown/chanown/analyzer"
)

// The race detector's own mutex tests, ported to scenario packages (issue 3
// item 6). Each package's doc comment holds a table with one row per
// original test: its name, the outcome DESIGN expects, and a note.
// TestRacePort checks the `// want` comments; TestRacePortTable checks that
// no original test lacks a row.

// racePort is one source file of $GOROOT/src/runtime/race/testdata and the
// scenario package that ports its mutex tests.
type racePort struct {
	source string // base name under runtime/race/testdata
	pkg    string // scenario package under testdata/src
	all    bool   // every Test function counts, not only those using a lock
}

var racePorts = []racePort{
	{source: "mutex_test.go", pkg: "racemutex", all: true},
	{source: "rwmutex_test.go", pkg: "racerwmutex", all: true},
	{source: "mop_test.go", pkg: "racemop"},
}

// TestRacePort runs the ported race detector tests through analysistest.
func TestRacePort(t *testing.T) {
	for _, p := range racePorts {
		t.Run(p.pkg, func(t *testing.T) {
			t.Parallel()
			results := analysistest.Run(t, testdata, analyzer.Analyzer, p.pkg)
			checkDiagnostics(t, results)
		})
	}
}

// raceRow is one row of a port package's table.
type raceRow struct {
	test    string // original test name, "TestX"
	outcome string // "silent", "reported <category> …" or "divergent: <reason>"
	note    string
}

// raceRowPattern matches a table row: an indented line of three fields
// separated by "|", the first an original test name.
var raceRowPattern = regexp.MustCompile(`^\s+(Test\w+)\s*\|([^|]+)\|(.*)$`)

// raceCategories are the race-tier categories a "reported" row may name.
var raceCategories = []string{
	analyzer.CategoryUnguarded,
	analyzer.CategoryWrongLock,
	analyzer.CategoryRLockWrite,
	analyzer.CategoryEscape,
}

// TestRacePortTable checks that every Test function of the race detector's
// mutex tests has exactly one row in its port package's table and a ported
// function, that each row states an outcome DESIGN allows for its kind of
// test, and logs the totals.
func TestRacePortTable(t *testing.T) {
	dir := raceTestdataDir(t)
	var ported, reported, silent, divergent int
	for _, p := range racePorts {
		want := raceSourceTests(t, filepath.Join(dir, p.source), p.all)
		rows, funcs := parsePortPackage(t, filepath.Join(testdata, "src", p.pkg))

		got := map[string]bool{}
		for _, r := range rows {
			if got[r.test] {
				t.Errorf("%s: %s has more than one row", p.pkg, r.test)
			}
			got[r.test] = true
			if !slices.Contains(want, r.test) {
				t.Errorf("%s: row %s is not a mutex test of %s", p.pkg, r.test, p.source)
			}
			if doc, ok := funcs[strings.TrimPrefix(r.test, "Test")]; !ok {
				t.Errorf("%s: row %s has no ported function %s", p.pkg, r.test, strings.TrimPrefix(r.test, "Test"))
			} else if !regexp.MustCompile(`\bports ` + r.test + `\b`).MatchString(doc) {
				t.Errorf("%s: the doc comment of %s does not say \"ports %s\"", p.pkg, strings.TrimPrefix(r.test, "Test"), r.test)
			}

			race := strings.HasPrefix(r.test, "TestRace")
			switch {
			case strings.HasPrefix(r.outcome, "divergent: "):
				divergent++
			case r.outcome == "silent":
				if race {
					t.Errorf("%s: %s is a race, so it must be reported or divergent, not silent", p.pkg, r.test)
				}
				silent++
			case strings.HasPrefix(r.outcome, "reported "):
				if !race {
					t.Errorf("%s: %s is not a race, so it must be silent or divergent, not reported", p.pkg, r.test)
				}
				if cat, _, _ := strings.Cut(strings.TrimPrefix(r.outcome, "reported "), " "); !slices.Contains(raceCategories, cat) {
					t.Errorf("%s: %s is reported in %q, want one of %q", p.pkg, r.test, cat, raceCategories)
				}
				reported++
			default:
				t.Errorf("%s: %s has outcome %q, want \"silent\", \"reported <category> …\" or \"divergent: <reason>\"", p.pkg, r.test, r.outcome)
			}
			ported++
		}
		for _, name := range want {
			if !got[name] {
				t.Errorf("%s: %s of %s has no row", p.pkg, name, p.source)
			}
		}
		t.Logf("%s: %d mutex tests in %s, %d rows", p.pkg, len(want), p.source, len(rows))
	}
	t.Logf("ported %d, expected met %d (reported %d, silent %d), divergent %d",
		ported, reported+silent, reported, silent, divergent)
}

// raceTestdataDir returns $GOROOT/src/runtime/race/testdata, asking the go
// command for GOROOT (runtime.GOROOT is deprecated).
func raceTestdataDir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "src", "runtime", "race", "testdata")
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the race detector's tests are missing from GOROOT: %v", err)
	}
	return dir
}

// raceSourceTests parses the race detector test file at path and returns
// the names of its Test functions, all of them or only those that use a
// mutex.
func raceSourceTests(t *testing.T, path string, all bool) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Recv != nil || fd.Body == nil || !strings.HasPrefix(fd.Name.Name, "Test") {
			continue
		}
		if all || usesMutex(fd.Body) {
			names = append(names, fd.Name.Name)
		}
	}
	if len(names) == 0 {
		t.Fatalf("%s: no mutex tests found", path)
	}
	return names
}

// lockMethods are the methods of sync.Mutex and sync.RWMutex that lock or
// unlock.
var lockMethods = []string{"Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock"}

// usesMutex reports whether body names sync.Mutex or sync.RWMutex or calls
// a lock method. It is syntactic: the race tests declare their mutexes
// locally, and no other type they use has these method names.
func usesMutex(body *ast.BlockStmt) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && x.Name == "sync" && (n.Sel.Name == "Mutex" || n.Sel.Name == "RWMutex") {
				found = true
			}
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && slices.Contains(lockMethods, sel.Sel.Name) {
				found = true
			}
		}
		return !found
	})
	return found
}

// parsePortPackage parses the scenario package in dir and returns the rows
// of its doc-comment table and the doc comment of each function, by name.
func parsePortPackage(t *testing.T, dir string) ([]raceRow, map[string]string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("%s: no Go files (%v)", dir, err)
	}
	var rows []raceRow
	funcs := map[string]string{}
	for _, name := range files {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc != nil {
			// Text drops the comment markers but keeps the tab that makes
			// the table a preformatted block.
			for line := range strings.SplitSeq(f.Doc.Text(), "\n") {
				if m := raceRowPattern.FindStringSubmatch(line); m != nil {
					rows = append(rows, raceRow{
						test:    m[1],
						outcome: strings.TrimSpace(m[2]),
						note:    strings.TrimSpace(m[3]),
					})
				}
			}
		}
		for _, decl := range f.Decls {
			if fd, ok := decl.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Doc != nil {
				funcs[fd.Name.Name] = fd.Doc.Text()
			}
		}
	}
	if len(rows) == 0 {
		t.Fatalf("%s: the package doc has no table rows", dir)
	}
	return rows, funcs
}
