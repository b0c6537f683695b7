package analyzer

// Unit tests of the prefilter (matter.go): whether a package may have
// anything to report or export, decided from syntax and types only.
// Each rule of mayMatter's doc comment is tested with pairs of packages
// that differ in one property, on passes built by hand (the prefilter
// reads Fset, Files, Pkg, TypesInfo, Module and the fact importers).

import (
	"go/build"
	"go/types"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// prefilterDepSrc is a dependency whose functions the tests give facts.
const prefilterDepSrc = `package dep

var V int

func Start()    {}
func Lock()     {}
func Read()     {}
func Write()    {}
func Plain()    {}
func Run(f func()) {}
`

// prefilterFacts are the facts of prefilterDepSrc's functions, by name.
var prefilterFacts = map[string]funcFact{
	"Start": {Starts: []factStart{{Kind: "goroutine started in", Func: "example.com/dep.Start"}}},
	"Lock":  {Acquires: []factLock{{ID: "example.com/dep.mu"}}},
	"Read":  {Accesses: []factAccess{{Global: "example.com/dep.m", Locks: []factLock{{ID: "example.com/dep.mu", Read: true, RW: true}}}}},
	"Write": {Accesses: []factAccess{{Global: "example.com/dep.m", Write: true, Locks: []factLock{{ID: "example.com/dep.mu", RW: true}}}}},
	"Run":   {SpawnsParam: []int{0}},
}

// prefilterSrc returns a file of package name with body, importing the
// packages body mentions.
func prefilterSrc(name, body string) string {
	var b strings.Builder
	b.WriteString("package " + name + "\n\n")
	for _, imp := range []struct{ sel, path string }{
		{"sync.", "sync"}, {"net.Conn", "net"}, {"time.", "time"}, {"http.", "net/http"}, {"testing.", "testing"}, {"dep.", "example.com/dep"},
	} {
		if strings.Contains(body, imp.sel) {
			b.WriteString("import \"" + imp.path + "\"\n")
		}
	}
	b.WriteString("\n" + body + "\n")
	return b.String()
}

// A prefilterCase is one package and the prefilter's expected decision.
type prefilterCase struct {
	name    string
	pkg     string            // package name; "p" if empty
	files   map[string]string // file name → body; "p.go" if only body is set
	body    string
	std     bool // the files lie in GOROOT/src
	cfg     Config
	dep     bool // analysed as a dependency (facts only)
	facts   bool // the imported functions have their facts (prefilterFacts)
	pkgFact bool // package dep has a package fact
	invokes bool // package dep has a package fact that lists an interface method it calls on its goroutines
	want    bool
}

// decide builds the pass of tc and runs the prefilter on it.
func (tc prefilterCase) decide(t *testing.T, dep *types.Package) bool {
	t.Helper()
	name := tc.pkg
	if name == "" {
		name = "p"
	}
	files := map[string]string{}
	bodies := tc.files
	if bodies == nil {
		bodies = map[string]string{"p.go": tc.body}
	}
	for file, body := range bodies {
		if tc.std {
			file = filepath.Join(build.Default.GOROOT, "src", "example", file)
		}
		files[file] = prefilterSrc(name, body)
	}
	p := checkPkg(t, "example.com/p", files, unitImporter{"example.com/dep": dep})
	pass := &analysis.Pass{
		Fset:      p.fset,
		Files:     p.files,
		Pkg:       p.pkg,
		TypesInfo: p.info,
		ImportObjectFact: func(obj types.Object, fact analysis.Fact) bool {
			ff, ok := prefilterFacts[obj.Name()]
			if !tc.facts || !ok || obj.Pkg() != dep {
				return false
			}
			*fact.(*funcFact) = ff
			return true
		},
		ImportPackageFact: func(pkg *types.Package, fact analysis.Fact) bool {
			if !tc.pkgFact && !tc.invokes || pkg != dep {
				return false
			}
			pf := pkgFact{Module: "example.com/dep"}
			if tc.invokes {
				pf.Invokes = []factInvoke{{Iface: "example.com/dep.I", Method: "M", Context: "goroutine started in Serve"}}
			}
			*fact.(*pkgFact) = pf
			return true
		},
	}
	k := newAPIs(&tc.cfg)
	scan := scanSyntax(pass, k)
	if scan.bad {
		t.Fatalf("%s: syntax errors", tc.name)
	}
	return mayMatter(pass, &tc.cfg, scan, scanUses(pass), tc.dep)
}

// TestPrefilter checks mayMatter's decision on pairs of packages that
// differ in one property, one pair per rule of its doc comment.
func TestPrefilter(t *testing.T) {
	dep := checkPkg(t, "example.com/dep", map[string]string{"dep.go": prefilterDepSrc}, nil).pkg
	const (
		lockedG = "var mu sync.Mutex\nvar n int\n\nfunc g() { mu.Lock(); n++; mu.Unlock() }\n"
		plainG  = "var n int\n\nfunc g() { n++ }\n"
		handler = "var mu sync.Mutex\n\ntype H struct{}\n\n"
	)
	exported := Config{Exported: true}
	spawner := Config{Spawners: []Spawner{mustSpawner(t, "example.com/p.run:0")}}
	for _, tc := range []prefilterCase{
		// Reports need a global lock and a second context.
		{name: "global lock, go statement", body: lockedG + "func f() { go g() }", want: true},
		{name: "no lock, go statement", body: plainG + "func f() { go g() }", want: false},
		{name: "global lock, no spawn", body: lockedG + "func f() { g() }", want: false},
		// An exported function under a global lock may have facts to
		// export, whether or not the package is a dependency.
		{name: "global lock, no spawn, exported function", body: lockedG + "func F() { g() }", want: true},
		{name: "lock in a global struct, go statement", body: "var st struct{ mu sync.Mutex; n int }\n\nfunc f() { go func() { st.mu.Lock(); st.n++; st.mu.Unlock() }() }", want: true},
		{name: "local lock, go statement", body: "func f() { var mu sync.Mutex; go func() { mu.Lock(); mu.Unlock() }() }", want: false},
		// Library mode makes the callers of exported functions concurrent,
		// except in package main.
		{name: "global lock, no spawn, library mode", body: lockedG + "func f() { g() }", cfg: exported, want: true},
		{name: "global lock, no spawn, library mode, main", pkg: "main", body: lockedG + "func f() { g() }", cfg: exported, want: false},
		// Spawn calls, built in and configured.
		{name: "time.AfterFunc", body: lockedG + "func f() { time.AfterFunc(0, g) }", want: true},
		{name: "time.Sleep", body: lockedG + "func f() { time.Sleep(0); g() }", want: false},
		{name: "configured spawner", body: lockedG + "func run(f func()) { f() }\n\nfunc f() { run(g) }", cfg: spawner, want: true},
		{name: "unconfigured spawner", body: lockedG + "func run(f func()) { f() }\n\nfunc f() { run(g) }", want: false},
		// Handlers.
		{name: "ServeHTTP", body: handler + "func (H) ServeHTTP(w http.ResponseWriter, r *http.Request) { mu.Lock(); mu.Unlock() }", want: true},
		{name: "serveHTTP", body: handler + "func (H) serveHTTP(w http.ResponseWriter, r *http.Request) { mu.Lock(); mu.Unlock() }", want: false},
		{name: "http.HandlerFunc conversion", body: handler + "func h(w http.ResponseWriter, r *http.Request) { mu.Lock(); mu.Unlock() }\n\nvar hf = http.HandlerFunc(h)", want: true},
		{name: "no conversion", body: handler + "func h(w http.ResponseWriter, r *http.Request) { mu.Lock(); mu.Unlock() }\n\nvar hf = h", want: false},
		{name: "http.Server func field", body: handler + "func cs() { mu.Lock(); mu.Unlock() }\n\nfunc f() { _ = &http.Server{ConnState: func(_ net.Conn, _ http.ConnState) { cs() }} }", want: true},
		{name: "http.Server other field", body: handler + "func cs() { mu.Lock(); mu.Unlock() }\n\nfunc f() { _ = &http.Server{Addr: \":0\"}; cs() }", want: false},
		// Parallel tests.
		{name: "t.Parallel", files: map[string]string{"p_test.go": lockedG + "func TestX(t *testing.T) { t.Parallel(); g() }"}, want: true},
		{name: "t.Helper", files: map[string]string{"p_test.go": lockedG + "func TestX(t *testing.T) { t.Helper(); g() }"}, want: false},
		// rlockwrite needs no second context, but a read lock.
		{name: "RLock, no spawn", body: "var mu sync.RWMutex\nvar n int\n\nfunc f() { mu.RLock(); n++; mu.RUnlock() }", want: true},
		{name: "Lock, no spawn", body: "var mu sync.RWMutex\nvar n int\n\nfunc f() { mu.Lock(); n++; mu.Unlock() }", want: false},
		// wronglock on an instance lock: a global, a lock call, two contexts.
		{name: "instance lock, global, go statement", body: "type T struct{ mu sync.Mutex }\n\nvar n int\n\nfunc f(t *T) { go func() { t.mu.Lock(); n++; t.mu.Unlock() }() }", want: true},
		{name: "instance lock not taken, global, go statement", body: "type T struct{ mu sync.Mutex }\n\nvar n int\n\nfunc f(t *T) { go func() { _ = t.mu; n++ }() }", want: false},
		// Facts of imported functions and packages.
		{name: "imported start", body: lockedG + "func f() { dep.Start(); g() }", facts: true, want: true},
		{name: "imported start without its fact", body: lockedG + "func f() { dep.Start(); g() }", want: false},
		{name: "imported lock", body: "func f() { dep.Lock() }", facts: true, want: true},
		{name: "imported lock without its fact", body: "func f() { dep.Lock() }", want: false},
		{name: "imported access under a read lock", body: "func f() { dep.Read() }", facts: true, want: true},
		{name: "imported access under a write lock", body: "func f() { dep.Write() }", facts: true, want: false},
		{name: "imported global with a package fact", body: "func f() { go func() { dep.V++ }() }", pkgFact: true, want: true},
		{name: "imported global without a package fact", body: "func f() { go func() { dep.V++ }() }", want: false},
		// A dependency that calls an interface method on goroutines of
		// its own may call this package's types.
		// Only a direct import's fact is read (invokedByImports).
		{name: "global lock, imported interface method called on goroutines", body: lockedG + "var _ = dep.V\n\nfunc f() { g() }", invokes: true, want: true},
		{name: "global lock, imported package fact without one", body: lockedG + "var _ = dep.V\n\nfunc f() { g() }", pkgFact: true, want: false},
		{name: "global lock, interface method called on goroutines of an indirect import", body: lockedG + "func f() { g() }", invokes: true, want: false},
		// A package that calls an interface method where a spawn may
		// run it exports it (exportedInvokes), even as a dependency.
		{name: "dependency, interface method and a go statement", body: "type I interface{ M() }\n\nfunc f(i I) { go i.M() }", dep: true, want: true},
		{name: "dependency, interface method, no spawn", body: "type I interface{ M() }\n\nfunc f(i I) { i.M() }", dep: true, want: false},
		{name: "std, interface method and a go statement", body: "type I interface{ M() }\n\nfunc f(i I) { go i.M() }", std: true, dep: true, want: false},
		// A dependency matters only for its facts: exported functions
		// outside test files, not in package main.
		{name: "dependency, unexported", body: lockedG + "func f() { go g() }", dep: true, want: false},
		{name: "dependency, exported", body: lockedG + "func F() { go g() }", dep: true, want: true},
		{name: "dependency, exported variable", body: lockedG + "var X int", dep: true, want: true},
		{name: "dependency, exported, no lock", body: plainG + "func F() { go g() }", dep: true, want: false},
		{name: "dependency, exported in a test file", files: map[string]string{"p.go": lockedG, "p_test.go": "func F() { go g() }"}, dep: true, want: false},
		{name: "dependency, exported, main", pkg: "main", body: lockedG + "func F() { go g() }", dep: true, want: false},
		// The standard library exports only wrapper facts.
		{name: "std, exported", body: lockedG + "func F() { go g() }", std: true, dep: true, want: false},
		{name: "std, wrapper starts its argument", body: "func Run(f func()) { go f() }", std: true, dep: true, want: true},
		{name: "std, wrapper keeps its argument", body: "var keep func()\n\nfunc Run(f func()) { keep = f }", std: true, dep: true, want: false},
		{name: "std, wrapper passes its argument to an imported starter", body: "func Run(f func()) { dep.Run(f) }", std: true, dep: true, facts: true, want: true},
		{name: "std, wrapper calls its argument under a global lock", body: "var mu sync.Mutex\n\nfunc Run(f func()) { mu.Lock(); f(); mu.Unlock() }", std: true, dep: true, want: true},
		{name: "std, wrapper calls its argument, no global lock", body: "func Run(f func()) { var mu sync.Mutex; mu.Lock(); f(); mu.Unlock() }", std: true, dep: true, want: false},
		{name: "std, unexported wrapper starts its argument", body: "func run(f func()) { go f() }", std: true, dep: true, want: false},
	} {
		if got := tc.decide(t, dep); got != tc.want {
			t.Errorf("%s: mayMatter = %v, want %v", tc.name, got, tc.want)
		}
	}
}
