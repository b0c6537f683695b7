package analyzer

import (
	"fmt"
	"go/token"
	"go/types"
	"iter"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// The exporter side of facts (DESIGN §4): the last stage of the
// pipeline, which summarises this package's exported functions and
// its reports for its importers.

// toFactLocks converts the global locks of ls into fact locks.
func (ex *exporter) toFactLocks(ls lockset) []factLock {
	var out []factLock
	for _, h := range ls {
		if !isInstanceLock(h.id) && !isChanLock(h.id) {
			l := ex.globals.lockOf(h.id)
			out = append(out, factLock{ID: h.id, Read: h.read, RW: l != nil && l.rw})
		}
	}
	return out
}

// globalIDs keeps the global lock ids of ids: channel locks stay in
// their package (chanlock.go).
func globalIDs(ids []string) []string {
	return slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return isInstanceLock(id) || isChanLock(id) })
}

// exportFacts exports a fact for every exported function that names a
// global or lock of this module, or runs or starts a func parameter, and a
// package fact when the package has guarded globals, function facts, an
// exported global lock, or interface methods it calls on goroutines of
// its own (exportedInvokes).
func (ex *exporter) exportFacts(v *verdict, reported []string, counts []string) {
	if ex.pass.Pkg.Name() == "main" {
		return // nothing imports a main package
	}
	ex.counts = counts
	exported := false
	for _, fn := range ex.prog.funcs {
		if !isExportedFunc(fn) || isTestFile(ex.pass.Fset, fn.Pos()) {
			continue
		}
		ff := ex.funcFactOf(fn)
		if ff == nil {
			continue
		}
		if obj := funcObj(fn); obj != nil {
			ex.pass.ExportObjectFact(obj, ff)
			exported = true
		}
	}
	if ex.globals.module.path == stdModule {
		// No package of std reports another's globals (globalTable.ours),
		// so a package fact would only make importers build SSA.
		return
	}
	// An exported global lock may be taken by importers themselves
	// (dep.RW.Lock(); dep.Hits[k]++), even when this package has no
	// code that uses it: the package fact is what tells them that its
	// globals are of their module (globalTable.ours), so that they add
	// their own accesses and locks to its units (DESIGN §4).
	invokes := withPassed(ex.exportedInvokes(), passedInvokes(ex.pass, ex.globals.module))
	if exported || len(ex.globals.locks) > 0 || exportsGlobalLock(ex.pass.Pkg) || len(invokes) > 0 {
		// Reports made by imports are passed on, so that a lock is
		// reported once along an import chain.
		for id, ours := range ex.imports.reportedByImports() {
			if ours {
				reported = append(reported, id)
			}
		}
		slices.Sort(reported)
		slices.Sort(counts)
		ex.pass.ExportPackageFact(&pkgFact{
			Module: ex.globals.module.path, Version: ex.globals.module.version,
			Reported: slices.Compact(reported), Counts: slices.Compact(counts),
			Guards: ex.exportedGuards(v), Invokes: invokes,
		})
	}
}

// exportedGuards returns the guards chosen here for this package's
// globals that importers can name: a path of exported names
// ("Registry", "State.Items"), with a guard of this package decided from
// accesses outside tests. They are what an importer that accesses the
// global directly needs to judge its own accesses (ownerGuard); every
// other unit stays out, to keep the fact small. Sorted by global.
func (ex *exporter) exportedGuards(v *verdict) []factGuard {
	var out []factGuard
	prefix := ex.pass.Pkg.Path() + "."
	for _, f := range v.units {
		if f.guard == nil || f.testGuard || f.inherited || f.u.foreign || f.guard.foreign {
			continue
		}
		path, ok := strings.CutPrefix(f.u.key, prefix)
		if !ok || !allExported(strings.Split(path, ".")) {
			continue
		}
		out = append(out, factGuard{Global: f.u.key, Lock: factLock{ID: f.guard.id, RW: f.guard.rw}})
	}
	slices.SortFunc(out, func(a, b factGuard) int { return strings.Compare(a.Global, b.Global) })
	return out
}

// allExported reports whether every name is exported.
func allExported(names []string) bool {
	return !slices.ContainsFunc(names, func(n string) bool { return !token.IsExported(n) })
}

// exportsGlobalLock reports whether an exported package-level variable
// of pkg holds a mutex that importers can lock: a lock, or a struct with
// one on a path of exported fields (embedded sync.Mutex included).
func exportsGlobalLock(pkg *types.Package) bool {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok && v.Exported() && exportedLockIn(v.Type(), 0) {
			return true
		}
	}
	return false
}

// exportedLockIn reports whether t is a mutex, or a struct (or pointer
// to one) that holds one on a path of exported fields, at most depth 3:
// a lock deeper than that is not a package's API. The depth bounds the
// walk, which follows only struct fields and one pointer per level.
func exportedLockIn(t types.Type, depth int) bool {
	if isLockType(t) {
		return true
	}
	if depth >= 3 {
		return false
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	s, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range s.Fields() {
		if f.Exported() && exportedLockIn(f.Type(), depth+1) {
			return true
		}
	}
	return false
}

// funcFactOf computes the fact of the exported function fn, or nil if it
// would say nothing.
func (ex *exporter) funcFactOf(fn *ssa.Function) *funcFact {
	ff := &funcFact{}
	reached := ex.ctxs.reach([]*ssa.Function{fn}, nil, !ex.ctxs.inTestFile(fn))
	ff.Accesses = ex.factAccesses(func(yield func(*access) bool) {
		for f := range reached {
			for _, a := range ex.accs.byFn[f] {
				if !yield(a) {
					return
				}
			}
		}
	})
	if s := ex.flows.summaries[fn]; s != nil {
		ff.Acquires = ex.toFactLocks(s.acquired)
		ff.Releases = globalIDs(s.released)
		ff.Releaser = globalIDs(s.releaser)
		for i := range len(fn.Params) {
			if ls, ok := s.paramCalls[i]; ok {
				ff.CallsParam = append(ff.CallsParam, factParam{i, ex.toFactLocks(ls)})
			}
			if s.spawnsParam[i] {
				ff.SpawnsParam = append(ff.SpawnsParam, i)
			}
		}
	}
	for _, c := range ex.ctxs.contexts {
		if c.site == nil || !reached[c.siteFn] || c.test {
			continue
		}
		accs := ex.factAccesses(ex.accessesOf(c))
		if len(accs) == 0 {
			continue
		}
		kind, start := c.kindText, ""
		if c.nameFn != nil {
			start = ex.pass.Pkg.Path() + "." + funcName(c.nameFn)
		}
		if c.start != nil {
			// Started by an imported function: keep its name.
			kind, start = c.start.Kind, c.start.Func
		}
		ff.Starts = append(ff.Starts, factStart{
			Kind: kind, Func: start, Multiple: c.multiple, Accesses: accs,
		})
	}
	ff.Invokes = ex.reachedInvokes(reached)
	if ex.globals.module.path == stdModule {
		// Globals and locks of std are never reported from another
		// package (globalTable.ours); only the wrappers matter.
		*ff = funcFact{CallsParam: ff.CallsParam, SpawnsParam: ff.SpawnsParam}
	}
	// A function exports a fact when it names a global or lock, starts
	// or calls under a lock a func parameter, or calls a method of its
	// module's interface (DESIGN §5 "Facts"): calling a func
	// parameter in place without a lock is what chanown assumes of a
	// function it knows nothing of (unknownCaller), so alone it is no
	// fact.
	lockedCall := slices.ContainsFunc(ff.CallsParam, func(p factParam) bool { return len(p.Locks) > 0 })
	if len(ff.Accesses)+len(ff.Acquires)+len(ff.Releases)+len(ff.Releaser)+len(ff.SpawnsParam)+len(ff.Starts)+len(ff.Invokes) == 0 && !lockedCall {
		return nil
	}
	return ff
}

// accessesOf yields the accesses whose ctxs list c: those it makes in the
// functions it reaches and, for a context an imported function starts,
// those its fact lists. Each function's facts ask this of the contexts it
// starts; scanning every access of the package for c instead was
// quadratic in the package's size (docs/performance.md, finding 5).
func (ex *exporter) accessesOf(c *goContext) iter.Seq[*access] {
	return func(yield func(*access) bool) {
		for a := range ex.accs.reachedAccesses(c) {
			if !yield(a) {
				return
			}
		}
		for _, a := range ex.accs.startAccesses[c] {
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
func (ex *exporter) factAccesses(accs iter.Seq[*access]) []factAccess {
	if ex.lockedUnits == nil {
		// Facts name only globals that some access holds a global
		// lock at, or whose declaring package named their guard: the
		// only ones a guard can protect.
		ex.lockedUnits = map[*unit]bool{}
		for _, a := range ex.accs.accesses {
			if holdsGlobalLock(a) || ex.imports.ownerGuard(a.unit) != "" {
				ex.lockedUnits[a.unit] = true
			}
		}
	}
	index := map[string]int{}
	var out []factAccess
	for a := range accs {
		if !ex.lockedUnits[a.unit] || isTestFile(ex.pass.Fset, a.pos) {
			continue
		}
		reported := a.upstream || a.reported
		fa := factAccess{Global: a.unit.key, Write: a.write, Locks: ex.toFactLocks(a.locks), Shape: ex.shapeOf(a.unit), Reported: reported}
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

// shapeOf returns the fact shape of unit u.
func (ex *exporter) shapeOf(u *unit) factShape {
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
	if u.foreign && ex.cls.isCount(u) || !u.foreign && slices.Contains(ex.counts, u.key) {
		s |= shapeCount
	}
	return s
}

// An exporter is stage 9: it builds the facts importers read from the
// products of stages 2–7 and what the diagnostics reported
// (exportFacts), keeping what its steps share.
type exporter struct {
	pass    *analysis.Pass
	prog    *program
	globals *globalTable
	graph   *callGraph
	flows   *lockFlow
	ctxs    *contextSet
	accs    *accessSet
	cls     *classifier
	imports *factImporter

	lockedUnits map[*unit]bool                 // units accessed holding a global lock
	counts      []string                       // this package's reference counts
	invokeMemo  map[*ssa.Function][]factInvoke // lazy: fnInvokes
}
