package analyzer

import (
	"encoding/gob"
	"fmt"
	"go/build"
	"go/types"
	"iter"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

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
// reported as shared, and which of its globals are reference counts.
type pkgFact struct {
	Module   string
	Version  string
	Reported []string
	Counts   []string
}

// AFact implements analysis.Fact.AFact.
func (*pkgFact) AFact() {}

// String summarises the fact for analysistest's fact expectations.
func (f *pkgFact) String() string {
	return fmt.Sprintf("chanown(module %q; reported %s; counts %s)", f.Module, strings.Join(f.Reported, ","), strings.Join(f.Counts, ","))
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
		root := filepath.Join(build.Default.GOROOT, "src") + string(filepath.Separator)
		if strings.HasPrefix(name, root) {
			return moduleID{path: stdModule}
		}
	}
	return moduleID{}
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

// summaryOf returns the summary of fn: computed for source functions,
// built from the fact of an imported function.
func (pc *passContext) summaryOf(fn *ssa.Function) *summary {
	if fn == nil {
		return nil
	}
	if s, ok := pc.summaries[fn]; ok {
		return s
	}
	var s *summary
	if ff := pc.factOf(fn); ff != nil {
		s = &summary{releaser: ff.Releaser}
		for _, l := range ff.Acquires {
			s.acquired = s.acquired.with(l.ID, l.Read)
		}
		s.released = ff.Releases
		for _, p := range ff.CallsParam {
			if s.paramCalls == nil {
				s.paramCalls = map[int]lockset{}
			}
			s.paramCalls[p.Param] = toLockset(p.Locks)
		}
		for _, i := range ff.SpawnsParam {
			setFlag(&s.spawnsParam, i)
		}
	}
	pc.summaries[fn] = s
	return s
}

// factOf returns the fact of an imported function, or nil.
func (pc *passContext) factOf(fn *ssa.Function) *funcFact {
	if fn == nil || pc.isSource[fn] {
		return nil
	}
	obj := funcObj(fn)
	if obj == nil || obj.Pkg() == nil || obj.Pkg() == pc.pass.Pkg {
		return nil
	}
	if ff, ok := pc.facts[obj]; ok {
		return ff
	}
	ff := new(funcFact)
	if !pc.pass.ImportObjectFact(obj, ff) {
		ff = nil
	} else {
		pc.factPkg[ff] = obj.Pkg()
		pc.registerFactLocks(ff, obj.Pkg())
	}
	pc.facts[obj] = ff
	return ff
}

// toLockset converts fact locks into a lockset.
func toLockset(ls []factLock) lockset {
	var out lockset
	for _, l := range ls {
		out = out.with(l.ID, l.Read)
	}
	return out
}

// toFactLocks converts the global locks of ls into fact locks.
func (pc *passContext) toFactLocks(ls lockset) []factLock {
	var out []factLock
	for _, h := range ls {
		if !isInstanceLock(h.id) {
			l := pc.globals.lockOf(h.id)
			out = append(out, factLock{ID: h.id, Read: h.read, RW: l != nil && l.rw})
		}
	}
	return out
}

// globalIDs keeps the global lock ids of ids.
func globalIDs(ids []string) []string {
	return slices.DeleteFunc(slices.Clone(ids), isInstanceLock)
}

// exportFacts exports a fact for every exported function that names a
// global or lock of this module, or runs or starts a func parameter, and a
// package fact when the package has guarded globals or function facts.
func (pc *passContext) exportFacts(reported []string, counts []string) {
	if pc.pass.Pkg.Name() == "main" {
		return // nothing imports a main package
	}
	pc.counts = counts
	exported := false
	for _, fn := range pc.funcs {
		if !isExportedFunc(fn) || pc.inTestFile(fn) {
			continue
		}
		ff := pc.funcFactOf(fn)
		if ff == nil {
			continue
		}
		if obj := funcObj(fn); obj != nil {
			pc.pass.ExportObjectFact(obj, ff)
			exported = true
		}
	}
	if pc.globals.module.path == stdModule {
		// No package of std reports another's globals (globalTable.ours),
		// so a package fact would only make importers build SSA.
		return
	}
	if exported || len(pc.globals.locks) > 0 {
		// Reports made by imports are passed on, so that a lock is
		// reported once along an import chain.
		for id, ours := range pc.reportedByImports() {
			if ours {
				reported = append(reported, id)
			}
		}
		slices.Sort(reported)
		slices.Sort(counts)
		pc.pass.ExportPackageFact(&pkgFact{
			Module: pc.globals.module.path, Version: pc.globals.module.version,
			Reported: slices.Compact(reported), Counts: slices.Compact(counts),
		})
	}
}

// funcFactOf computes the fact of the exported function fn, or nil if it
// would say nothing.
func (pc *passContext) funcFactOf(fn *ssa.Function) *funcFact {
	ff := &funcFact{}
	reached := pc.reach([]*ssa.Function{fn}, nil)
	ff.Accesses = pc.factAccesses(func(yield func(*access) bool) {
		for f := range reached {
			for _, a := range pc.byFn[f] {
				if !yield(a) {
					return
				}
			}
		}
	})
	if s := pc.summaries[fn]; s != nil {
		ff.Acquires = pc.toFactLocks(s.acquired)
		ff.Releases = globalIDs(s.released)
		ff.Releaser = globalIDs(s.releaser)
		for i := range len(fn.Params) {
			if ls, ok := s.paramCalls[i]; ok {
				ff.CallsParam = append(ff.CallsParam, factParam{i, pc.toFactLocks(ls)})
			}
			if s.spawnsParam[i] {
				ff.SpawnsParam = append(ff.SpawnsParam, i)
			}
		}
	}
	for _, c := range pc.contexts {
		if c.site == nil || !reached[c.siteFn] || c.test {
			continue
		}
		accs := pc.factAccesses(pc.accessesOf(c))
		if len(accs) == 0 {
			continue
		}
		kind, start := c.kindText, ""
		if c.nameFn != nil {
			start = pc.pass.Pkg.Path() + "." + funcName(c.nameFn)
		}
		if c.start != nil {
			// Started by an imported function: keep its name.
			kind, start = c.start.Kind, c.start.Func
		}
		ff.Starts = append(ff.Starts, factStart{
			Kind: kind, Func: start, Multiple: c.multiple, Accesses: accs,
		})
	}
	if pc.globals.module.path == stdModule {
		// Globals and locks of std are never reported from another
		// package (globalTable.ours); only the wrappers matter.
		*ff = funcFact{CallsParam: ff.CallsParam, SpawnsParam: ff.SpawnsParam}
	}
	// A function exports a fact when it names a global or lock, or
	// starts or calls under a lock a func parameter (DESIGN §5 "Facts"):
	// calling one in place without a lock is what chanown assumes of a
	// function it knows nothing of (unknownCaller), so alone it is no
	// fact.
	lockedCall := slices.ContainsFunc(ff.CallsParam, func(p factParam) bool { return len(p.Locks) > 0 })
	if len(ff.Accesses)+len(ff.Acquires)+len(ff.Releases)+len(ff.Releaser)+len(ff.SpawnsParam)+len(ff.Starts) == 0 && !lockedCall {
		return nil
	}
	return ff
}

// accessesOf yields the accesses whose ctxs list c: those it makes in the
// functions it reaches and, for a context an imported function starts,
// those its fact lists. Each function's facts ask this of the contexts it
// starts; scanning every access of the package for c instead was
// quadratic in the package's size (docs/performance.md, finding 5).
func (pc *passContext) accessesOf(c *goContext) iter.Seq[*access] {
	return func(yield func(*access) bool) {
		for a := range pc.reachedAccesses(c) {
			if !yield(a) {
				return
			}
		}
		for _, a := range c.startAccesses {
			if !yield(a) {
				return
			}
		}
	}
}

// factAccesses returns accs, deduplicated and sorted, as fact accesses.
// The result does not depend on the order of accs (the callers yield
// from maps): equal entries are dropped and the rest sorted by all their
// fields.
func (pc *passContext) factAccesses(accs iter.Seq[*access]) []factAccess {
	if pc.lockedUnits == nil {
		// Facts name only globals that some access holds a global
		// lock at: the only ones a guard can protect.
		pc.lockedUnits = map[*unit]bool{}
		for _, a := range pc.accesses {
			if holdsGlobalLock(a) {
				pc.lockedUnits[a.unit] = true
			}
		}
	}
	index := map[string]int{}
	var out []factAccess
	for a := range accs {
		if !pc.lockedUnits[a.unit] || isTestFile(pc.pass.Fset, a.pos) {
			continue
		}
		reported := a.upstream || a.reported
		fa := factAccess{Global: a.unit.key, Write: a.write, Locks: pc.toFactLocks(a.locks), Shape: pc.shapeOf(a.unit), Reported: reported}
		k := fa.Global + fmt.Sprint(fa.Write) + locksString(fa.Locks)
		if i, ok := index[k]; ok {
			// Reported only if every access of the kind was.
			out[i].Reported = out[i].Reported && reported
			continue
		}
		index[k] = len(out)
		out = append(out, fa)
	}
	slices.SortFunc(out, func(x, y factAccess) int {
		if c := strings.Compare(x.Global, y.Global); c != 0 {
			return c
		}
		if x.Write != y.Write {
			if x.Write {
				return 1
			}
			return -1
		}
		return strings.Compare(locksString(x.Locks), locksString(y.Locks))
	})
	return out
}

// importedAccesses records the accesses that calling an imported function
// with a fact makes, with the caller's locks added.
func (pc *passContext) importedAccesses(fn *ssa.Function, instr ssa.Instruction, ff *funcFact, locks lockset) {
	inside := ""
	if c, ok := instr.(ssa.CallInstruction); ok {
		if callee := pc.staticCallee(c.Common()); callee != nil && callee.Pkg != nil {
			inside = pc.globals.show(callee.Pkg.Pkg.Path() + "." + funcName(callee))
		}
	}
	for _, fa := range ff.Accesses {
		u := pc.foreignUnit(fa, pc.factPkg[ff])
		if u == nil {
			continue
		}
		a := &access{unit: u, fn: fn, instr: instr, pos: sitePos(instr), write: fa.Write, locks: locks.union(toLockset(fa.Locks)), viaFact: true, upstream: fa.Reported,
			inside: inside, callerLocks: locks}
		u.refs = append(u.refs, a)
		pc.accesses = append(pc.accesses, a)
	}
}

// foreignUnit returns the unit of the global that fact access fa, from a
// fact of a function of package owner, names; nil if it is not of this
// module or not data.
func (pc *passContext) foreignUnit(fa factAccess, owner *types.Package) *unit {
	gt := pc.globals
	if u, ok := gt.units[fa.Global]; ok {
		return u
	}
	if obj, fields := gt.lookup(fa.Global); obj != nil {
		return gt.unitByID(obj, fields, fa.Global)
	}
	// Not visible here (go vet's export data): the fact says what it
	// is, and the owner's facts name only globals of the owner's module.
	obj := gt.synthetic(fa.Global)
	if obj == nil || owner == nil || !gt.ours(owner) {
		gt.units[fa.Global] = nil
		return nil
	}
	u := &unit{key: fa.Global, obj: obj, typ: fa.Shape.typ(), foreign: true, shape: fa.Shape, synthetic: true}
	gt.units[fa.Global] = u
	return u
}

// factLocks registers the global locks of a fact, from a fact of a
// function of package owner.
func (pc *passContext) factLocks(ls []factLock, owner *types.Package) {
	for _, l := range ls {
		gt := pc.globals
		if _, ok := gt.locks[l.ID]; ok {
			continue
		}
		if obj, _ := gt.lookup(l.ID); obj != nil {
			gt.lockOf(l.ID)
			continue
		}
		obj := gt.synthetic(l.ID)
		if obj == nil || owner == nil || !gt.ours(owner) {
			gt.locks[l.ID] = nil
			continue
		}
		gt.locks[l.ID] = &globalLock{id: l.ID, obj: obj, rw: l.RW, foreign: true}
	}
}

// registerFactLocks registers every global lock that fact ff of a
// function of package owner names, before anything looks them up.
func (pc *passContext) registerFactLocks(ff *funcFact, owner *types.Package) {
	for _, a := range ff.Accesses {
		pc.factLocks(a.Locks, owner)
	}
	pc.factLocks(ff.Acquires, owner)
	for _, p := range ff.CallsParam {
		pc.factLocks(p.Locks, owner)
	}
	for _, st := range ff.Starts {
		for _, a := range st.Accesses {
			pc.factLocks(a.Locks, owner)
		}
	}
	for _, id := range slices.Concat(ff.Releases, ff.Releaser) {
		pc.factLocks([]factLock{{ID: id}}, owner)
	}
}

// typ returns a type with the properties the analysis asks of a
// global's type, for a global known only from a fact.
func (s factShape) typ() types.Type {
	switch s & shapeKind {
	case shapeInt:
		return types.Typ[types.Int]
	case shapePointer:
		return types.NewPointer(types.NewStruct(nil, nil))
	case shapeAliasing:
		return types.NewSlice(types.Typ[types.Int])
	}
	return types.NewStruct(nil, nil)
}

// shapeOf returns the fact shape of unit u.
func (pc *passContext) shapeOf(u *unit) factShape {
	if u.synthetic {
		return u.shape
	}
	var s factShape
	switch t := u.typ.Underlying().(type) {
	case *types.Basic:
		if t.Info()&types.IsInteger != 0 {
			s = shapeInt
		}
	case *types.Pointer:
		s = shapePointer
	case *types.Map, *types.Slice:
		s = shapeAliasing
	}
	if u.foreign && pc.isCount(u) || !u.foreign && slices.Contains(pc.counts, u.key) {
		s |= shapeCount
	}
	return s
}
