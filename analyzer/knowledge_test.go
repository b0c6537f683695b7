package analyzer

// Unit tests of chanown's knowledge of Go APIs (knowledge.go), on real
// go/types objects: standard-library packages loaded from export data,
// and small user packages type-checked from source.

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
)

// unitStdPkgs are the standard-library packages the unit tests import,
// directly or in the snippets they type-check.
var unitStdPkgs = []string{
	"context", "expvar", "log", "log/slog", "net/http", "os", "runtime",
	"sort", "sync", "sync/atomic", "syscall", "testing", "time",
}

// unitStd loads, once, the export data of unitStdPkgs and their
// dependencies with a single go list (an importer.Default per package
// runs go list once per import, which takes seconds), and returns an
// importer reading it. The tests share it, so that a package is the same
// *types.Package in every snippet.
var unitStd = sync.OnceValues(func() (types.Importer, error) {
	cmd := exec.Command("go", append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, unitStdPkgs...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %v", err)
	}
	exports := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if path, file, ok := strings.Cut(sc.Text(), "\t"); ok && file != "" {
			exports[path] = file
		}
	}
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q: add it to unitStdPkgs", path)
		}
		return os.Open(file)
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", lookup), nil
})

// stdPkg returns the standard-library package path.
func stdPkg(t testing.TB, path string) *types.Package {
	t.Helper()
	imp, err := unitStd()
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := imp.Import(path)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

// unitImporter imports the packages of extra by path, and others from
// the standard library (unitStd).
type unitImporter map[string]*types.Package

func (m unitImporter) Import(path string) (*types.Package, error) {
	if p, ok := m[path]; ok {
		return p, nil
	}
	imp, err := unitStd()
	if err != nil {
		return nil, err
	}
	return imp.Import(path)
}

// A unitPkg is a type-checked package of the unit tests.
type unitPkg struct {
	fset  *token.FileSet
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
}

// checkPkg parses and type-checks the files (name → source) of package
// path, importing the packages of imp or the standard library.
func checkPkg(t testing.TB, path string, files map[string]string, imp unitImporter) *unitPkg {
	t.Helper()
	p := &unitPkg{fset: token.NewFileSet(), info: &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		f, err := parser.ParseFile(p.fset, name, files[name], parser.ParseComments)
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		p.files = append(p.files, f)
	}
	if imp == nil {
		imp = unitImporter{}
	}
	conf := &types.Config{Importer: imp}
	pkg, err := conf.Check(path, p.fset, p.files, p.info)
	if err != nil {
		t.Fatalf("type-check %s: %v", path, err)
	}
	p.pkg = pkg
	return p
}

// lookupFunc returns the function or method name of pkg: "F", "T.M" or
// "*T.M" (the method set of the pointer, promoted methods included).
func lookupFunc(t testing.TB, pkg *types.Package, name string) *types.Func {
	t.Helper()
	if typ, method, ok := strings.Cut(name, "."); ok {
		var recv types.Type
		if base, ptr := strings.CutPrefix(typ, "*"); ptr {
			recv = types.NewPointer(lookupType(t, pkg, base))
		} else {
			recv = lookupType(t, pkg, typ)
		}
		obj, _, _ := types.LookupFieldOrMethod(recv, true, pkg, method)
		fn, ok := obj.(*types.Func)
		if !ok {
			t.Fatalf("%s has no method %s", recv, method)
		}
		return fn
	}
	fn, ok := pkg.Scope().Lookup(name).(*types.Func)
	if !ok {
		t.Fatalf("%s has no function %s", pkg.Path(), name)
	}
	return fn
}

// lookupType returns the type name of pkg.
func lookupType(t testing.TB, pkg *types.Package, name string) types.Type {
	t.Helper()
	tn, ok := pkg.Scope().Lookup(name).(*types.TypeName)
	if !ok {
		t.Fatalf("%s has no type %s", pkg.Path(), name)
	}
	return tn.Type()
}

// lookupField returns field name of the struct type typ of pkg, and the
// named type.
func lookupField(t testing.TB, pkg *types.Package, typ, name string) (*types.Named, *types.Var) {
	t.Helper()
	n := lookupType(t, pkg, typ).(*types.Named)
	obj, _, _ := types.LookupFieldOrMethod(n, false, pkg, name)
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() {
		t.Fatalf("%s has no field %s", n, name)
	}
	return n, v
}

// userSrc is the user package of the knowledge tests.
const userSrc = `package u

import (
	"net/http"
	"sync"
)

type T struct {
	F func()
	N int
}

type U struct{ F func() }

var G func()

func (T) Lock() {}

type Embeds struct{ sync.Mutex }

func Spawn(f func()) {}

type R struct{}

func (r *R) Run(x int, f func()) {}
func (R) Go(f func())            {}

type H struct{}

func (H) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

type H2 struct{}

func (H2) ServeHTTP(w http.ResponseWriter) {}

func Handler(w http.ResponseWriter, r *http.Request) {}

type HF func(http.ResponseWriter, *http.Request)

type Counter struct{ n int }

type Ch chan int
`

// userPkg type-checks userSrc.
func userPkg(t testing.TB) *types.Package {
	t.Helper()
	return checkPkg(t, "example.com/u", map[string]string{"u.go": userSrc}, nil).pkg
}

// TestKnowledgeMatchSpec checks matchSpec on package functions, methods
// with value and pointer receivers, wrong receivers and packages, and
// functions without a package.
func TestKnowledgeMatchSpec(t *testing.T) {
	u := userPkg(t)
	syncPkg := stdPkg(t, "sync")
	specs := []spawnerSpec{
		{"sync", "WaitGroup", "Go", 0, ctxGoroutine},
		{"sync", "", "OnceFunc", 0, ctxInit},
		{"example.com/u", "", "Spawn", 0, ctxGoroutine},
		{"example.com/u", "R", "Run", 1, ctxCallback},
		{"example.com/u", "R", "Go", 0, ctxTimer},
	}
	errorMethod := types.Universe.Lookup("error").Type().Underlying().(*types.Interface).Method(0)
	for _, tc := range []struct {
		name string
		fn   *types.Func
		want int // index in specs, or -1
	}{
		{"(*sync.WaitGroup).Go", lookupFunc(t, syncPkg, "*WaitGroup.Go"), 0},
		{"(*sync.WaitGroup).Wait", lookupFunc(t, syncPkg, "*WaitGroup.Wait"), -1}, // wrong name
		{"sync.OnceFunc", lookupFunc(t, syncPkg, "OnceFunc"), 1},
		{"(*sync.Once).Do", lookupFunc(t, syncPkg, "*Once.Do"), -1},
		{"u.Spawn", lookupFunc(t, u, "Spawn"), 2},
		{"(*u.R).Run", lookupFunc(t, u, "*R.Run"), 3}, // pointer receiver
		{"(u.R).Go", lookupFunc(t, u, "R.Go"), 4},     // value receiver
		{"(u.T).Lock", lookupFunc(t, u, "T.Lock"), -1},
		{"(error).Error", errorMethod, -1}, // no package
		{"nil", nil, -1},
	} {
		got, ok := matchSpec(tc.fn, specs)
		if tc.want < 0 {
			if ok {
				t.Errorf("matchSpec(%s) = %v, want no match", tc.name, got)
			}
			continue
		}
		if !ok || got != specs[tc.want] {
			t.Errorf("matchSpec(%s) = %v, %v; want %v", tc.name, got, ok, specs[tc.want])
		}
	}
	// The receiver must match: a method does not match a package
	// function's spec of the same name, nor one of another type.
	for _, tc := range []struct {
		fn   *types.Func
		spec spawnerSpec
	}{
		{lookupFunc(t, syncPkg, "*WaitGroup.Go"), spawnerSpec{pkg: "sync", name: "Go"}},
		{lookupFunc(t, syncPkg, "*WaitGroup.Go"), spawnerSpec{pkg: "sync", recv: "Once", name: "Go"}},
		{lookupFunc(t, u, "Spawn"), spawnerSpec{pkg: "example.com/u", recv: "R", name: "Spawn"}},
		{lookupFunc(t, u, "R.Go"), spawnerSpec{pkg: "sync", recv: "R", name: "Go"}},
	} {
		if got, ok := matchSpec(tc.fn, []spawnerSpec{tc.spec}); ok {
			t.Errorf("matchSpec(%s, %v) = %v, want no match", tc.fn, tc.spec, got)
		}
	}
}

// mustSpawner parses a spawners entry.
func mustSpawner(t testing.TB, s string) Spawner {
	t.Helper()
	sp, err := ParseSpawner(s)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// TestKnowledgeSpawnersOf checks which spawners a function is, in order
// (built in, then the spawners flag, then the callbacks flag), and
// whether each is configured.
func TestKnowledgeSpawnersOf(t *testing.T) {
	u := userPkg(t)
	timeAfter := lookupFunc(t, stdPkg(t, "time"), "AfterFunc")
	wgGo := lookupFunc(t, stdPkg(t, "sync"), "*WaitGroup.Go")
	spawn, run := lookupFunc(t, u, "Spawn"), lookupFunc(t, u, "*R.Run")
	configured := newAPIs(&Config{
		Spawners:  []Spawner{mustSpawner(t, "time.AfterFunc:1"), mustSpawner(t, "example.com/u.Spawn:0")},
		Callbacks: []string{"time.AfterFunc:1", "(*example.com/u.R).Run:1", "example.com/u.T.F"},
	})
	plain := newAPIs(&Config{})
	type match struct {
		kind       ctxKind
		arg        int
		configured bool
	}
	for _, tc := range []struct {
		name string
		k    *apis
		fn   *types.Func
		want []match
	}{
		{"time.AfterFunc built in", plain, timeAfter, []match{{ctxTimer, 1, false}}},
		{"time.AfterFunc everywhere", configured, timeAfter, []match{{ctxTimer, 1, false}, {ctxGoroutine, 1, true}, {ctxCallback, 1, true}}},
		{"wg.Go", configured, wgGo, []match{{ctxGoroutine, 0, false}}},
		{"u.Spawn unknown", plain, spawn, nil},
		{"u.Spawn configured", configured, spawn, []match{{ctxGoroutine, 0, true}}},
		{"u.R.Run callback", configured, run, []match{{ctxCallback, 1, true}}},
		{"u.R.Run unknown", plain, run, nil},
	} {
		var got []match
		for _, m := range tc.k.spawnersOf(tc.fn) {
			got = append(got, match{m.kind, m.arg, m.configured})
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: spawnersOf = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestKnowledgeRunsLater checks that spawners and Once functions run
// their function argument later, and other functions in place.
func TestKnowledgeRunsLater(t *testing.T) {
	u := userPkg(t)
	syncPkg, sortPkg := stdPkg(t, "sync"), stdPkg(t, "sort")
	plain := newAPIs(&Config{})
	configured := newAPIs(&Config{Spawners: []Spawner{mustSpawner(t, "example.com/u.Spawn:0")}})
	for _, tc := range []struct {
		name string
		k    *apis
		fn   *types.Func
		want bool
	}{
		{"(*sync.Once).Do", plain, lookupFunc(t, syncPkg, "*Once.Do"), true},
		{"sync.OnceFunc", plain, lookupFunc(t, syncPkg, "OnceFunc"), true},
		{"sync.OnceValue", plain, lookupFunc(t, syncPkg, "OnceValue"), true},
		{"time.AfterFunc", plain, lookupFunc(t, stdPkg(t, "time"), "AfterFunc"), true},
		{"(*sync.WaitGroup).Go", plain, lookupFunc(t, syncPkg, "*WaitGroup.Go"), true},
		{"sort.Slice", plain, lookupFunc(t, sortPkg, "Slice"), false},
		{"(*sync.Mutex).Lock", plain, lookupFunc(t, syncPkg, "*Mutex.Lock"), false},
		{"u.Spawn", plain, lookupFunc(t, u, "Spawn"), false},
		{"u.Spawn configured", configured, lookupFunc(t, u, "Spawn"), true},
	} {
		if got := tc.k.runsLater(tc.fn); got != tc.want {
			t.Errorf("runsLater(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestKnowledgeSinkFields checks mayBeSinkField (the prefilter's
// over-approximation: no struct type) against isSinkField.
func TestKnowledgeSinkFields(t *testing.T) {
	u := userPkg(t)
	httpPkg := stdPkg(t, "net/http")
	plain := newAPIs(&Config{})
	configured := newAPIs(&Config{Callbacks: []string{"example.com/u.T.F", "example.com/u.T.N"}})
	for _, tc := range []struct {
		name          string
		k             *apis
		pkg           *types.Package
		typ, field    string
		mayBe, isSink bool
	}{
		{"http.Server.ConnState", plain, httpPkg, "Server", "ConnState", true, true},
		{"http.Transport.DialContext", plain, httpPkg, "Transport", "DialContext", true, true},
		{"http.Server.Addr", plain, httpPkg, "Server", "Addr", false, false},        // not a func
		{"http.Request.GetBody", plain, httpPkg, "Request", "GetBody", true, false}, // net/http, but not a sink struct
		{"u.T.F configured", configured, u, "T", "F", true, true},                   // the callbacks flag
		{"u.T.F unknown", plain, u, "T", "F", false, false},                         // no flag
		{"u.U.F configured", configured, u, "U", "F", true, false},                  // same field name, other type
		{"u.T.N configured", configured, u, "T", "N", false, false},                 // not a func
	} {
		n, v := lookupField(t, tc.pkg, tc.typ, tc.field)
		if got := tc.k.mayBeSinkField(v); got != tc.mayBe {
			t.Errorf("mayBeSinkField(%s) = %v, want %v", tc.name, got, tc.mayBe)
		}
		if got := tc.k.isSinkField(n, v); got != tc.isSink {
			t.Errorf("isSinkField(%s) = %v, want %v", tc.name, got, tc.isSink)
		}
	}
	// A package-level func variable is no field, whatever the flag says.
	g := u.Scope().Lookup("G").(*types.Var)
	if newAPIs(&Config{Callbacks: []string{"example.com/u.T.G"}}).mayBeSinkField(g) {
		t.Errorf("mayBeSinkField(u.G) = true for a package-level variable")
	}
}

// TestKnowledgeSelfSync checks isSelfSync on built-in self-synchronised
// types, pointers to them, the self-sync flag, and types that are not.
func TestKnowledgeSelfSync(t *testing.T) {
	u := userPkg(t)
	syncPkg, atomicPkg := stdPkg(t, "sync"), stdPkg(t, "sync/atomic")
	logPkg, slogPkg := stdPkg(t, "log"), stdPkg(t, "log/slog")
	plain := newAPIs(&Config{})
	configured := newAPIs(&Config{SelfSync: []string{"example.com/u.Counter"}})
	counter := lookupType(t, u, "Counter")
	for _, tc := range []struct {
		name string
		k    *apis
		t    types.Type
		want bool
	}{
		{"chan int", plain, types.NewChan(types.SendRecv, types.Typ[types.Int]), true},
		{"u.Ch", plain, lookupType(t, u, "Ch"), true},
		{"sync.Map", plain, lookupType(t, syncPkg, "Map"), true},
		{"*sync.Map", plain, types.NewPointer(lookupType(t, syncPkg, "Map")), true},
		{"sync.Once", plain, lookupType(t, syncPkg, "Once"), true},
		{"sync.WaitGroup", plain, lookupType(t, syncPkg, "WaitGroup"), true},
		{"sync.Mutex", plain, lookupType(t, syncPkg, "Mutex"), false},
		{"atomic.Int64", plain, lookupType(t, atomicPkg, "Int64"), true},
		{"atomic.Value", plain, lookupType(t, atomicPkg, "Value"), true},
		{"*log.Logger", plain, types.NewPointer(lookupType(t, logPkg, "Logger")), true},
		{"*slog.Logger", plain, types.NewPointer(lookupType(t, slogPkg, "Logger")), true},
		{"slog.Handler", plain, lookupType(t, slogPkg, "Handler"), false},
		{"func()", plain, types.NewSignatureType(nil, nil, nil, nil, nil, false), false},
		{"map[int]int", plain, types.NewMap(types.Typ[types.Int], types.Typ[types.Int]), false},
		{"u.Counter", plain, counter, false},
		{"u.Counter configured", configured, counter, true},
		{"*u.Counter configured", configured, types.NewPointer(counter), true},
		{"u.T configured", configured, lookupType(t, u, "T"), false},
	} {
		if got := tc.k.isSelfSync(tc.t); got != tc.want {
			t.Errorf("isSelfSync(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestKnowledgeLockMethod checks lockMethod for every method of
// sync.Mutex and sync.RWMutex, a promoted one, and Lock methods that are
// not sync's.
func TestKnowledgeLockMethod(t *testing.T) {
	u := userPkg(t)
	syncPkg := stdPkg(t, "sync")
	for _, tc := range []struct {
		name string
		want lockOpKind
	}{
		{"*Mutex.Lock", opLock},
		{"*Mutex.Unlock", opUnlock},
		{"*Mutex.TryLock", opTryLock},
		{"*RWMutex.Lock", opLock},
		{"*RWMutex.Unlock", opUnlock},
		{"*RWMutex.TryLock", opTryLock},
		{"*RWMutex.RLock", opRLock},
		{"*RWMutex.RUnlock", opRUnlock},
		{"*RWMutex.TryRLock", opTryRLock},
		{"*RWMutex.RLocker", opNone},
		{"*WaitGroup.Wait", opNone},
		{"*Once.Do", opNone},
	} {
		if got := lockMethod(lookupFunc(t, syncPkg, tc.name)); got != tc.want {
			t.Errorf("lockMethod(sync %s) = %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := lockMethod(lookupFunc(t, u, "*Embeds.Lock")); got != opLock {
		t.Errorf("lockMethod(promoted (*u.Embeds).Lock) = %v, want opLock", got)
	}
	if got := lockMethod(lookupFunc(t, u, "T.Lock")); got != opNone {
		t.Errorf("lockMethod((u.T).Lock) = %v, want opNone", got)
	}
	if got := lockMethod(nil); got != opNone {
		t.Errorf("lockMethod(nil) = %v, want opNone", got)
	}
}

// TestKnowledgeHTTP checks the net/http predicates: handler signatures,
// http.HandlerFunc, ServeHTTP methods.
func TestKnowledgeHTTP(t *testing.T) {
	u := userPkg(t)
	httpPkg := stdPkg(t, "net/http")
	handlerFunc := lookupType(t, httpPkg, "HandlerFunc")
	handler := lookupFunc(t, u, "Handler")
	oneParam := lookupFunc(t, u, "H2.ServeHTTP")
	for _, tc := range []struct {
		name       string
		t          types.Type
		sig, hfunc bool
	}{
		{"u.Handler", handler.Type(), true, false},
		{"http.HandlerFunc", handlerFunc, true, true},
		{"u.HF", lookupType(t, u, "HF"), true, false},
		{"u.Spawn", lookupFunc(t, u, "Spawn").Type(), false, false},
		{"ServeHTTP(w)", oneParam.Type(), false, false},
		{"http.Handler", lookupType(t, httpPkg, "Handler"), false, false},
	} {
		if got := isHandlerSig(tc.t); got != tc.sig {
			t.Errorf("isHandlerSig(%s) = %v, want %v", tc.name, got, tc.sig)
		}
		if got := isHandlerFunc(tc.t); got != tc.hfunc {
			t.Errorf("isHandlerFunc(%s) = %v, want %v", tc.name, got, tc.hfunc)
		}
	}
	for _, tc := range []struct {
		name string
		fn   *types.Func
		want bool
	}{
		{"(u.H).ServeHTTP", lookupFunc(t, u, "H.ServeHTTP"), true},
		{"(http.HandlerFunc).ServeHTTP", lookupFunc(t, httpPkg, "HandlerFunc.ServeHTTP"), true},
		{"(*http.ServeMux).ServeHTTP", lookupFunc(t, httpPkg, "*ServeMux.ServeHTTP"), true},
		{"(u.H2).ServeHTTP", oneParam, false},
		{"u.Handler", handler, false}, // the signature, but no method
		{"(u.T).Lock", lookupFunc(t, u, "T.Lock"), false},
		{"nil", nil, false},
	} {
		if got := isServeHTTP(tc.fn); got != tc.want {
			t.Errorf("isServeHTTP(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestKnowledgeSinkTypes checks isSinkFuncType and importsSinkLibrary.
func TestKnowledgeSinkTypes(t *testing.T) {
	u := userPkg(t)
	if !isSinkFuncType(lookupType(t, stdPkg(t, "expvar"), "Func")) {
		t.Errorf("isSinkFuncType(expvar.Func) = false")
	}
	for _, typ := range []types.Type{
		lookupType(t, stdPkg(t, "net/http"), "HandlerFunc"),
		lookupFunc(t, u, "Spawn").Type(),
		lookupType(t, u, "HF"),
	} {
		if isSinkFuncType(typ) {
			t.Errorf("isSinkFuncType(%s) = true", typ)
		}
	}
	for _, tc := range []struct {
		imports []string
		want    bool
	}{
		{nil, false},
		{[]string{"net/http", "sync"}, false},
		{[]string{"net/http", "github.com/prometheus/client_golang/prometheus"}, true},
		{[]string{"google.golang.org/grpc"}, true},
		{[]string{"github.com/prometheus/client_golang/prometheus/promhttp"}, false},
		{[]string{"google.golang.org/grpc/codes"}, false},
	} {
		pkg := types.NewPackage("example.com/p", "p")
		var imps []*types.Package
		for _, path := range tc.imports {
			imps = append(imps, types.NewPackage(path, path[strings.LastIndex(path, "/")+1:]))
		}
		pkg.SetImports(imps)
		if got := importsSinkLibrary(pkg); got != tc.want {
			t.Errorf("importsSinkLibrary(imports %q) = %v, want %v", tc.imports, got, tc.want)
		}
	}
}

// TestKnowledgeTables checks that every entry of the tables of
// knowledge.go that names a standard-library function names one that
// exists, with that receiver, and, for functions that run an argument,
// that the argument is a function: a typo in a table fails here rather
// than silently never matching. Entries of other modules (x/sync,
// Prometheus, gRPC) are not available offline and are skipped.
func TestKnowledgeTables(t *testing.T) {
	// anyArg are the spawners whose function argument is typed any.
	anyArg := map[string]bool{"runtime.SetFinalizer": true}
	// handlerArg are the registrations whose argument is an http.Handler.
	handlerArg := map[string]bool{"net/http.Handle": true, "net/http.ServeMux.Handle": true}
	for _, table := range []struct {
		name  string
		specs []spawnerSpec
		arg   bool // the spec's arg is a function argument
	}{
		{"builtinSpawners", builtinSpawners, true},
		{"handlerRegistrations", handlerRegistrations, true},
		{"onceFuncs", onceFuncs, true},
		{"waitSpecs", waitSpecs, false},
		{"noReturnSpecs", noReturnSpecs, false},
		{"afterReturnSpecs", afterReturnSpecs, true},
	} {
		for _, s := range table.specs {
			if first, _, _ := strings.Cut(s.pkg, "/"); strings.Contains(first, ".") {
				continue // not in the standard library
			}
			key := s.pkg + "." + s.name
			if s.recv != "" {
				key = s.pkg + "." + s.recv + "." + s.name
			}
			pkg := stdPkg(t, s.pkg)
			var fn *types.Func
			if s.recv == "" {
				fn, _ = pkg.Scope().Lookup(s.name).(*types.Func)
			} else if tn, ok := pkg.Scope().Lookup(s.recv).(*types.TypeName); ok {
				recv := tn.Type()
				if !types.IsInterface(recv) {
					recv = types.NewPointer(recv)
				}
				obj, _, _ := types.LookupFieldOrMethod(recv, true, pkg, s.name)
				fn, _ = obj.(*types.Func)
			}
			if fn == nil {
				t.Errorf("%s: %s names no function of %s", table.name, key, s.pkg)
				continue
			}
			if _, ok := matchSpec(fn, []spawnerSpec{s}); !ok {
				t.Errorf("%s: %s does not match the function it names, %s", table.name, key, fn)
			}
			if !table.arg {
				continue
			}
			params := fn.Signature().Params()
			if s.arg >= params.Len() {
				t.Errorf("%s: %s takes %d parameters, not %d", table.name, key, params.Len(), s.arg+1)
				continue
			}
			pt := params.At(s.arg).Type()
			switch {
			case anyArg[key]:
				if iface, ok := pt.Underlying().(*types.Interface); !ok || !iface.Empty() {
					t.Errorf("%s: %s argument %d is %s, want any", table.name, key, s.arg, pt)
				}
			case handlerArg[key]:
				if pt.String() != "net/http.Handler" {
					t.Errorf("%s: %s argument %d is %s, want http.Handler", table.name, key, s.arg, pt)
				}
			case !isFuncType(pt):
				t.Errorf("%s: %s argument %d is %s, not a function", table.name, key, s.arg, pt)
			}
		}
	}
}
