package analyzer

import (
	"go/token"
	"go/types"
	"iter"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// An access is a read or write of a unit in a function body, with the
// locks held there.
type access struct {
	unit  *unit
	fn    *ssa.Function
	instr ssa.Instruction
	pos   token.Pos
	write bool
	locks lockset
	// cond are the locks held conditionally at the access (ssa.go flow,
	// condHeld), through the callers too: on some path, and no path
	// without them is known to reach it. The race tier does not claim
	// "without holding" a guard held conditionally (racehold.go
	// condHeldAt).
	cond lockset
	// addr is the address or value the access goes through, from which
	// the race tier finds the pointers it loads on the way (race.go
	// loadedUnderGuard).
	addr ssa.Value
	// chans are the channel locks held (chanlock.go), kept apart from
	// locks: they never guard, they only order accesses (race.go
	// exclusive).
	chans lockset
	ctxs  []*goContext // contexts that make it; empty for initialisation
	orig  *access      // for a copy made by view, the access copied
	// preset marks an access made by a context an imported function
	// starts: its contexts are known from the fact, not from reach.
	preset bool
	// viaFact marks an access made inside an imported function, taken
	// from its fact and placed at the call.
	viaFact bool
	// upstream marks a viaFact or preset access that the package
	// declaring its function reported itself (its fact says so): the fix
	// is there, so it is evidence here but never reported again (DESIGN
	// §5 "One report per fix").
	upstream bool
	// reported marks an access that a race-tier diagnostic of this
	// package covers, as its primary position or in its Related list;
	// the facts pass it on (factAccess.Reported).
	reported bool
	// inside names, for a viaFact or preset access, the imported
	// function whose body makes it ("dep.Add"), and callerLocks holds
	// the locks the caller holds at the call: a lock of locks that is
	// not among them is held inside that function, not here.
	inside      string
	callerLocks lockset
}

// heldHere says where a, which holds lock (shown as lock), holds it:
// "mu held here", or "mu held inside dep.Add" when the imported function
// a was made in takes it and the caller does not hold it at the call.
func (a *access) heldHere(id, lock string) string {
	if a.inside != "" && !has(a.callerLocks, id) {
		return lock + " held inside " + a.inside
	}
	return lock + " held here"
}

// source returns the access a copy made by view was made from, or a.
func (a *access) source() *access {
	if a.orig != nil {
		return a.orig
	}
	return a
}

// An unlockEvent is an Unlock of a global lock that is not held.
type unlockEvent struct {
	id string
	fn *ssa.Function
}

// buildAccesses is stage 6: every access with its locks
// (collectAccesses), then the contexts that make it (assignContexts).
func buildAccesses(pass *analysis.Pass, k *apis, prog *program, globals *globalTable, cg *callGraph, lf *lockFlow, cs *contextSet, imports *factImporter) *accessSet {
	set := &accessSet{pass: pass, apis: k, prog: prog, globals: globals, graph: cg, flows: lf, ctxs: cs, imports: imports}
	set.collectAccesses()
	set.assignContexts()
	return set
}

// collectAccesses walks every function top-down (callers first), giving
// each function the locks its callers hold where that is known (closures
// called in place or deferred, callbacks of lock helpers, unexported
// functions whose every caller holds a lock), and records the accesses
// and lock events with their locksets.
func (set *accessSet) collectAccesses() {
	usesAt := map[ssa.Instruction][]*ssa.Function{}
	for fn, us := range set.graph.uses {
		for _, u := range us {
			usesAt[u.instr] = append(usesAt[u.instr], fn)
		}
	}
	set.entryLocks = map[*ssa.Function]lockset{}
	set.entryCond = map[*ssa.Function]lockset{}
	set.loadLocks = map[*ssa.UnOp]lockset{}
	pending := map[*ssa.Function]lockset{}
	// pendingSome holds the locks held, on every path or conditionally,
	// at every call seen so far: a call without a lock is a run of the
	// callee without it.
	pendingSome := map[*ssa.Function]lockset{}
	satisfied := map[*ssa.Function]map[ssa.Instruction]bool{}
	gates := newGateSet()
	var fnGates map[*ssa.Parameter]lockset // the gates of the function being walked
	contribute := func(callee *ssa.Function, instr ssa.Instruction, call *ssa.CallCommon, locks, cond lockset) {
		gates.contribute(callee, call, locks, fnGates)
		some := locks.union(cond)
		if prev, ok := satisfied[callee]; ok {
			if len(prev) > 0 {
				pending[callee] = pending[callee].meet(locks)
				pendingSome[callee] = pendingSome[callee].meet(some)
			}
		} else {
			satisfied[callee] = map[ssa.Instruction]bool{}
			pending[callee] = locks
			pendingSome[callee] = some
		}
		satisfied[callee][instr] = true
	}
	for i := len(set.graph.order) - 1; i >= 0; i-- {
		fn := set.graph.order[i]
		var entry, entryCond lockset
		fnGates = nil
		if set.inheritsLocks(fn) && len(satisfied[fn]) == distinctInstrs(set.callerUses(fn)) {
			entry = pending[fn]
			fnGates = gates.of(fn)
			for _, h := range pendingSome[fn] {
				if !has(entry, h.id) {
					entryCond = append(entryCond, h)
				}
			}
		}
		set.entryLocks[fn] = entry
		set.entryCond[fn] = entryCond
		fromTest := isTestFile(set.pass.Fset, fn.Pos())
		set.flows.flow(fn, entry, entryCond, fnGates, func(instr ssa.Instruction, call *ssa.CallCommon, deferred bool, locks, cond lockset) {
			for _, callee := range usesAt[instr] {
				if fromTest && !isTestFile(set.pass.Fset, callee.Pos()) {
					set.noteTestCall(fn, instr, callee, deferred, locks, cond)
					continue // judged by its non-test callers
				}
				for _, u := range set.graph.uses[callee] {
					if u.instr != instr {
						continue
					}
					switch {
					case u.kind == useCall && !deferred:
						contribute(callee, instr, call, locks, cond)
					case u.kind == useDefer && deferred:
						contribute(callee, instr, call, locks, cond)
					case u.kind == useCallback && !deferred && call != nil && runsAfterReturn(calleeObj(call)):
						// t.Cleanup(f): f runs once the caller has
						// returned, holding none of its locks.
						contribute(callee, instr, nil, nil, nil)
					case u.kind == useCallback && !deferred:
						s := set.flows.summaryOf(u.helper)
						if s == nil {
							// Nothing is known of the helper
							// (unknownCaller, or an interface method
							// or func value): it runs f in place.
							contribute(callee, instr, nil, locks, cond)
							continue
						}
						if under, ok := s.paramCalls[u.param]; ok {
							contribute(callee, instr, nil, locks.union(under), cond)
							continue
						}
						contribute(callee, instr, nil, nil, nil)
					}
				}
			}
			if _, isDefer := instr.(*ssa.Defer); isDefer != deferred {
				return // a Defer acts when it runs
			}
			set.recordInstr(fn, instr, call, locks, cond)
		})
	}
	set.testCallAccesses()
}

// own reports whether the access is the package's own: made by its code,
// not inside an imported function (viaFact) nor by a context an imported
// function starts (preset). Only its own accesses are race-tier reports
// of a package; the others are evidence (DESIGN §5 "One report per
// fix": the package that declares the function reports them).
func (a *access) own() bool { return !a.viaFact && !a.preset }

// inheritsLocks reports whether fn runs with the locks of its callers:
// every use of it is a call, a deferred call, or a callback passed to an
// in-package helper, and outside code cannot call it.
func (set *accessSet) inheritsLocks(fn *ssa.Function) bool {
	us := set.callerUses(fn)
	if len(us) == 0 || isExportedFunc(fn) || isServeHTTP(funcObj(fn)) {
		return false
	}
	if fn.Parent() == nil {
		if obj := funcObj(fn); obj == nil || obj.Name() == "main" || obj.Name() == "init" {
			return false
		}
	}
	for _, u := range us {
		if u.kind == useOther {
			return false
		}
	}
	return true
}

// callerUses returns the uses of fn that decide the locks it inherits:
// for a function outside test files only those outside test files, since
// such code is judged by its non-test callers (DESIGN §5 "Test files");
// test functions run one after another, and a test that calls a helper
// without its lock does not make the helper's accesses unguarded for
// everyone else.
func (set *accessSet) callerUses(fn *ssa.Function) []use {
	if isTestFile(set.pass.Fset, fn.Pos()) {
		return set.graph.uses[fn]
	}
	var out []use
	for _, u := range set.graph.uses[fn] {
		if !isTestFile(set.pass.Fset, u.instr.Parent().Pos()) {
			out = append(out, u)
		}
	}
	return out
}

// recordInstr records the accesses and lock events of instr.
func (set *accessSet) recordInstr(fn *ssa.Function, instr ssa.Instruction, call *ssa.CallCommon, locks, cond lockset) {
	if call != nil {
		set.recordCall(fn, instr, call, locks, cond)
	}
	if id, ok := set.flows.releasedChan(instr); ok && !has(locks, id) {
		set.unlocks = append(set.unlocks, unlockEvent{id, fn})
	}
	switch instr := instr.(type) {
	case *ssa.UnOp:
		if instr.Op != token.MUL {
			break
		}
		if _, ok := instr.Type().Underlying().(*types.Pointer); ok {
			// The race tier asks which locks were held where a pointer
			// was loaded (race.go loadedUnderGuard).
			set.loadLocks[instr] = locks
		}
		if !isNavigation(instr) {
			set.addAccess(fn, instr, instr.X, false, locks, cond)
		}
	case *ssa.Store:
		set.addAccess(fn, instr, instr.Addr, true, locks, cond)
	case *ssa.MapUpdate:
		set.addAccess(fn, instr, instr.Map, true, locks, cond)
	}
}

// recordCall records lock events and the accesses made by calling: a
// builtin that writes its argument (delete, clear, copy), or a function
// that stores through a pointer to a global (DESIGN §5 "Writes through
// calls").
func (set *accessSet) recordCall(fn *ssa.Function, instr ssa.Instruction, call *ssa.CallCommon, locks, cond lockset) {
	if _, isGo := instr.(*ssa.Go); isGo {
		return // arguments are evaluated here, but the call runs elsewhere
	}
	if op, addr := lockCall(call); op != opNone {
		if id, global := set.graph.lockID(addr); global {
			set.globals.lockOf(id)
			if (op == opUnlock || op == opRUnlock) && !has(locks, id) {
				set.unlocks = append(set.unlocks, unlockEvent{id, fn})
			}
		}
		return
	}
	if b, ok := call.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "delete", "clear", "copy":
			if len(call.Args) > 0 {
				set.addAccess(fn, instr, call.Args[0], true, locks, cond)
			}
		}
		return
	}
	callee := staticCallee(call)
	var s *summary
	if callee != nil {
		s = set.flows.summaryOf(callee)
		if ff := set.imports.factOf(callee); ff != nil {
			set.importedAccesses(fn, instr, ff, locks)
		}
	}
	if s != nil {
		for _, id := range s.released {
			if !has(locks, id) && !isInstanceLock(id) {
				set.unlocks = append(set.unlocks, unlockEvent{id, fn})
			}
		}
	}
	for k, arg := range call.Args {
		r, ok := set.graph.addrRef(arg)
		if !ok || r.global() == nil || r.hops > 0 || !r.exact {
			continue
		}
		if _, isAddr := arg.(*ssa.Global); !isAddr {
			if _, isField := arg.(*ssa.FieldAddr); !isField {
				continue // a loaded value, already recorded as a read
			}
		}
		write := s != nil && s.mutates[k]
		set.addAccess(fn, instr, arg, write, locks, cond)
	}
}

// isNavigation reports whether the load u only fetches a pointer global
// to select a field of its pointee (srv.mu, srv.m): the access is the
// selection, not the pointer.
func isNavigation(u *ssa.UnOp) bool {
	if _, ok := u.Type().Underlying().(*types.Pointer); !ok {
		return false
	}
	refs := u.Referrers()
	if refs == nil || len(*refs) == 0 {
		return false
	}
	for _, r := range *refs {
		if _, ok := r.(*ssa.FieldAddr); !ok {
			return false
		}
	}
	return true
}

// addAccess records an access of the memory v refers to (an address, or
// a map or slice value), if it is a unit of this package at most one
// pointer away, with the locks held on every path and conditionally.
func (set *accessSet) addAccess(fn *ssa.Function, instr ssa.Instruction, v ssa.Value, write bool, locks, cond lockset) {
	r, ok := set.graph.addrRef(v)
	if !ok || r.hops > 1 {
		return
	}
	u := set.globals.unitOf(r)
	if u == nil {
		return
	}
	// Operations on self-synchronised values are not guarded accesses;
	// storing a new value into the variable, and loading the variable
	// that such a store replaces, are (DESIGN §5).
	if set.apis.isSelfSync(u.typ) {
		switch instr.(type) {
		case *ssa.Store, *ssa.UnOp:
			if !r.exact || r.hops != 0 {
				return
			}
		default:
			return
		}
	}
	mutexes, chans := splitChanLocks(locks)
	condMutexes, _ := splitChanLocks(cond)
	a := &access{unit: u, fn: fn, instr: instr, pos: instrPos(instr, v), write: write, locks: mutexes, cond: condMutexes, addr: v, chans: chans}
	set.addRef(u, a)
	set.accesses = append(set.accesses, a)
}

// instrPos returns a position for an access: the instruction's, or its
// address operand's, or the enclosing function's.
func instrPos(instr ssa.Instruction, v ssa.Value) token.Pos {
	if p := instr.Pos(); p.IsValid() {
		return p
	}
	if i, ok := v.(ssa.Instruction); ok && i.Pos().IsValid() {
		return i.Pos()
	}
	if val, ok := instr.(ssa.Value); ok {
		if refs := val.Referrers(); refs != nil {
			for _, r := range *refs {
				if r.Pos().IsValid() {
					return r.Pos()
				}
			}
		}
	}
	return instr.Parent().Pos()
}

// assignContexts sets, for every access, the contexts that make it
// outside their setup.
func (set *accessSet) assignContexts() {
	set.startAccesses = map[*goContext][]*access{}
	// Contexts started by imported functions make the accesses their
	// facts list.
	for _, c := range set.ctxs.contexts {
		if c.start == nil {
			continue
		}
		for _, fa := range c.start.Accesses {
			u := set.imports.foreignUnit(fa, c.startPkg)
			if u == nil {
				continue
			}
			a := &access{unit: u, fn: c.siteFn, instr: c.site, pos: c.pos, write: fa.Write,
				locks: toLockset(fa.Locks), ctxs: []*goContext{c}, preset: true, viaFact: true, upstream: fa.Reported,
				inside: set.globals.show(c.start.Func)}
			set.addRef(u, a)
			set.accesses = append(set.accesses, a)
			set.startAccesses[c] = append(set.startAccesses[c], a)
		}
	}
	// Each context adds itself to the accesses of the functions it
	// reaches: O(Σ|reached| + accesses), where asking every context about
	// every access was quadratic in the package's size (docs/performance.md,
	// finding 5). Contexts go in order, so every a.ctxs lists them in the
	// order of set.ctxs.contexts.
	set.byFn = map[*ssa.Function][]*access{}
	for _, a := range set.accesses {
		if !a.preset {
			set.byFn[a.fn] = append(set.byFn[a.fn], a)
		}
	}
	for _, c := range set.ctxs.contexts {
		for a := range set.reachedAccesses(c) {
			a.ctxs = append(a.ctxs, c)
		}
	}
}

// reachedAccesses yields the accesses that context c makes in the source
// functions it reaches, outside its setup; with the preset accesses of a
// context an imported function starts (accessSet.startAccesses), these are the
// accesses whose ctxs list c. Valid once assignContexts has indexed the
// accesses.
func (set *accessSet) reachedAccesses(c *goContext) iter.Seq[*access] {
	return func(yield func(*access) bool) {
		for fn := range c.reached {
			for _, a := range set.byFn[fn] {
				if !c.setup[a.instr] && !yield(a) {
					return
				}
			}
		}
	}
}

// importedAccesses records the accesses that calling an imported function
// with a fact makes, with the caller's locks added.
func (set *accessSet) importedAccesses(fn *ssa.Function, instr ssa.Instruction, ff *funcFact, locks lockset) {
	inside := ""
	if c, ok := instr.(ssa.CallInstruction); ok {
		if callee := staticCallee(c.Common()); callee != nil && callee.Pkg != nil {
			inside = set.globals.show(callee.Pkg.Pkg.Path() + "." + funcName(callee))
		}
	}
	for _, fa := range ff.Accesses {
		u := set.imports.foreignUnit(fa, set.imports.factPkg[ff])
		if u == nil {
			continue
		}
		mutexes, chans := splitChanLocks(locks)
		a := &access{unit: u, fn: fn, instr: instr, pos: sitePos(instr), write: fa.Write, locks: mutexes.union(toLockset(fa.Locks)), chans: chans, viaFact: true, upstream: fa.Reported,
			inside: inside, callerLocks: mutexes}
		set.addRef(u, a)
		set.accesses = append(set.accesses, a)
	}
}

// addRef records a as an access of u, in collection order.
func (set *accessSet) addRef(u *unit, a *access) {
	if set.byUnit == nil {
		set.byUnit = map[*unit][]*access{}
	}
	set.byUnit[u] = append(set.byUnit[u], a)
}

// accessSet is the product of stage 6 (buildAccesses). It keeps the
// earlier products its stage reads.
type accessSet struct {
	pass    *analysis.Pass
	apis    *apis
	prog    *program
	globals *globalTable
	graph   *callGraph
	flows   *lockFlow
	ctxs    *contextSet
	imports *factImporter

	entryLocks map[*ssa.Function]lockset // locks held on entry, from callers
	entryCond  map[*ssa.Function]lockset // locks held conditionally on entry, from callers
	loadLocks  map[*ssa.UnOp]lockset     // locks held at each load of a pointer
	accesses   []*access
	byUnit     map[*unit][]*access // every access of each unit, in collection order; see addRef
	// startAccesses are, for a context an imported function starts,
	// the accesses its fact lists, which that context alone makes
	// (preset; set by assignContexts).
	startAccesses map[*goContext][]*access
	byFn          map[*ssa.Function][]*access // accesses not preset, by function, in order; set by assignContexts
	unlocks       []unlockEvent
	testCalls     []testCall // calls from test files to code outside them (testcalls.go)
}
