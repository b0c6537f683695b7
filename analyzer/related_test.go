package analyzer_test

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/chanown/chanown/analyzer"
)

// analysistest checks messages and positions but not Diagnostic.Related,
// so the tests in this file check the evidence that shared reports walk:
// one "<context> starts here" entry per contributing spawn site, and one
// "<global> written/read here holding <lock>" entry per (global,
// function), at the function's first access of the global, preferring a
// write; all in position order.

// relatedEntry is one expected Related entry: its exact message and the
// line of file (a base name in the scenario package) that contains at, a
// piece of code that occurs on exactly one line of that file.
type relatedEntry struct {
	msg  string
	file string
	at   string
}

// relatedCase names one diagnostic of a scenario and the Related entries
// it must carry, in position order. With subset set, the diagnostic may
// carry further entries (about globals the case does not pin down).
type relatedCase struct {
	name     string
	pattern  string
	diag     string // regexp matching exactly one diagnostic's message
	spawns   []relatedEntry
	accesses []relatedEntry
	subset   bool
}

var relatedCases = []relatedCase{
	{
		// A func field of tls.Config: crypto/tls calls it in every
		// handshake, so the closure stored there starts a context.
		name:    "sinks/tlsconfig",
		pattern: "sinks",
		diag:    `^certMu guards certs,`,
		spawns: []relatedEntry{
			{"callback registered in main starts here", "sinks.go", "GetCertificate: func("},
		},
		accesses: []relatedEntry{
			{"certs read here holding certMu", "sinks.go", "return certs[hello.ServerName], nil"},
			{"certs written here holding certMu", "sinks.go", `certs["example.com"] = &tls.Certificate{}`},
		},
	},
	{
		// A singleton receiver captured by a sync.Once body: the go
		// statement inside it starts the context, and the accesses
		// through the captured receiver are the global's.
		name:    "singleton/oncecleaner",
		pattern: "singleton",
		diag:    `^registry.mu guards registry.caches,`,
		spawns: []relatedEntry{
			{"goroutine started in (*caseRegistry).get starts here", "oncecleaner.go", "go r.cleaner()"},
		},
		accesses: []relatedEntry{
			{"registry.caches written here holding registry.mu", "oncecleaner.go", "r.caches[k]++"},
			{"registry.caches written here holding registry.mu", "oncecleaner.go", "clear(r.caches)"},
		},
	},
	{
		// A handler is a context without a go statement (matter.go
		// lets the package through for it).
		name:    "matter/handleronly",
		pattern: "matter/handleronly",
		diag:    `^mu guards visits,`,
		spawns: []relatedEntry{
			{"HTTP handler counter.ServeHTTP starts here", "handleronly.go", "func (counter) ServeHTTP("},
		},
		accesses: []relatedEntry{
			{"visits written here holding mu", "handleronly.go", "visits[r.URL.Path]++"},
		},
	},
	{
		// A method that a dependency calls on its goroutines through
		// an interface (the package fact's Invokes) starts where the
		// method is declared.
		name:    "ifacecall/app",
		pattern: "ifacecall/app",
		diag:    `^hitsMu guards hits,`,
		spawns: []relatedEntry{
			{"callback (*handler).Handle (called on goroutines of lib) starts here", "app.go", "func (*handler) Handle("},
		},
		accesses: []relatedEntry{
			{"hits written here holding hitsMu", "app.go", "hits[req]++"},
			{"hits written here holding hitsMu", "app.go", "hits = map[string]int{}"},
		},
	},
	{
		// A goroutine started through a wrapper known only by its fact.
		name:    "matter/gowrap",
		pattern: "matter/gowrap",
		diag:    `^mu guards names,`,
		spawns: []relatedEntry{
			{"goroutine started in main starts here", "main.go", "wrap.Go(func() {"},
		},
		accesses: []relatedEntry{
			{"names written here holding mu", "main.go", `names = append(names, "w")`},
			{"names written here holding mu", "main.go", `names = append(names, "m")`},
		},
	},
	{
		// Closures passed to functions chanown knows nothing of
		// (std functions without facts, interface methods, func
		// values) run holding the caller's locks; the timer callback
		// does not.
		name:    "unknowncallee/shared",
		pattern: "unknowncallee",
		diag:    `^mu guards counts and keys,`,
		spawns: []relatedEntry{
			{"timer callback in reset starts here", "unknowncallee.go", "time.AfterFunc("},
			{"goroutine started in Start starts here", "unknowncallee.go", `go add("worker")`},
		},
		accesses: []relatedEntry{
			{"counts written here without mu", "unknowncallee.go", "counts[k] = 0"},
			{"counts written here holding mu", "unknowncallee.go", "counts[k] += 3"},
			{"counts written here holding mu", "unknowncallee.go", "counts[k] += 2"},
			{"counts written here holding mu", "unknowncallee.go", "counts[k]++"},
			{"counts written here holding mu", "unknowncallee.go", "strings.Map("},
			{"counts read here holding mu", "unknowncallee.go", "slices.SortFunc("},
			{"counts read here holding mu", "unknowncallee.go", "sort.Slice("},
			{"keys read here holding mu", "unknowncallee.go", "w.walk(keys"},
			{"keys written here holding mu", "unknowncallee.go", "keys = append(keys, k)"},
			{"keys read here holding mu", "unknowncallee.go", "sort.Slice("},
		},
	},
	{
		// Race tier: where the guard is held, then the other side.
		name:    "racetier/unguarded",
		pattern: "racetier",
		diag:    `^counts written without holding mu;`,
		accesses: []relatedEntry{
			{"mu held here", "racetier.go", "ok: mu held on every path"},
			{"counts written here by main", "racetier.go", "clear(counts)"},
		},
	},
	{
		name:    "racetier/wronglock",
		pattern: "racetier",
		diag:    `^counts accessed holding other but not its guard mu$`,
		accesses: []relatedEntry{
			{"mu held here", "racetier.go", "ok: mu held on every path"},
			{"counts written here by goroutine started in main", "racetier.go", "ok: mu held on every path"},
		},
	},
	{
		// The guard is held inside an imported function at a call
		// where the caller does not hold it (DESIGN §5 "Messages":
		// never "held here" there).
		name:    "xpkg/heldinside",
		pattern: "xpkg/user",
		diag:    `^dep.Counts written without holding dep.Mu;`,
		accesses: []relatedEntry{
			{"dep.Mu held inside dep.Add", "user.go", `dep.Go(func() { dep.Add("x"); dep.Name("w") })`},
			{"dep.Counts written here by goroutine started in Start", "user.go", `dep.Go(func() { dep.Add("x"); dep.Name("w") })`},
		},
	},
	{
		// A handler context started by an imported function: held
		// inside the handler, not at the call.
		name:    "xpkgname/heldinside",
		pattern: "xpkgname/app",
		diag:    `^web.Sessions written without holding web.Mu;`,
		accesses: []relatedEntry{
			{"web.Mu held inside web.login", "main.go", "web.Serve()"},
			{"web.Sessions written here by HTTP handler web.login", "main.go", "web.Serve()"},
		},
	},
	{
		// The same in a shared report's evidence; the callback that
		// dep.WithLock runs holding dep.Mu holds it here.
		name:    "xpkg/sharedinside",
		pattern: "xpkg/user",
		diag:    `^dep.Mu guards dep.Counts,`,
		accesses: []relatedEntry{
			{"dep.Counts written here, dep.Mu held inside dep.Add", "user.go", `dep.Go(func() { dep.Add("x"); dep.Name("w") })`},
			{"dep.Counts written here holding dep.Mu", "user.go", `dep.WithLock(func() { dep.Counts["cb"] = 2 })`},
		},
		subset: true,
	},
	{
		// Another package's lock taken directly, in a package that
		// has no function: the evidence is all here, and the global
		// is shown where it is declared.
		name:    "xpkgdirect/counter",
		pattern: "xpkgdirect/counter",
		diag:    `^stats.RW guards stats.Hits,`,
		spawns: []relatedEntry{
			{"goroutine started in Count starts here", "counter.go", "go func() {"},
		},
		accesses: []relatedEntry{
			{"stats.Hits written here holding stats.RW", "counter.go", "stats.Hits[k]++"},
			{"stats.Hits read here holding stats.RW", "counter.go", "return stats.Hits[k]"},
		},
		subset: true,
	},
	{
		// A guard known only from the declaring package's fact: no
		// access here holds it, so no "held here" entry; the other
		// side is another run of the same goroutine.
		name:    "xpkgdirect/filler",
		pattern: "xpkgdirect/filler",
		diag:    `^table.Table written without holding table.mu;`,
		accesses: []relatedEntry{
			{"table.Table written here by goroutine started in Fill", "filler.go", `table.Table[k] = "x"`},
		},
	},
	{
		// A write reached whatever the condition the lock was taken
		// under: the other side is the write under the lock
		// (DESIGN §5 "Conditionally held locks").
		name:    "condheld/record",
		pattern: "condheld",
		diag:    `^pipes written without holding pipeMu;`,
		accesses: []relatedEntry{
			{"pipeMu held here", "condheld.go", "clear(pipes)"},
			{"pipes written here by goroutine started in main", "condheld.go", "clear(pipes)"},
		},
	},
	{
		// The shutdown read races with the swap's write, which holds
		// the guard (and cfgMu, through the bool parameter's gate).
		name:    "paramgate/shutdown",
		pattern: "paramgate",
		diag:    `^admin read without holding serverMu;`,
		accesses: []relatedEntry{
			{"admin written here by main", "paramgate.go", "admin = &server{addr}"},
			{"serverMu held here", "paramgate.go", "admin = &server{addr}"},
			{"admin.addr also read here without holding serverMu", "paramgate.go", "_ = admin.addr"},
		},
	},
	{
		// A read under a lock that the writes do not hold: the other
		// side is the write under the guard.
		name:    "commonlock/peekOther",
		pattern: "commonlock",
		diag:    `^table accessed holding otherMu but not its guard innerMu$`,
		accesses: []relatedEntry{
			{"innerMu held here", "commonlock.go", "table[k]++"},
			{"table written here by goroutine started in main", "commonlock.go", "table[k]++"},
		},
	},
	{
		// A semaphore held at both sides excludes nothing: the other
		// side is the write under the guard.
		name:    "commonlock/peekSem",
		pattern: "commonlock",
		diag:    `^table3 accessed holding semMu but not its guard inner3Mu$`,
		accesses: []relatedEntry{
			{"inner3Mu held here", "commonlock.go", "table3[k]++"},
			{"table3 written here by goroutine started in main", "commonlock.go", "table3[k]++"},
		},
	},
	{
		// A function passed without the lock: its gate holds nothing,
		// and the other side is the swap's write under the guard.
		name:    "paramgate/provision6",
		pattern: "paramgate",
		diag:    `^admin6 read without holding server6Mu;`,
		accesses: []relatedEntry{
			{"admin6 written here by goroutine started in main", "paramgate.go", "admin6 = &server{addr}"},
			{"server6Mu held here", "paramgate.go", "admin6 = &server{addr}"},
		},
	},
	{
		// A goroutine the package initialiser starts runs beside every
		// test: the other side is its write under the guard.
		name:    "testjoin/TestReset10",
		pattern: "testjoin",
		diag:    `^events10 written without holding mu10;`,
		accesses: []relatedEntry{
			{"events10 written here by goroutine started in init", "main.go", "func record10("},
			{"mu10 held here", "main.go", "func record10("},
		},
	},
	{
		// The literal that starts the watcher is made and run before
		// the write: the other side is the watcher's write.
		name:    "endless/serve4",
		pattern: "endless",
		diag:    `^path4 written without holding mu4;`,
		accesses: []relatedEntry{
			{"mu4 held here", "endless.go", "path4 += \".\""},
			{"path4 written here by goroutine started in serve4", "endless.go", "path4 += \".\""},
		},
	},
	{
		// A field read through a pointer copied under the guard races
		// with writes of the field, not with stores of the pointer
		// (DESIGN §5 "Paths conflict with their prefixes").
		name:    "ptrcopy/limitsNow",
		pattern: "ptrcopy",
		diag:    `^lim.Inner.Max read without holding limMu;`,
		accesses: []relatedEntry{
			{"lim.Inner written here by goroutine started in main", "ptrcopy.go", "lim.Inner = Inner{Max: n}"},
			{"limMu held here", "ptrcopy.go", "lim.Inner = Inner{Max: n}"},
		},
	},
	{
		// A field read against a whole-value write: the other side
		// names the path it touches.
		name:    "pathprefix/unguarded",
		pattern: "pathprefix",
		diag:    `^cfg.Greeting read without holding cfgMu;`,
		accesses: []relatedEntry{
			{"cfgMu held here", "pathprefix.go", "\tcfg = c"},
			{"cfg written here by goroutine started in main", "pathprefix.go", "\tcfg = c"},
		},
	},
	{
		// The read outside the channel lock: the other side is the
		// write under both locks (DESIGN §1 "lockset at an
		// instruction": channel locks).
		name:    "chansema/peek",
		pattern: "chansema",
		diag:    `^cfg.cur.mtime read without holding cfg.mu;`,
		accesses: []relatedEntry{
			{"cfg.mu held here", "chansema.go", "\tc.cur = s"},
			{"cfg.cur written here by goroutine started in watch", "chansema.go", "\tc.cur = s"},
		},
	},
	{
		// A test calls a fooLocked helper without its lock while its
		// goroutine writes: reported at the call, the guard held
		// where the helper's non-test callers hold it.
		name:    "testcallers/testcall",
		pattern: "testcallers",
		diag:    `^cfg2 read without holding cfg2Mu;`,
		accesses: []relatedEntry{
			{"cfg2Mu held here", "main.go", "return cfg2 // ok"},
			{"cfg2 written here by goroutine started in TestCfg2Race", "main.go", "\tcfg2 = s"},
		},
	},
	{
		// Two paths of one global read in one function: one report,
		// the other line in Related.
		name:    "pathprefix/onefix",
		pattern: "pathprefix",
		diag:    `^cfg.Port read without holding cfgMu;`,
		accesses: []relatedEntry{
			{"cfgMu held here", "pathprefix.go", "\tcfg = c"},
			{"cfg written here by goroutine started in main", "pathprefix.go", "\tcfg = c"},
			{"cfg.Greeting also read here without holding cfgMu", "pathprefix.go", "g := cfg.Greeting"},
		},
	},
	{
		// One wronglock for the three accesses of fire, the others
		// in Related.
		name:    "instanceonly/collapsed",
		pattern: "instanceonly",
		diag:    `^hook accessed holding only the instance lock`,
		accesses: []relatedEntry{
			{"hook also accessed here holding only an instance lock", "instanceonly.go", "hook()     // ok"},
			{"hook also accessed here holding only an instance lock", "instanceonly.go", "hook = nil // ok"},
		},
	},
	{
		name:    "instancetest/collapsed",
		pattern: "instancetest",
		diag:    `^beforeEvict accessed holding only the instance lock`,
		accesses: []relatedEntry{
			{"beforeEvict also accessed here holding only an instance lock", "instancetest.go", "beforeEvict()     // ok"},
			{"beforeEvict also accessed here holding only an instance lock", "instancetest.go", "beforeEvict = nil // ok"},
		},
	},
	{
		name:    "declsingle",
		pattern: "declsingle",
		diag:    `^mu guards hits,`,
		spawns: []relatedEntry{
			{"goroutine started in main starts here", "declsingle.go", "go worker()"},
		},
		accesses: []relatedEntry{
			{"hits written here holding mu", "declsingle.go", `hits = append(hits, "worker")`},
			{"hits written here holding mu", "declsingle.go", `hits = append(hits, "main")`},
		},
	},
	{
		name:    "twogo",
		pattern: "twogo",
		diag:    `^mu guards seen,`,
		spawns: []relatedEntry{
			{"goroutine started in startA starts here", "twogo.go", "go func() {"},
			{"goroutine started in startB starts here", "twogo.go", `go add("b")`},
		},
		accesses: []relatedEntry{
			// One function (add) accesses seen, whichever context runs it.
			{"seen written here holding mu", "twogo.go", "seen[k] = true"},
		},
	},
	{
		name:    "httphandler/hits",
		pattern: "httphandler",
		diag:    `^mu guards hits,`,
		spawns: []relatedEntry{
			{"HTTP handler handleHits starts here", "httphandler.go", `http.HandleFunc("/hits", handleHits)`},
		},
		accesses: []relatedEntry{
			{"hits written here holding mu", "httphandler.go", "hits[r.URL.Path]++"},
		},
	},
	{
		name:    "httphandler/visits",
		pattern: "httphandler",
		diag:    `^mu3 guards visits,`,
		spawns: []relatedEntry{
			{"HTTP handler handleA starts here", "httphandler.go", `mux.HandleFunc("/a", handleA)`},
			{"HTTP handler handleB starts here", "httphandler.go", `mux.Handle("/b", http.HandlerFunc(handleB))`},
		},
		accesses: []relatedEntry{
			{"visits written here holding mu3", "httphandler.go", `visits["a"]++`},
			{"visits written here holding mu3", "httphandler.go", `visits["b"]++`},
		},
	},
	{
		// A handler registered through a middleware starts at the
		// registration, not at the enclosing function's name.
		name:    "middleware/sessions",
		pattern: "middleware",
		diag:    `^muS guards sessions,`,
		spawns: []relatedEntry{
			{"HTTP handler login (through track) starts here", "middleware.go", `mux.HandleFunc("/login", track(login))`},
		},
		accesses: []relatedEntry{
			{"sessions written here holding muS", "middleware.go", `sessions[r.FormValue("user")] = "token"`},
		},
	},
	{
		// What the middlewares return runs in the handler context.
		name:    "middleware/hits",
		pattern: "middleware",
		diag:    `^muH guards hits,`,
		spawns: []relatedEntry{
			{"HTTP handler report (through audit) starts here", "middleware.go", `mux.Handle("/audit", audit(report))`},
			{"HTTP handler report (through track) starts here", "middleware.go", `mux.HandleFunc("/nested", track(logged(report)))`},
		},
		accesses: []relatedEntry{
			{"hits written here holding muH", "middleware.go", "hits[r.URL.Path]++"},
			{"hits written here holding muH", "middleware.go", `hits["logged"]++`},
		},
	},
	{
		name:    "middleware/literal",
		pattern: "middleware",
		diag:    `^muL guards lines,`,
		spawns: []relatedEntry{
			{"HTTP handler func literal in main starts here", "middleware.go", `mux.HandleFunc("/lines", func(`},
		},
		accesses: []relatedEntry{
			{"lines written here holding muL", "middleware.go", "lines = append(lines, r.URL.Path)"},
		},
	},
	{
		name:    "afterfunc",
		pattern: "afterfunc",
		diag:    `^mu guards pending,`,
		spawns: []relatedEntry{
			{"timer callback in main starts here", "afterfunc.go", "time.AfterFunc(time.Second, flush)"},
		},
		accesses: []relatedEntry{
			{"pending written here holding mu", "afterfunc.go", "pending = pending[:0]"},
			{"pending written here holding mu", "afterfunc.go", `pending = append(pending, "job")`},
		},
	},
	{
		name:    "rwlock",
		pattern: "rwlock",
		diag:    `^rw guards table,`,
		spawns: []relatedEntry{
			{"goroutine started in main starts here", "rwlock.go", "go func() {"},
		},
		accesses: []relatedEntry{
			{"table written here holding rw", "rwlock.go", "table[k] = v"},
			// get only reads, under RLock.
			{"table read here holding rw", "rwlock.go", "return table[k]"},
		},
	},
	{
		name:    "countandmap",
		pattern: "countandmap",
		diag:    `^mu guards sessions,`,
		spawns: []relatedEntry{
			{"goroutine started in main starts here", "countandmap.go", "go func() {"},
		},
		accesses: []relatedEntry{
			{"sessions written here holding mu", "countandmap.go", "sessions[id] = user"},
			// closeSession reads sessions before it deletes from it: the
			// entry prefers the write.
			{"sessions written here holding mu", "countandmap.go", "delete(sessions, id)"},
		},
		// Whether the count nsessions gets entries is not pinned down.
		subset: true,
	},
}

// TestRelated checks the Related entries of the shared diagnostics listed
// in relatedCases. Mismatches with `// want` comments are TestAnalyzer's to
// report; here they are dropped.
func TestRelated(t *testing.T) {
	for _, rc := range relatedCases {
		t.Run(rc.name, func(t *testing.T) {
			t.Parallel()
			results := analysistest.Run(loadErrorsOnly{t}, testdata, analyzer.Analyzer, rc.pattern)
			checkDiagnostics(t, results)
			res, d := findDiagnostic(t, results, rc.diag)
			if d == nil {
				return
			}
			fset := res.Action.Package.Fset
			spawns := resolve(t, rc.pattern, rc.spawns)
			accesses := resolve(t, rc.pattern, rc.accesses)
			got := make([]entry, len(d.Related))
			for i, rel := range d.Related {
				got[i] = entryAt(fset, rel.Pos, rel.Message)
			}
			if rc.subset {
				checkSubset(t, got, spawns, accesses)
			} else {
				checkExact(t, got, spawns, accesses)
			}
		})
	}
}

// entry is a Related entry reduced to what the tests compare.
type entry struct {
	msg  string
	file string // base name
	line int
}

func (e entry) String() string { return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.msg) }

// entryAt returns the entry for a Related message at pos.
func entryAt(fset *token.FileSet, pos token.Pos, msg string) entry {
	if !pos.IsValid() {
		return entry{msg: msg, file: "<no position>"}
	}
	p := fset.Position(pos)
	return entry{msg: msg, file: filepath.Base(p.Filename), line: p.Line}
}

// resolve turns expected entries into entries with line numbers, found by
// the code each names, so that the expectations survive edits above them.
func resolve(t *testing.T, pattern string, want []relatedEntry) []entry {
	t.Helper()
	var out []entry
	for _, w := range want {
		path := filepath.Join(testdata, "src", filepath.FromSlash(pattern), w.file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		line := 0
		for i, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, w.at) {
				if line != 0 {
					t.Fatalf("%s: %q occurs on lines %d and %d; make it unique", path, w.at, line, i+1)
				}
				line = i + 1
			}
		}
		if line == 0 {
			t.Fatalf("%s: %q not found", path, w.at)
		}
		out = append(out, entry{msg: w.msg, file: w.file, line: line})
	}
	return out
}

// checkExact checks that got holds the spawn and access entries and
// nothing else, in position order.
func checkExact(t *testing.T, got, spawns, accesses []entry) {
	t.Helper()
	want := append(slices.Clone(spawns), accesses...)
	if len(got) != len(want) || !sameSet(got, want) {
		t.Errorf("got %d Related entries:\n%s\nwant %d (in position order):\n%s",
			len(got), list(got), len(want), list(want))
		return
	}
	checkOrder(t, got)
}

// checkSubset checks that every spawn and access entry occurs in got, and
// that got is in position order.
func checkSubset(t *testing.T, got, spawns, accesses []entry) {
	t.Helper()
	for _, w := range append(slices.Clone(spawns), accesses...) {
		if !slices.Contains(got, w) {
			t.Errorf("missing Related entry %s; got:\n%s", w, list(got))
		}
	}
	checkOrder(t, got)
}

// checkOrder checks that Related entries come in position order: by file,
// then line (entries on one line go by column, which entry does not keep).
func checkOrder(t *testing.T, got []entry) {
	t.Helper()
	if !slices.IsSortedFunc(got, compareLines) {
		t.Errorf("Related entries out of position order:\n%s", list(got))
	}
}

// compareLines orders entries by file, then line.
func compareLines(a, b entry) int {
	if c := strings.Compare(a.file, b.file); c != 0 {
		return c
	}
	return a.line - b.line
}

// sameSet reports whether a and b hold the same entries, ignoring order.
func sameSet(a, b []entry) bool {
	cmp := func(x, y entry) int { return strings.Compare(x.String(), y.String()) }
	a, b = slices.Clone(a), slices.Clone(b)
	slices.SortFunc(a, cmp)
	slices.SortFunc(b, cmp)
	return slices.Equal(a, b)
}

// list formats entries one per line.
func list(es []entry) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "\t%s\n", e)
	}
	return b.String()
}

// findDiagnostic returns the only diagnostic whose message matches rx, and
// the result that holds it.
func findDiagnostic(t *testing.T, results []*analysistest.Result, rx string) (*analysistest.Result, *analysis.Diagnostic) {
	t.Helper()
	re := regexp.MustCompile(rx)
	var (
		res   *analysistest.Result
		found *analysis.Diagnostic
		all   []string
	)
	for _, r := range results {
		if r.Action == nil {
			continue
		}
		for i, d := range r.Action.Diagnostics {
			all = append(all, d.Message)
			if !re.MatchString(d.Message) {
				continue
			}
			if found != nil {
				if found.Message == d.Message && found.Pos == d.Pos {
					continue // the same package analysed again as its test variant
				}
				t.Errorf("two diagnostics match %#q: %q and %q", rx, found.Message, d.Message)
				return nil, nil
			}
			res, found = r, &r.Action.Diagnostics[i]
		}
	}
	if found == nil {
		t.Errorf("no diagnostic matches %#q; got %q", rx, all)
	}
	return res, found
}

// sharedMessage matches the three message forms of the shared category.
var sharedMessage = regexp.MustCompile(`^\S+ guards .+(; give (it|them) one owner goroutine reached over a channel|; keep the RWMutex or publish immutable copies via atomic\.Pointer|; consider sync\.OnceValue)$`)

// directiveMessage matches the messages of the directive category.
var directiveMessage = regexp.MustCompile(`^(chanown:ignore needs a reason|chanown:ignore suppresses nothing|unknown chanown directive "chanown:[^"]*")$`)

// checkDiagnostics checks what holds for every diagnostic: it has a known
// Category (the one its message form belongs to), lies in a file of the
// analysed package, and its Related entries have positions.
func checkDiagnostics(t *testing.T, results []*analysistest.Result) {
	t.Helper()
	for _, r := range results {
		if r.Action == nil || r.Action.Package == nil {
			continue
		}
		pkg := r.Action.Package
		for _, d := range r.Action.Diagnostics {
			posn := pkg.Fset.Position(d.Pos)
			if !slices.Contains(analyzer.Categories, d.Category) {
				t.Errorf("%v: diagnostic %q has Category %q, want one of %q", posn, d.Message, d.Category, analyzer.Categories)
			}
			if sharedMessage.MatchString(d.Message) && d.Category != analyzer.CategoryShared {
				t.Errorf("%v: diagnostic %q has Category %q, want %q", posn, d.Message, d.Category, analyzer.CategoryShared)
			}
			if directiveMessage.MatchString(d.Message) && d.Category != analyzer.CategoryDirective {
				t.Errorf("%v: diagnostic %q has Category %q, want %q", posn, d.Message, d.Category, analyzer.CategoryDirective)
			}
			if !slices.Contains(pkg.CompiledGoFiles, posn.Filename) {
				t.Errorf("%v: diagnostic %q lies outside the files of package %s", posn, d.Message, pkg.ID)
			}
			for _, rel := range d.Related {
				if !rel.Pos.IsValid() {
					t.Errorf("%v: diagnostic %q has a Related entry %q without a position", posn, d.Message, rel.Message)
				}
			}
		}
	}
}

// loadErrorsOnly passes on analysistest's errors except mismatches with
// `// want` comments, which TestAnalyzer already reports.
type loadErrorsOnly struct{ t *testing.T }

// expectationErrors are the forms of analysistest's mismatch errors.
var expectationErrors = []string{
	": unexpected diagnostic: ",
	" does not match pattern ",
	": no diagnostic was reported matching ",
}

func (l loadErrorsOnly) Errorf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	for _, s := range expectationErrors {
		if strings.Contains(msg, s) {
			return
		}
	}
	l.t.Helper()
	l.t.Error(msg)
}
