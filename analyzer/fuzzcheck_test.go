package analyzer_test

// The harness of the fuzz tests (fuzz_test.go): load in memory, analyse
// twice, check the results.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
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
