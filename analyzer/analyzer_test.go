package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/chanown/chanown/analyzer"
)

// testdata is the GOPATH-style root of the scenario packages. They live at
// the top of the module, not under analyzer/, so analysistest.TestData()
// would point at the wrong folder.
var testdata = mustAbs("../testdata")

// mustAbs returns the absolute form of path, or panics.
func mustAbs(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		panic(err)
	}
	return abs
}

// mustSpawner parses a spawners entry, or panics.
func mustSpawner(s string) analyzer.Spawner {
	sp, err := analyzer.ParseSpawner(s)
	if err != nil {
		panic(err)
	}
	return sp
}

// scenario is one analysistest case: the packages to load under
// testdata/src, and the configuration to analyse them with (nil means the
// shared default analyzer.Analyzer).
type scenario struct {
	name     string
	cfg      *analyzer.Config
	patterns []string
}

// newAnalyzer returns the analyzer for sc: the shared default one, or a
// fresh one built from sc.cfg. Flags are never set on the shared analyzer.
func (sc scenario) newAnalyzer() *analysis.Analyzer {
	if sc.cfg == nil {
		return analyzer.Analyzer
	}
	return analyzer.New(*sc.cfg)
}

// scenarios lists every scenario package of the shared and directive
// categories. Each package's files say what it covers.
var scenarios = []scenario{
	// Declaration shapes of globals and locks.
	{name: "declsingle", patterns: []string{"declsingle"}},
	{name: "declmulti", patterns: []string{"declmulti"}},
	{name: "declgroup", patterns: []string{"declgroup"}},
	{name: "declptr", patterns: []string{"declptr"}},
	{name: "ptrlock", patterns: []string{"ptrlock"}},
	{name: "elemptr", patterns: []string{"elemptr"}},
	{name: "declanon", patterns: []string{"declanon"}},
	{name: "declnamed", patterns: []string{"declnamed"}},
	{name: "declgeneric", patterns: []string{"declgeneric"}},

	// Locksets.
	{name: "condlock", patterns: []string{"condlock"}},
	{name: "trylock", patterns: []string{"trylock"}},
	{name: "rwlock", patterns: []string{"rwlock"}},
	{name: "loops", patterns: []string{"loops"}},
	{name: "lockhelper", patterns: []string{"lockhelper"}},
	{name: "withlock", patterns: []string{"withlock"}},
	{name: "lockedsuffix", patterns: []string{"lockedsuffix"}},
	{name: "closures", patterns: []string{"closures"}},
	{name: "deferclosure", patterns: []string{"deferclosure"}},
	{name: "semaphore", patterns: []string{"semaphore"}},
	{name: "chansema", patterns: []string{"chansema"}},
	{name: "xpkg", patterns: []string{"xpkg/dep", "xpkg/user", "xpkg/wrap", "xpkg/caller"}},
	{name: "xpkgdirect", patterns: []string{"xpkgdirect/..."}},
	{name: "xpkgname", patterns: []string{"xpkgname/web", "xpkgname/app"}},
	{name: "ifacecall", patterns: []string{"ifacecall/lib", "ifacecall/app", "ifacecall/mid", "ifacecall/ext"}},
	{name: "instancelock", patterns: []string{"instancelock"}},

	// Goroutine contexts and how they are named.
	{name: "goloop", patterns: []string{"goloop"}},
	{name: "twogo", patterns: []string{"twogo"}},
	{name: "httphandler", patterns: []string{"httphandler"}},
	{name: "middleware", patterns: []string{"middleware"}},
	{name: "servehttp", patterns: []string{"servehttp"}},
	{name: "afterfunc", patterns: []string{"afterfunc"}},
	{name: "ctxafterfunc", patterns: []string{"ctxafterfunc"}},
	{name: "wggo", patterns: []string{"wggo"}},
	{name: "racetier", patterns: []string{"racetier"}},
	{name: "instanceonly", patterns: []string{"instanceonly"}},
	{name: "instancetest", patterns: []string{"instancetest"}},
	{name: "errgroupgo", patterns: []string{"errgroupgo"}},
	{name: "finalizer", patterns: []string{"finalizer"}},
	{name: "cycle", patterns: []string{"cycle"}},
	{name: "multireach", patterns: []string{"multireach"}},
	{name: "funcvalue", patterns: []string{"funcvalue"}},
	{name: "unknowncallee", patterns: []string{"unknowncallee"}},
	{name: "methodspawn", patterns: []string{"methodspawn"}},
	{name: "manynames", patterns: []string{"manynames"}},
	{name: "countedctx", patterns: []string{"countedctx"}},
	{name: "onecontext", patterns: []string{"onecontext"}},
	{name: "happensbefore", patterns: []string{"happensbefore"}},
	{name: "library", patterns: []string{"library"}},
	{name: "endless", patterns: []string{"endless"}},
	{name: "testshare", patterns: []string{"testshare"}},
	{name: "testcallers", patterns: []string{"testcallers"}},
	{name: "pathprefix", patterns: []string{"pathprefix"}},
	{name: "condheld", patterns: []string{"condheld"}},
	{name: "ptrcopy", patterns: []string{"ptrcopy"}},
	{name: "spilledparam", patterns: []string{"spilledparam"}},
	{name: "paramgate", patterns: []string{"paramgate"}},
	{name: "commonlock", patterns: []string{"commonlock"}},
	{name: "testjoin", patterns: []string{"testjoin"}},
	{name: "testhook", patterns: []string{"testhook"}},
	{name: "testserve", patterns: []string{"testserve"}},
	{name: "testparallel", patterns: []string{"testparallel"}},
	{name: "prodjoin", patterns: []string{"prodjoin"}},
	{name: "prodjoinlib", patterns: []string{"prodjoinlib"}},
	{name: "prodjoinlibexp", cfg: &analyzer.Config{Exported: true}, patterns: []string{"prodjoinlibexp"}},
	{name: "noreturn", patterns: []string{"noreturn"}},
	{name: "ifacedispatch", patterns: []string{"ifacedispatch"}},
	{name: "funcplace", patterns: []string{"funcplace"}},
	{name: "oncego", patterns: []string{"oncego"}},
	{name: "goarg", patterns: []string{"goarg"}},
	{name: "singleton", patterns: []string{"singleton"}},
	{name: "sinks", patterns: []string{"sinks"}},
	// What lets a package be skipped before SSA (matter.go), each case
	// beside a twin that differs in the property that matters.
	{name: "matter", patterns: []string{"matter/..."}},
	{name: "matterlib", cfg: &analyzer.Config{Exported: true}, patterns: []string{"matterlib"}},

	// Initialisation.
	{name: "initonly", patterns: []string{"initonly"}},
	{name: "initclosure", patterns: []string{"initclosure"}},
	{name: "once", patterns: []string{"once"}},
	{name: "sentinel", patterns: []string{"sentinel"}},

	// What a group holds and how it is named.
	{name: "selfsync", patterns: []string{"selfsync"}},
	{name: "refcount", patterns: []string{"refcount"}},
	{name: "refcountuse", patterns: []string{"refcountuse"}},
	{name: "refresource", patterns: []string{"refresource"}},
	{name: "countandmap", patterns: []string{"countandmap"}},
	{name: "pointerwrite", patterns: []string{"pointerwrite"}},
	{name: "lazyinit", patterns: []string{"lazyinit"}},
	{name: "lazyhandler", patterns: []string{"lazyhandler"}},
	{name: "readmostly", patterns: []string{"readmostly"}},

	// Suppression and directives.
	{name: "ignore", patterns: []string{"ignore"}},
	{name: "ignorebad", patterns: []string{"ignorebad"}},
	{name: "generated", patterns: []string{"generated"}},

	// Flags, each on a fresh analyzer.
	{name: "exportedoff", patterns: []string{"exportedoff"}},
	{name: "exportedon", cfg: &analyzer.Config{Exported: true}, patterns: []string{"exportedon"}},
	{name: "exportedmain", cfg: &analyzer.Config{Exported: true}, patterns: []string{"exportedmain"}},
	{name: "spawners", cfg: &analyzer.Config{Spawners: []analyzer.Spawner{mustSpawner("spawnlib.Run:0")}}, patterns: []string{"spawners"}},
	{name: "callbacksflag", cfg: &analyzer.Config{Callbacks: []string{"cblib.OnEvent:0", "cblib.Hooks.OnTick"}}, patterns: []string{"callbacksflag"}},
	{name: "selfsyncflag", cfg: &analyzer.Config{SelfSync: []string{"selfsyncflag.Gauge"}}, patterns: []string{"selfsyncflag"}},
	{name: "categoriesdirective", cfg: &analyzer.Config{Categories: []string{analyzer.CategoryDirective}}, patterns: []string{"categoriesdirective"}},
	{name: "categoriesshared", cfg: &analyzer.Config{Categories: []string{analyzer.CategoryShared}}, patterns: []string{"categoriesshared"}},
}

// TestAnalyzer runs every scenario through analysistest, which matches the
// diagnostics against the `// want` comments, and checks that every
// diagnostic carries a known Category.
func TestAnalyzer(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			results := analysistest.Run(t, testdata, sc.newAnalyzer(), sc.patterns...)
			checkDiagnostics(t, results)
		})
	}
}

// TestModules runs the module-mode scenario under testdata/modules: a
// go.mod there makes analysistest load it as a module (GOPATH mode would
// put every package in one module of empty path). Package user shares the
// state of a package of its own module, which is reported, and of a
// vendored third-party module at v1.0.0, which must stay silent; package
// counter does the same by locking those packages' exported locks
// itself.
func TestModules(t *testing.T) {
	results := analysistest.Run(t, filepath.Join(testdata, "modules"), analyzer.Analyzer,
		"example.com/app/state", "example.com/app/user", "example.com/app/hits", "example.com/app/counter")
	checkDiagnostics(t, results)
}
