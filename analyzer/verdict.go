package analyzer

import (
	"cmp"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// The classification stage (DESIGN §2, §5): for every unit, its guard,
// whether it is shared, a reference count, a refcounted resource or only
// lazily initialised; units grouped by guard. Its product, the verdict,
// is what shared.go and race.go report from.

// A group is the set of units whose guard is one lock.
type group struct {
	lock  *globalLock
	units []*unitFacts
}

// unitFacts is what the analysis concluded about a unit.
type unitFacts struct {
	u        *unit
	live     []*access // non-initialisation accesses, without test contexts
	guard    *globalLock
	shared   bool
	count    bool // a reference count
	resource bool // a refcounted resource
	lazy     bool // only lazily initialised
	ctxs     []*goContext
	race     []*access // like live, with test contexts and test files

	// testGuard marks a guard chosen from test files' accesses (the unit
	// is written only there): for the race tier only, never shared.
	testGuard bool
	// inherited marks a unit without writes of its own whose guard is
	// that of a unit on its path (cfg.Greeting read, cfg = c written
	// under cfgMu): it touches the same memory, so it is evidence and a
	// race-tier candidate, but the shared report does not name it.
	inherited bool
	// kin are the other units on the unit's path (ancestors and
	// descendants: cfg and cfg.Greeting) with the same guard. Paths
	// conflict with their prefixes (DESIGN §5).
	kin []*unitFacts
}

// conflicting returns the accesses that may conflict with the unit's:
// its own and its kin's, race-tier view.
func (f *unitFacts) conflicting() []*access {
	return f.withKin(func(u *unitFacts) []*access { return u.race })
}

// liveWithKin returns the unit's and its kin's non-initialisation
// accesses without test contexts.
func (f *unitFacts) liveWithKin() []*access {
	return f.withKin(func(u *unitFacts) []*access { return u.live })
}

// withKin returns the accesses that view selects of the unit and of each
// of its kin.
func (f *unitFacts) withKin(view func(*unitFacts) []*access) []*access {
	if len(f.kin) == 0 {
		return view(f)
	}
	out := slices.Clone(view(f))
	for _, k := range f.kin {
		out = append(out, view(k)...)
	}
	return out
}

// A verdict is what the classification stage concluded: every unit's
// facts in unit order, and the groups of units with a guard, in the
// order of their first unit.
type verdict struct {
	units  []*unitFacts
	groups []*group
}

// newClassifier returns the classifier of stage 7 over the products of
// stages 2–6.
func newClassifier(pass *analysis.Pass, prog *program, globals *globalTable, cg *callGraph, cs *contextSet, set *accessSet, imports *factImporter) *classifier {
	return &classifier{pass: pass, prog: prog, globals: globals, graph: cg, ctxs: cs, accs: set, imports: imports}
}

// classify decides guards, groups, sharing, reference counts,
// refcounted resources and lazy initialisation (DESIGN §2, §5).
func (cl *classifier) classify() *verdict {
	notGuards := cl.semaphores()
	for _, a := range cl.accs.accesses {
		if !a.write || len(a.ctxs) == 0 || !isPointer(a.unit.typ) {
			continue
		}
		// A pointer global reassigned while goroutines run: the locks
		// behind it, the one it points to included (lock =
		// &sync.RWMutex{}), are not global locks (DESIGN §5 "Lock
		// shapes").
		for id := range cl.globals.locks {
			if id == a.unit.key || strings.HasPrefix(id, a.unit.key+".") {
				notGuards[id] = true
			}
		}
	}
	var facts []*unitFacts
	for _, u := range cl.sortedUnits() {
		f := &unitFacts{u: u}
		// Test files never make a global shared; they count as
		// contexts for the race tier only (DESIGN §5 "Test files").
		f.live = orderedAfterWait(cl.view(cl.accs.byUnit[u], false))
		f.race = orderedAfterWait(cl.view(cl.accs.byUnit[u], true))
		if slices.ContainsFunc(f.live, isWrite) {
			f.guard = cl.chooseGuard(f, f.live, notGuards)
		} else if slices.ContainsFunc(f.race, isWrite) {
			// Written only by test code: a guard for the race tier,
			// whose reports go in the test files; f.live has no
			// context that makes it shared.
			f.guard = cl.chooseGuard(f, f.race, notGuards)
			f.testGuard = true
		}
		f.ctxs = contextsOf(f.live)
		f.shared = f.guard != nil && !f.testGuard && (len(f.ctxs) >= 2 || len(f.ctxs) == 1 && f.ctxs[0].multiple)
		f.count = f.guard != nil && cl.isCount(u)
		facts = append(facts, f)
	}
	linkPaths(facts)
	groups := map[*globalLock]*group{}
	var order []*group
	for _, f := range facts {
		if f.guard == nil {
			continue
		}
		g := groups[f.guard]
		if g == nil {
			g = &group{lock: f.guard}
			groups[f.guard] = g
			order = append(order, g)
		}
		g.units = append(g.units, f)
	}
	for _, g := range order {
		cl.classifyGroup(g)
	}
	return &verdict{units: facts, groups: order}
}

// linkPaths gives units on one path (cfg, cfg.Greeting) the same memory
// (DESIGN §5 "Paths conflict with their prefixes"): a unit with accesses
// but no guard takes the guard of its nearest ancestor that has one,
// else of its first descendant that has one; each unit then lists as kin
// the units on its path with its guard, and its sharing counts theirs.
// Ancestors are found by cutting the key at dots, descendants through
// the ancestors' lists: O(units × path depth).
func linkPaths(facts []*unitFacts) {
	byKey := map[string]*unitFacts{}
	for _, f := range facts {
		byKey[f.u.key] = f
	}
	ancestors := func(f *unitFacts) []*unitFacts {
		var out []*unitFacts
		for key := f.u.key; ; {
			i := strings.LastIndex(key, ".")
			if i < 0 {
				return out
			}
			key = key[:i]
			if a := byKey[key]; a != nil {
				out = append(out, a) // nearest first
			}
		}
	}
	descendants := map[*unitFacts][]*unitFacts{}
	for _, f := range facts {
		for _, a := range ancestors(f) {
			descendants[a] = append(descendants[a], f)
		}
	}
	for _, f := range facts {
		if f.guard != nil || len(f.race) == 0 {
			continue
		}
		for _, r := range append(ancestors(f), descendants[f]...) {
			if r.guard != nil && !r.inherited {
				f.guard, f.inherited = r.guard, true
				break
			}
		}
	}
	for _, f := range facts {
		if f.guard == nil {
			continue
		}
		for _, r := range append(ancestors(f), descendants[f]...) {
			if r.guard == f.guard {
				f.kin = append(f.kin, r)
			}
		}
		if len(f.kin) > 0 && !f.inherited && !f.testGuard {
			// Kin that are reference counts do not make the unit
			// shared: a struct of counters, reset and read whole
			// under its mutex, is still counters.
			live := slices.Clone(f.live)
			for _, k := range f.kin {
				if !k.count {
					live = append(live, k.live...)
				}
			}
			f.ctxs = contextsOf(live)
			f.shared = len(f.ctxs) >= 2 || len(f.ctxs) == 1 && f.ctxs[0].multiple
		}
	}
}

// isWrite reports whether a is a write.
func isWrite(a *access) bool { return a.write }

// view returns copies of the accesses in refs that some context makes
// after its setup, each with only the contexts that count: for the race
// tier every context, otherwise only contexts that exist without test
// files, and no accesses in test files.
func (cl *classifier) view(refs []*access, withTests bool) []*access {
	var out []*access
	for _, a := range refs {
		if !withTests && isTestFile(cl.pass.Fset, a.pos) {
			continue
		}
		ctxs := a.ctxs
		if !withTests {
			ctxs = slices.DeleteFunc(slices.Clone(ctxs), func(c *goContext) bool { return c.test })
		}
		if len(ctxs) == 0 {
			continue
		}
		cp := *a
		cp.ctxs = ctxs
		cp.orig = a
		out = append(out, &cp)
	}
	return out
}

// sortedUnits returns the units in declaration order.
func (cl *classifier) sortedUnits() []*unit {
	var us []*unit
	for _, u := range cl.globals.units {
		if u != nil && len(cl.accs.byUnit[u]) > 0 {
			us = append(us, u)
		}
	}
	slices.SortFunc(us, func(a, b *unit) int {
		// Positions of another package's globals depend on the
		// driver (source or export data), so those come after this
		// package's, by name.
		if a.foreign != b.foreign {
			if a.foreign {
				return 1
			}
			return -1
		}
		if !a.foreign {
			if c := comparePos(cl.pass.Fset, a.pos, b.pos); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.key, b.key)
	})
	return us
}

// semaphores returns the global locks that some context unlocks without
// holding them: they order events and guard nothing (DESIGN §1).
func (cl *classifier) semaphores() map[string]bool {
	out := map[string]bool{}
	for _, e := range cl.accs.unlocks {
		// An unlock helper called by its lockers is not a semaphore;
		// a function nobody in the package calls (a goroutine body, a
		// handler, an entry) unlocks on behalf of another context.
		called := false
		for _, u := range cl.graph.uses[e.fn] {
			if u.kind != useOther {
				called = true
			}
		}
		if !called {
			out[e.id] = true
		}
	}
	return out
}

// chooseGuard returns the guard of a unit (DESIGN §1 "guard"): the global
// lock held at the most writes; on a tie the mutex hat, then the lock
// held at the most accesses (once per statement), then the one declared
// first, counting the accesses as.
func (cl *classifier) chooseGuard(f *unitFacts, as []*access, notGuards map[string]bool) *globalLock {
	type score struct {
		l              *globalLock
		writes, access int
	}
	scores := map[string]*score{}
	type stmt struct {
		fn   any
		line int
	}
	seen := map[string]map[stmt]bool{}
	for _, a := range as {
		line := cl.pass.Fset.Position(a.pos).Line
		for _, h := range a.locks {
			if isInstanceLock(h.id) || notGuards[h.id] {
				continue
			}
			l := cl.globals.locks[h.id]
			if l == nil {
				continue
			}
			s := scores[h.id]
			if s == nil {
				s = &score{l: l}
				scores[h.id] = s
				seen[h.id] = map[stmt]bool{}
			}
			if a.write {
				s.writes++
			}
			if k := (stmt{a.fn, line}); !seen[h.id][k] {
				seen[h.id][k] = true
				s.access++
			}
		}
	}
	if id := cl.imports.ownerGuard(f.u); id != "" && !notGuards[id] {
		// Another package of the module declares the unit and chose
		// its guard from all of its own accesses, which this package
		// sees only through the facts of the functions it calls: that
		// choice stands, and this package's accesses are judged
		// against it (DESIGN §4).
		if l := cl.globals.locks[id]; l != nil {
			return l
		}
	}
	hat, home := cl.globals.hat(f.u), splitPath(f.u.key)
	var best *score
	for _, s := range scores {
		if best == nil || cl.better(s.l, best.l, s.writes, best.writes, s.access, best.access, hat, home) {
			best = s
		}
	}
	if best == nil {
		return nil
	}
	return best.l
}

// better reports whether lock a beats lock b as a guard of a global of
// package home, whose mutex hat is hat.
func (cl *classifier) better(a, b *globalLock, aw, bw, aa, ba int, hat, home string) bool {
	if aw != bw {
		return aw > bw
	}
	if (a.id == hat) != (b.id == hat) {
		return a.id == hat
	}
	if aa != ba {
		return aa > ba
	}
	// A lock of the global's own package: another package's lock held
	// at every access is held around a call of the owner's functions
	// (service.Dial of grpc holds its mu while it creates a channel,
	// which channelz registers under its own db.mu).
	if ah, bh := splitPath(a.id) == home, splitPath(b.id) == home; ah != bh {
		return ah
	}
	// As in sortedUnits, another package's positions are not compared.
	// Declared first by file name and offset (comparePos): token.Pos
	// across files follows the driver's parse order, and a guard chosen
	// by it flickered between runs (zap's _encoderMutex).
	if !a.foreign && !b.foreign {
		if c := comparePos(cl.pass.Fset, a.obj.Pos(), b.obj.Pos()); c != 0 {
			return c < 0
		}
	}
	return a.id < b.id
}

// contextsOf returns the contexts that make the accesses, caller context
// first and spawned contexts in source order (seq: cl.ctxs.contexts follows the
// package's files and declarations, unlike token.Pos across files).
func contextsOf(as []*access) []*goContext {
	var out []*goContext
	for _, a := range as {
		for _, c := range a.ctxs {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b *goContext) int {
		if (a.kind == ctxCaller) != (b.kind == ctxCaller) {
			if a.kind == ctxCaller {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.seq, b.seq)
	})
	return out
}

// classifyGroup marks the refcounted resources and lazily initialised
// units of g.
func (cl *classifier) classifyGroup(g *group) {
	counts := map[string]bool{}
	for _, f := range g.units {
		if f.count {
			counts[f.u.key] = true
		}
	}
	for _, f := range g.units {
		if f.count {
			continue
		}
		// A resource's writes are decided by a count comparison (open
		// on 0→1, close on 1→0), or open it lazily where it is found
		// nil (if t.p == nil { t.p = open() }; t.n++), which the close
		// on the count undoes; one at least is decided by the count.
		resource, byCount, lazy := len(counts) > 0, false, true
		for _, a := range f.live {
			if !a.write {
				continue
			}
			isLazy := isLazyInit(a, cl.graph.addrRef)
			if resource {
				switch {
				case decidedByCount(a, counts, cl.graph.addrRef):
					byCount = true
				case !isLazy:
					resource = false
				}
			}
			if lazy && !isLazy {
				lazy = false
			}
		}
		f.resource, f.lazy = resource && byCount, lazy
	}
}

// isReadMostly reports whether g is a read-mostly group (DESIGN §5): its
// lock is an RWMutex, every write holds it with Lock and every read with
// RLock (a function that writes the group may read it under Lock, as a
// registry checks for a duplicate before it adds), and the group is
// either written by one context that is not multiple, or read in more
// functions than it is written (registries filled by Register* calls and
// read on every request). Functions that only read count as readers; a
// function that writes is a writer, whatever else it does.
func isReadMostly(g *group) bool {
	if !g.lock.rw {
		return false
	}
	id := g.lock.id
	writers := map[*ssa.Function]bool{}
	var writerCtxs []*goContext
	for _, f := range g.units {
		for _, a := range f.live {
			if !a.write {
				continue
			}
			if held, read := a.locks.has(id); !held || read {
				return false
			}
			writers[a.fn] = true
			for _, c := range a.ctxs {
				if !slices.Contains(writerCtxs, c) {
					writerCtxs = append(writerCtxs, c)
				}
			}
		}
	}
	readers := map[*ssa.Function]bool{}
	for _, f := range g.units {
		for _, a := range f.live {
			if a.write {
				continue
			}
			held, read := a.locks.has(id)
			if !held || !read && !writers[a.fn] {
				return false
			}
			if !writers[a.fn] {
				readers[a.fn] = true
			}
		}
	}
	if len(readers) == 0 {
		return false
	}
	oneWriter := len(writerCtxs) == 1 && !writerCtxs[0].multiple
	return oneWriter || len(readers) > len(writers)
}

// isPointer reports whether t is a pointer type.
func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// isCount reports whether u is a reference count; for another package's
// global, its package fact says.
func (cl *classifier) isCount(u *unit) bool {
	if !u.foreign {
		return isRefCount(u, cl.accs.byUnit[u], cl.addressTaken(), cl.graph.addrRef)
	}
	if u.synthetic {
		return u.shape&shapeCount != 0
	}
	var pf pkgFact
	return cl.pass.ImportPackageFact(u.obj.Pkg(), &pf) && slices.Contains(pf.Counts, u.key)
}

// orderedAfterWait drops from live the accesses that follow a Wait on the
// group that started every other context accessing the unit (DESIGN §5
// "Happens-before"), or a receive on the channel that each of them, a
// goroutine started once, sends on or closes as its last action
// (joinChan).
func orderedAfterWait(live []*access) []*access {
	return slices.DeleteFunc(slices.Clone(live), func(a *access) bool {
		waits := waitsBefore(a.instr)
		if len(waits) == 0 {
			return false
		}
		var others []*goContext
		for _, b := range live {
			for _, c := range b.ctxs {
				if !slices.Contains(a.ctxs, c) && !slices.Contains(others, c) {
					others = append(others, c)
				}
			}
		}
		if len(others) == 0 {
			return false
		}
		for _, w := range waits {
			if !slices.ContainsFunc(others, func(c *goContext) bool { return !sameGroup(c.group, w) && !joinedOn(c, w) }) {
				return true
			}
		}
		return false
	})
}

// joinedOn reports whether the receive on ch joins c: c is a goroutine
// started once whose last action sends on or closes ch.
func joinedOn(c *goContext, ch ssa.Value) bool {
	return c.joinCh != nil && c.joinCh == ch && !c.multiple
}

// A classifier is stage 7: it reads the earlier products and decides
// the verdict (classify); the diagnostics and the facts ask it again
// about reference counts and semaphores. Its one cache fills lazily.
type classifier struct {
	pass    *analysis.Pass
	prog    *program
	globals *globalTable
	graph   *callGraph
	ctxs    *contextSet
	accs    *accessSet
	imports *factImporter

	addrTaken map[string]bool // paths whose address escapes a load or store; see addressTaken
}
