package analyzer

import (
	"cmp"
	"encoding/gob"
	"fmt"
	"go/build"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// This file holds the facts' wire format and the same-module rule
// (DESIGN §4, §5 "Modules"). factimport.go reads imported facts;
// factexport.go, the last stage, writes this package's.

// A funcFact summarises an exported function for the packages that
// import it (DESIGN §4): the globals it accesses (closed over its
// callees) with the global locks held, its lock effects, the callbacks it
// runs under a lock or starts, and the contexts it starts. Globals and
// locks are named by qualified ids: "example.com/a.st.m".
type funcFact struct {
	Accesses    []factAccess
	Acquires    []factLock
	Releases    []string
	Releaser    []string
	CallsParam  []factParam
	SpawnsParam []int
	Starts      []factStart
	Invokes     []factInvoke
}

// A factAccess is an access of a global with the locks held. Reported
// says that every such access was reported by the race tier of the
// package that declares it, or of a package further up: importers use it
// as evidence only (DESIGN §5 "One report per fix").
type factAccess struct {
	Global   string
	Write    bool
	Locks    []factLock
	Shape    factShape
	Reported bool
}

// A factLock is a held lock.
type factLock struct {
	ID   string
	Read bool
	RW   bool // the lock is a sync.RWMutex
}

// A factShape says what an importer must know of a global that a fact
// names but that it may not be able to look up: under go vet an imported
// package's types come from export data, which holds no unexported names
// and only the packages that the exported API mentions, so the
// standalone driver (which type-checks from source) would otherwise see
// more than go vet.
type factShape uint8

const (
	shapeOther    factShape = iota
	shapeInt                // an integer
	shapePointer            // a pointer
	shapeAliasing           // a map or slice
	shapeKind     factShape = 0x7

	shapeCount factShape = 0x8 // its package decided it is a reference count
)

// A factParam records that func parameter Param is called with Locks held.
type factParam struct {
	Param int
	Locks []factLock
}

// A factStart is a context the function starts, and what it accesses.
type factStart struct {
	Kind     string // the context name without its function: "goroutine started in"
	Func     string // the function that starts it, qualified
	Multiple bool
	Accesses []factAccess
}

// A factInvoke is an interface method call that importers may implement:
// a method of an exported interface of the caller's module (DESIGN §1
// "reach"). In a funcFact it says that the function, or a function it
// runs, calls the method; in a pkgFact, that the package calls it on
// goroutines of its own, in the context named Context (multiple when
// Multiple), or passes on what a direct import's package fact says: then
// From and Name name the package whose goroutines call it.
type factInvoke struct {
	Iface    string // the interface, qualified: "example.com/p.Handler"
	Method   string
	Context  string // pkgFact only
	Multiple bool   // pkgFact only
	From     string // pkgFact only: the calling package's path when passed on, else ""
	Name     string // pkgFact only: the calling package's name when passed on
}

// key identifies the method of an invoke.
func (v factInvoke) key() string { return v.Iface + "." + v.Method }

// compareInvokes orders invokes by key.
func compareInvokes(a, b factInvoke) int { return cmp.Compare(a.key(), b.key()) }

// AFact implements analysis.Fact.AFact.
func (*funcFact) AFact() {}

// String summarises the fact for analysistest's fact expectations.
func (f *funcFact) String() string {
	var parts []string
	for _, a := range f.Accesses {
		verb := "reads"
		if a.Write {
			verb = "writes"
		}
		part := verb + " " + a.Global + locksString(a.Locks)
		if a.Reported {
			part += " (reported)"
		}
		parts = append(parts, part)
	}
	for _, l := range f.Acquires {
		parts = append(parts, "acquires "+l.ID)
	}
	for _, id := range f.Releases {
		parts = append(parts, "releases "+id)
	}
	for _, id := range f.Releaser {
		parts = append(parts, "returns releaser of "+id)
	}
	for _, p := range f.CallsParam {
		parts = append(parts, fmt.Sprintf("calls param %d%s", p.Param, locksString(p.Locks)))
	}
	for _, i := range f.SpawnsParam {
		parts = append(parts, fmt.Sprintf("spawns param %d", i))
	}
	for _, s := range f.Starts {
		parts = append(parts, fmt.Sprintf("starts %s %s (%d accesses)", s.Kind, s.Func, len(s.Accesses)))
	}
	for _, v := range f.Invokes {
		parts = append(parts, "invokes "+v.key())
	}
	return "chanown(" + strings.Join(parts, "; ") + ")"
}

// locksString formats held locks: " under mu, rw(R)".
func locksString(ls []factLock) string {
	if len(ls) == 0 {
		return ""
	}
	var s []string
	for _, l := range ls {
		if l.Read {
			s = append(s, l.ID+"(R)")
		} else {
			s = append(s, l.ID)
		}
	}
	return " under " + strings.Join(s, ", ")
}

// A pkgFact says which module a package belongs to, which of its locks it
// reported as shared, which of its globals are reference counts, and the
// guards it chose for the globals importers can name (exported paths):
// an importer that accesses such a global directly, without the
// package's functions, judges its accesses against that guard even when
// none of them holds it (DESIGN §4); and the interface methods it calls
// on goroutines of its own, which start a context at an importer's
// implementation (DESIGN §1 "reach").
type pkgFact struct {
	Module   string
	Version  string
	Reported []string
	Counts   []string
	Guards   []factGuard
	Invokes  []factInvoke // sorted by key
}

// A factGuard is the guard a package chose for one of its globals.
type factGuard struct {
	Global string
	Lock   factLock
}

// AFact implements analysis.Fact.AFact.
func (*pkgFact) AFact() {}

// String summarises the fact for analysistest's fact expectations.
func (f *pkgFact) String() string {
	s := fmt.Sprintf("chanown(module %q; reported %s; counts %s", f.Module, strings.Join(f.Reported, ","), strings.Join(f.Counts, ","))
	if len(f.Guards) > 0 {
		var gs []string
		for _, g := range f.Guards {
			gs = append(gs, g.Global+" by "+g.Lock.ID)
		}
		s += "; guards " + strings.Join(gs, ",")
	}
	for _, v := range f.Invokes {
		multiple := ""
		if v.Multiple {
			multiple = " (multiple)"
		}
		from := ""
		if v.From != "" {
			from = " of " + v.From
		}
		s += "; invokes " + v.key() + " in " + v.Context + multiple + from
	}
	return s + ")"
}

func init() {
	gob.Register(&funcFact{})
	gob.Register(&pkgFact{})
}

// A moduleID identifies a module for the same-module rule.
type moduleID struct {
	path, version string
}

// stdModule is the module of the standard library.
const stdModule = "std"

// passModule returns the module of the analysed package: its module, or
// std for the standard library, or the empty path (GOPATH mode).
func passModule(pass *analysis.Pass) moduleID {
	if pass.Module != nil && pass.Module.Path != "" {
		return moduleID{pass.Module.Path, pass.Module.Version}
	}
	if len(pass.Files) > 0 {
		name := pass.Fset.File(pass.Files[0].FileStart).Name()
		root := filepath.Join(goroot(), "src") + string(filepath.Separator)
		if goroot() != "" && strings.HasPrefix(name, root) {
			return moduleID{path: stdModule}
		}
	}
	return moduleID{}
}

// goroot returns the Go root whose src holds the standard library:
// go/build's default, which a chanown built with -trimpath does not know
// (runtime.GOROOT is empty there), and then the go command's. It is
// computed once per process: an environment constant, not analysis
// state.
var goroot = sync.OnceValue(func() string { return findGOROOT(build.Default.GOROOT) })

// findGOROOT returns known if it is not empty, and otherwise the GOROOT
// of the go command, or "" if it cannot run.
func findGOROOT(known string) string {
	if known != "" {
		return known
	}
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// moduleOf builds a moduleID from a fact's fields.
func moduleOf(path, version string) moduleID { return moduleID{path, version} }

// sameModule reports whether globals of module b may be reported in
// module a: the same module, or both "ours" (DESIGN §5 "Modules": a module
// with an empty version is the main module, a workspace member or a
// directory replacement). std is its own module.
func sameModule(a, b moduleID) bool {
	if a.path == b.path {
		return true
	}
	if a.path == stdModule || b.path == stdModule {
		return false
	}
	return a.version == "" && b.version == ""
}
