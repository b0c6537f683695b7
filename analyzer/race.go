package analyzer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"iter"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// raceDiagnostics returns the race-tier reports (DESIGN §2 D2–D4): the
// races the guards were meant to prevent. Categories do not overlap: a
// write under a read-held guard is only rlockwrite, an access under
// another lock is wronglock, one under no lock is unguarded.
func (dg *diagnoser) raceDiagnostics(facts []*unitFacts) []analysis.Diagnostic {
	var diags []analysis.Diagnostic
	first := map[pathKey]int{} // index in diags of the report for a key
	for _, f := range facts {
		if f.guard == nil {
			diags = append(diags, dg.instanceOnly(f)...)
			continue
		}
		diags = append(diags, dg.rlockWrites(f)...)
		if !raceShared(f.conflicting()) {
			continue
		}
		ds, fns := dg.unguarded(f)
		for i, d := range ds {
			// Paths of one global (cfg.a, cfg.a.b) in one function
			// under one guard are one fix: one report, the others
			// in its Related (DESIGN §5 "One report per fix").
			k := pathKey{fns[i], d.Category, f.u.obj, f.guard.id}
			if j, ok := first[k]; ok {
				also := func(d analysis.Diagnostic) analysis.RelatedInformation {
					return analysis.RelatedInformation{Pos: d.Pos, End: d.End, Message: alsoMessage(d.Message)}
				}
				if d.Pos < diags[j].Pos {
					// The first line in the source leads.
					d.Related = append(d.Related, also(diags[j]))
					diags[j] = d
				} else {
					diags[j].Related = append(diags[j].Related, also(d))
				}
				continue
			}
			first[k] = len(diags)
			diags = append(diags, d)
		}
		diags = append(diags, dg.escapes(f)...)
	}
	return diags
}

// alsoMessage turns the message of a report merged into another one into
// its Related entry: "cfg.Port read without holding mu; …" becomes
// "cfg.Port also read here without holding mu".
func alsoMessage(msg string) string {
	msg, _, _ = strings.Cut(msg, ";")
	for _, verb := range []string{" read ", " written ", " accessed "} {
		if g, rest, ok := strings.Cut(msg, verb); ok {
			return g + " also" + verb + "here " + rest
		}
	}
	return msg
}

// A pathKey identifies the race-tier reports that are one fix: one
// function, category, root global and guard.
type pathKey struct {
	fn    *ssa.Function
	cat   string
	root  *types.Var
	guard string
}

// raceShared reports whether the accesses are made by two contexts that
// can run at the same time, or by one that runs concurrently with itself.
// The caller context and test functions that do not call t.Parallel are
// one thread of control (DESIGN §5 "Test files": test functions are
// caller-context entries), so they alone share nothing.
func raceShared(as []*access) bool {
	ctxs := contextsOf(as)
	for i, x := range ctxs {
		for _, y := range ctxs[i:] {
			if concurrent(x, y) {
				return true
			}
		}
	}
	return false
}

// rlockWrites reports writes made while the guard is only read-held,
// with or without context evidence: an RLock already says readers run
// concurrently. One report per function, the other lines in Related.
func (dg *diagnoser) rlockWrites(f *unitFacts) []analysis.Diagnostic {
	show := dg.globals.show
	var as []*access
	for _, a := range dg.byUnit[f.u] {
		if !a.write || !a.own() {
			continue
		}
		if held, read := a.locks.has(f.guard.id); held && read {
			as = append(as, a)
		}
	}
	g, guard := show(f.u.key), show(f.guard.id)
	return dg.perFunction(f.u, as, func(a *access) analysis.Diagnostic {
		return analysis.Diagnostic{
			Category: CategoryRLockWrite,
			Message:  fmt.Sprintf("%s written while %s is only read-locked", g, guard),
		}
	}, g+" also written here while "+guard+" is only read-locked")
}

// perFunction returns one diagnostic per function for the accesses as of
// u, made by diag, at the function's first access in the source and with
// its other lines in Related, each with the message also. It marks every
// access it covers as reported.
func (dg *diagnoser) perFunction(u *unit, as []*access, diag func(*access) analysis.Diagnostic, also string) []analysis.Diagnostic {
	var order []*ssa.Function
	byFn := map[*ssa.Function][]*access{}
	for _, a := range as {
		if _, ok := byFn[a.fn]; !ok {
			order = append(order, a.fn)
		}
		byFn[a.fn] = append(byFn[a.fn], a)
	}
	var diags []analysis.Diagnostic
	for _, fn := range order {
		fas := byFn[fn]
		slices.SortStableFunc(fas, func(x, y *access) int { return cmp.Compare(x.pos, y.pos) })
		d := diag(fas[0])
		d.Pos, d.End = dg.exprRange(u, fas[0].pos)
		seen := map[int]bool{dg.pass.Fset.Position(d.Pos).Line: true}
		for _, x := range fas {
			x.source().reported = true
			xpos, _ := dg.exprRange(u, x.pos)
			if line := dg.pass.Fset.Position(xpos).Line; !seen[line] {
				seen[line] = true
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: xpos, Message: also})
			}
		}
		diags = append(diags, d)
	}
	return diags
}

// unguarded reports accesses made without the guard (wronglock when
// another lock is held), when another context also accesses the global
// and one of the two accesses is a write. Reports are collapsed to one
// per (global, function).
func (dg *diagnoser) unguarded(f *unitFacts) ([]analysis.Diagnostic, []*ssa.Function) {
	show := dg.globals.show
	type key struct {
		fn  *ssa.Function
		cat string
	}
	var order []key
	byKey := map[key][]*access{}
	other := map[*access]*access{}
	otherCtx := map[*access]*goContext{}
	sameCtx := map[*access]bool{}
	others := f.conflicting()
	for _, a := range f.race {
		held, read := a.locks.has(f.guard.id)
		if held && (!a.write || !read) || held && read && a.write {
			continue // guarded, or rlockwrite
		}
		if !held && condHeldAt(a, f.guard.id) {
			continue // held conditionally: no run is known to miss it here
		}
		if !a.own() {
			continue // reported where its function is declared, or evidence only
		}
		cat := CategoryUnguarded
		if len(a.locks) > 0 {
			cat = CategoryWrongLock
		}
		b, c, same := dg.conflict(a, others, f.guard.id)
		if b == nil {
			continue
		}
		other[a], otherCtx[a], sameCtx[a] = b, c, same
		k := key{a.fn, cat}
		if _, ok := byKey[k]; !ok {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], a)
	}
	var diags []analysis.Diagnostic
	var fns []*ssa.Function
	for _, k := range order {
		as := byKey[k]
		slices.SortStableFunc(as, func(x, y *access) int {
			if x.write != y.write {
				if x.write {
					return -1
				}
				return 1
			}
			return cmp.Compare(x.pos, y.pos)
		})
		a := as[0]
		pos, end := dg.exprRange(f.u, a.pos)
		d := analysis.Diagnostic{Pos: pos, End: end, Category: k.cat}
		b, c := other[a], otherCtx[a]
		name := c.name
		if sameCtx[a] {
			name = "another run of " + c.name
		}
		g, guard := show(f.u.key), show(f.guard.id)
		// The other side may touch another path of the same memory
		// (cfg = c against a read of cfg.Greeting): name it then.
		it := "it"
		if b.unit != f.u {
			it = show(b.unit.key)
		}
		if k.cat == CategoryWrongLock {
			d.Message = fmt.Sprintf("%s accessed holding %s but not its guard %s", g, show(a.locks[0].id), guard)
		} else if a.write {
			d.Message = fmt.Sprintf("%s written without holding %s; %s also %s %s", g, guard, name, agree(name, "accesses", "access"), it)
		} else {
			d.Message = fmt.Sprintf("%s read without holding %s; %s also %s %s", g, guard, name, agree(name, "writes", "write"), it)
		}
		if h := dg.heldAt(others, f.guard.id); h != nil {
			hpos, _ := dg.exprRange(f.u, h.pos)
			d.Related = append(d.Related, analysis.RelatedInformation{Pos: hpos, Message: h.heldHere(f.guard.id, guard)})
		}
		verb := "accessed"
		if b.write {
			verb = "written"
		}
		bpos, _ := dg.exprRange(b.unit, b.pos)
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: bpos, Message: fmt.Sprintf("%s %s here by %s", show(b.unit.key), verb, c.name)})
		for _, x := range as {
			x.source().reported = true
		}
		seen := map[int]bool{dg.pass.Fset.Position(a.pos).Line: true}
		for _, x := range as[1:] {
			if line := dg.pass.Fset.Position(x.pos).Line; !seen[line] {
				seen[line] = true
				xpos, _ := dg.exprRange(f.u, x.pos)
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: xpos, Message: fmt.Sprintf("%s also accessed here without %s", g, guard)})
			}
		}
		diags = append(diags, d)
		fns = append(fns, k.fn)
	}
	return diags, fns
}

// conflict returns an access in as that can run concurrently with a, one
// of the two being a write, the context that makes it, and whether that
// is another run of a's own context. An access in a
// non-test file conflicts only through contexts that exist without test
// files (DESIGN §5: race-tier reports caused by tests are placed in the
// _test.go file). An access through a pointer a loaded holding guard does
// not conflict with the pointer's stores (loadedUnderGuard). It prefers
// a write, by another context, at another access.
func (dg *diagnoser) conflict(a *access, as []*access, guard string) (best *access, bestCtx *goContext, same bool) {
	inTest := isTestFile(dg.pass.Fset, a.pos)
	rank := func(b *access, ca, cb *goContext) int {
		r := 0
		if b.write {
			r += 4
		}
		if ca != cb {
			r += 2
		}
		if b != a {
			r++
		}
		return r
	}
	bestRank := -1
	for _, b := range as {
		if !a.write && !b.write || !pathsConflict(a, b) || dg.loadedUnderGuard(a, b, guard) {
			continue
		}
		for _, ca := range a.ctxs {
			if ca.test && !inTest {
				continue
			}
			for _, cb := range b.ctxs {
				if cb.test && !inTest {
					continue
				}
				if !concurrent(ca, cb) || ca == cb && b == a && !a.write {
					continue
				}
				if ca == cb && ca.kind == ctxTest && !(dg.parallelBody(a, ca) && dg.parallelBody(b, ca)) {
					continue // a test function's own code runs beside no run of itself
				}
				if inTest && (ca.kind == ctxCaller || cb.kind == ctxCaller) {
					// A test binary never runs main, and the callers of
					// a library's exported functions there are its test
					// functions, contexts of their own: an access in a
					// test file meets them, not the caller context.
					continue
				}
				if inTest && cb.test && ca != cb && !shareTest(ca, cb) {
					// Test functions run one after another: a goroutine
					// another test starts is not known to outlive it
					// (it may be joined by a receive).
					continue
				}
				if inTest && !cb.test && ca != cb && startedByCallers(cb) {
					// A goroutine that production code starts when a
					// test calls it: whether it outlives that call is
					// not known (no join analysis across functions), and
					// test functions run one after another (DESIGN §5
					// "Test files"). Only contexts the test files start,
					// or that run independently of the callers, count.
					continue
				}
				if a.viaFact && b.viaFact && a.instr == b.instr {
					continue // both inside one imported call: its package's business
				}
				if dg.exclusive(a, b) {
					continue // both hold one lock
				}
				if dg.outsideJoin(a, ca, cb) || dg.outsideJoin(b, cb, ca) {
					continue // before the start or after the join
				}
				if dg.beforeEndlessSpawn(a, ca, cb) || dg.beforeEndlessSpawn(b, cb, ca) {
					continue // the caller is stuck in the spawning call
				}
				if b.write && dg.precedesSpawn(b, ca) || a.write && dg.precedesSpawn(a, cb) {
					continue
				}
				if r := rank(b, ca, cb); r > bestRank {
					best, bestCtx, same, bestRank = b, cb, ca == cb, r
				}
			}
		}
	}
	return best, bestCtx, same
}

// exclusive reports whether a and b both hold one lock, write-held by at
// least one of them: a global mutex, or a channel lock (chanlock.go),
// that no context releases without holding it (a semaphore orders events
// and guards nothing, DESIGN §1). They cannot run at the same time,
// whatever guard either misses: no race. Instance locks do not count,
// since two values of a type have two locks.
func (dg *diagnoser) exclusive(a, b *access) bool {
	if (len(a.chans) == 0 || len(b.chans) == 0) && (len(a.locks) == 0 || len(b.locks) == 0) {
		return false
	}
	if dg.semas == nil {
		dg.semas = dg.semaphores()
		// A channel lock received from anywhere without being held,
		// counting what the callers hold on entry, is a queue: unlike
		// a mutex unlock helper, a receive helper whose callers do not
		// all hold the channel does not make it a lock.
		for _, e := range dg.unlocks {
			if isChanLock(e.id) {
				dg.semas[e.id] = true
			}
		}
	}
	for _, h := range a.locks {
		if held, read := b.locks.has(h.id); held && !(h.read && read) && !isInstanceLock(h.id) && !dg.semas[h.id] {
			return true
		}
	}
	for _, h := range a.chans {
		if has(b.chans, h.id) && !dg.semas[h.id] {
			return true
		}
	}
	return false
}

// outsideJoin reports whether the access a, made by the context t,
// lies outside the span from the start of c, a context t joins, to its
// join (DESIGN §5 "Test files": a joined context is concurrent only with
// its test's own code between start and join; "Happens-before"): a is
// in c's site function where the site does not reach it without passing
// the join; or, for a test, in a function that runs c as a sequential
// subtest; or, for a parent that is one thread of control (not
// multiple), in a function that the span does not run (spanOf).
func (dg *diagnoser) outsideJoin(a *access, t, c *goContext) bool {
	if c.joinedBy != t || a.instr == nil || a.instr.Block() == nil {
		return false
	}
	if c.joinAtSite {
		return !t.multiple // t runs nothing of its own while the call that starts and joins c runs
	}
	if t.kind != ctxTest {
		if t.multiple {
			return false // another run of t may make a
		}
		span := dg.spanOf(c)
		if span[c.siteFn] {
			return false // the span runs the site's function again
		}
		if a.fn != c.siteFn {
			return !span[a.fn]
		}
	}
	if a.fn == c.siteFn {
		return !reachesAvoiding(c.site, a.instr, joinOf(c))
	}
	for fn := dg.subtestParent(c.siteFn); fn != nil; fn = dg.subtestParent(fn) {
		if fn == a.fn {
			return true
		}
	}
	return false
}

// spanOf returns the functions that c's parent runs between c's start
// and its join: the callees of the instructions that the site reaches
// without passing the join, and what they reach. Memoised per context;
// the walks visit each block, and each function, once.
func (dg *diagnoser) spanOf(c *goContext) map[*ssa.Function]bool {
	if m, ok := dg.spans[c]; ok {
		return m
	}
	callees, _ := dg.callsAfter(c.site, joinOf(c))
	m := dg.reach(callees, nil, dg.production(c.joinedBy))
	if dg.spans == nil {
		dg.spans = map[*goContext]map[*ssa.Function]bool{}
	}
	dg.spans[c] = m
	return m
}

// beforeEndlessSpawn reports whether the access x, made by the caller
// context cx of a package that is not multiple, precedes the start of c
// by cx in a function that never returns after the site (it blocks in
// select {} or exits): a library's caller context is one thread of
// control, and it cannot call again while c runs (DESIGN §5
// "Happens-before"). x precedes the start when it is not in the site's
// function after the site, nor in a function that the calls after the
// site reach. A site in a function literal runs only after the literal
// is made: when the literal's function returns, the place where its
// enclosing function makes it stands for the site (madeAt).
func (dg *diagnoser) beforeEndlessSpawn(x *access, cx, c *goContext) bool {
	if cx.kind != ctxCaller || cx.multiple || c.site == nil || !c.parents[cx] || x.instr == nil || x.instr.Block() == nil {
		return false
	}
	inTest := isTestFile(dg.pass.Fset, x.pos)
	for p := range c.parents {
		// Package initialisation "reaches" the functions it stores
		// (a command table), which it does not run (startedByCallers);
		// tests do not decide about code outside test files.
		if p == cx || p.test && !inTest || p.kind == ctxInit && !isInitFunc(topFunc(c.siteFn)) {
			continue
		}
		return false
	}
	anchor, literals := c.site, []*ssa.Function(nil)
	after := dg.afterEndless(anchor)
	for after == nil {
		fn := anchor.Parent()
		made := madeAt(fn)
		if made == nil {
			return false
		}
		anchor, literals = made, append(literals, fn)
		after = dg.afterEndless(anchor)
	}
	if slices.Contains(literals, x.fn) {
		return false // in a literal that runs the site: after its making
	}
	if x.fn == anchor.Parent() {
		return !reachesAvoiding(anchor, x.instr, func(ssa.Instruction) bool { return false })
	}
	return !after[x.fn]
}

// madeAt returns the one instruction of its enclosing function that
// makes the function literal fn (a MakeClosure, or an operand naming fn
// when it captures nothing), or nil when fn is no literal or is named
// more than once. SSA keeps a literal's referrers.
func madeAt(fn *ssa.Function) ssa.Instruction {
	refs := fn.Referrers() // nil unless fn is a literal
	if refs == nil || len(*refs) == 0 {
		return nil
	}
	at := (*refs)[0]
	for _, r := range (*refs)[1:] {
		if r != at {
			return nil
		}
	}
	return at
}

// afterEndless returns, when from never returns to its function's
// caller (no return is reachable from it), the functions that the calls
// reachable after from reach; otherwise nil. Cached per instruction;
// each block of from's function is visited once.
func (dg *diagnoser) afterEndless(from ssa.Instruction) map[*ssa.Function]bool {
	if dg.endless == nil {
		dg.endless = map[ssa.Instruction]map[*ssa.Function]bool{}
	}
	if m, ok := dg.endless[from]; ok {
		return m
	}
	dg.endless[from] = nil
	callees, returns := dg.callsAfter(from, nil)
	if returns {
		return nil
	}
	m := dg.reach(callees, nil, false)
	if m == nil {
		m = map[*ssa.Function]bool{}
	}
	dg.endless[from] = m
	return m
}

// callsAfter returns the functions called by the instructions that may
// run after from in its function without passing one that stop accepts
// (none if stop is nil), in the order of the call graph's edges, and
// whether a return may run. Each block is visited once (walkAfter).
func (dg *diagnoser) callsAfter(from ssa.Instruction, stop func(ssa.Instruction) bool) (callees []*ssa.Function, returns bool) {
	instrs := map[ssa.Instruction]bool{}
	walkAfter(from, func(list []ssa.Instruction) (done, prune bool) {
		for _, instr := range list {
			if stop != nil && stop(instr) {
				return false, true
			}
			instrs[instr] = true
			if _, ok := instr.(*ssa.Return); ok {
				returns = true
			}
		}
		return false, false
	})
	for _, e := range dg.edges[from.Parent()] {
		if instrs[e.instr] {
			callees = append(callees, e.to)
		}
	}
	return callees, returns
}

// joinOf returns what joins c: a Wait on its group, or a receive on its
// join channel.
func joinOf(c *goContext) func(ssa.Instruction) bool {
	if c.joinAtSite {
		return func(ssa.Instruction) bool { return true } // the start is the join
	}
	return func(instr ssa.Instruction) bool {
		if c.group != nil && isWaitOn(instr, c.group) {
			return true
		}
		return c.joinCh != nil && receives(instr, c.joinCh)
	}
}

// reachesAvoiding reports whether some path from the instruction from
// reaches to without passing an instruction that stop accepts. Both are
// in one function; each block is visited once.
func reachesAvoiding(from, to ssa.Instruction, stop func(ssa.Instruction) bool) bool {
	return walkAfter(from, func(instrs []ssa.Instruction) (found, stopped bool) {
		for _, instr := range instrs {
			if instr == to {
				return true, false
			}
			if stop(instr) {
				return false, true
			}
		}
		return false, false
	})
}

// walkAfter visits the instructions that may run after from in its
// function: the rest of from's block, then each block reachable from
// there, once. visit returns done to end the walk, which walkAfter then
// reports, and prune to leave the block's successors unvisited. Each
// block is visited at most once.
func walkAfter(from ssa.Instruction, visit func([]ssa.Instruction) (done, prune bool)) bool {
	b := from.Block()
	done, prune := visit(b.Instrs[slices.Index(b.Instrs, from)+1:])
	if done || prune {
		return done
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := slices.Clone(b.Succs)
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[x] {
			continue
		}
		seen[x] = true
		done, prune := visit(x.Instrs)
		if done {
			return true
		}
		if !prune {
			work = append(work, x.Succs...)
		}
	}
	return false
}

// concurrent reports whether contexts x and y can run at the same time.
// The caller context and the test functions form one thread of control
// (go test runs tests one at a time), except tests that call t.Parallel.
func concurrent(x, y *goContext) bool {
	if x == y {
		return x.multiple
	}
	if x.joinedBy != nil || y.joinedBy != nil {
		return joinedConcurrent(x, y)
	}
	callerX, callerY := x.kind == ctxCaller || x.kind == ctxTest, y.kind == ctxCaller || y.kind == ctxTest
	if callerX && callerY {
		return x.kind == ctxTest && y.kind == ctxTest && x.multiple && y.multiple
	}
	return true
}

// agree returns the verb form that agrees with the context name subject:
// "callers of exported functions also write", "main also writes".
func agree(subject, singular, plural string) string {
	if strings.HasPrefix(subject, "callers ") {
		return plural
	}
	return singular
}

// shareTest reports whether x and y run within one test function (some
// test function is x or starts it, and is y or starts it), or each
// within a parallel test (t.Parallel): parallel tests run at once.
func shareTest(x, y *goContext) bool {
	tx, ty := testRoots(x), testRoots(y)
	for t := range ty {
		if tx[t] {
			return true
		}
	}
	parallel := func(ts map[*goContext]bool) bool {
		for t := range ts {
			if t.multiple {
				return true
			}
		}
		return false
	}
	return parallel(tx) && parallel(ty)
}

// testRoots returns the test functions' contexts that are c or start it,
// through any chain of spawns (starters).
func testRoots(c *goContext) map[*goContext]bool {
	out := map[*goContext]bool{}
	for _, x := range starters(c) {
		if x.kind == ctxTest {
			out[x] = true
		}
	}
	return out
}

// starters returns c and the contexts that start it, through any chain
// of spawns, leaving out package initialisation, which also "reaches"
// every function it stores into a variable and does not run
// (startedInInit tells where its own code starts one). Each context is
// visited once.
func starters(c *goContext) []*goContext {
	seen := map[*goContext]bool{c: true}
	out := []*goContext{c}
	for i := 0; i < len(out); i++ {
		for p := range out[i].parents {
			if p.kind != ctxInit && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// startedInInit reports whether package initialisation's own code holds
// the site that starts x (func init() { go loop() }).
func startedInInit(x *goContext) bool {
	if x.site == nil || !isInitFunc(topFunc(x.siteFn)) {
		return false
	}
	for p := range x.parents {
		if p.kind == ctxInit {
			return true
		}
	}
	return false
}

// pathsConflict reports whether accesses a and b, on one unit or on a
// unit and one on its path, touch the same memory (DESIGN §5 "Paths
// conflict with their prefixes"). Reading or writing a struct value
// touches its fields; but a pointer global and the fields it points to
// are different memory: loading the pointer conflicts with writes of
// the pointer only, and only a store of the pointer (cfg = &c) conflicts
// with its fields' accesses. Likewise a map or slice and what the
// pointers in its elements point to: an access through such a pointer
// (b := m[k] under the guard, then b.name) conflicts with other accesses
// through element pointers, not with inserts, deletes or lookups
// (throughElement), which are accesses of their own.
func pathsConflict(a, b *access) bool {
	if a.addr != nil && b.addr != nil && throughElement(a) != throughElement(b) {
		return false // a container and what its elements point to
	}
	if a.unit == b.unit {
		return true
	}
	anc := a
	if len(b.unit.key) < len(a.unit.key) {
		anc = b
	}
	return !isPointer(anc.unit.typ) || anc.write
}

// throughElement reports whether the access a touches memory that a
// pointer held in an element of a map or slice points to (b.name, with b
// from m[k], from ranging over m's values, or from s[i]), rather than
// the container's own storage: the walk from a's address towards the
// root (addrSteps) ends at the element that holds such a pointer.
// Unknown steps (a phi, a call) answer false, as for the container.
func throughElement(a *access) bool {
	loads, end, ok := addrSteps(a)
	if !ok {
		return false
	}
	switch x := end.(type) {
	case *ssa.IndexAddr:
		return len(loads) > 0 && isPointer(loads[len(loads)-1].Type()) // s[i] holds the pointer
	case *ssa.Lookup:
		return !x.CommaOk && isPointer(x.Type())
	case *ssa.Extract:
		switch t := x.Tuple.(type) {
		case *ssa.Lookup:
			return x.Index == 0 && isPointer(x.Type())
		case *ssa.Next:
			_, isMap := t.Iter.(*ssa.Range)
			return isMap && x.Index == 2 && isPointer(x.Type())
		}
	}
	return false
}

// startedByCallers reports whether every context that starts c, through
// any chain of spawns (starters), is the caller context or a test
// function: c runs only because a call from outside started it. A
// handler or callback without a site (a ServeHTTP method, a method a
// library calls on its own goroutines) counts as started by them: it
// runs only where code they run serves or registers it. Package
// initialisation counts as an independent starter only where its own
// code holds the site (startedInInit).
func startedByCallers(c *goContext) bool {
	for _, x := range starters(c) {
		if x.site == nil {
			switch x.kind {
			case ctxCaller, ctxTest, ctxHandler, ctxCallback:
				continue
			}
			return false // package initialisation itself
		}
		if len(x.parents) == 0 || startedInInit(x) {
			return false
		}
	}
	return true
}

// parallelBody reports whether the access x, made by the test
// function's context t, lies in a subtest that calls t.Parallel, or in
// what it calls: parallel subtests run beside each other, while the test
// function's own code runs beside none of them (they start once it has
// returned), nor beside another run of itself, for go test runs each
// test once at a time (DESIGN §5 "Test files"). A b.RunParallel body is
// a context of its own (parallelStarts). Memoised per context; each
// function literal of the test is looked at once.
func (dg *diagnoser) parallelBody(x *access, t *goContext) bool {
	if dg.parallel == nil {
		dg.parallel = map[*goContext]map[*ssa.Function]bool{}
	}
	m, ok := dg.parallel[t]
	if !ok {
		var subtests []*ssa.Function
		var scan func(fn *ssa.Function)
		scan = func(fn *ssa.Function) {
			for _, anon := range fn.AnonFuncs {
				if callsParallel(anon) && slices.ContainsFunc(dg.callGraph.uses[anon], func(u use) bool {
					return u.kind == useCallback && isSubtestRun(u.helper)
				}) {
					subtests = append(subtests, anon)
				}
				scan(anon)
			}
		}
		if len(t.entries) > 0 {
			scan(t.entries[0])
		}
		m = dg.reach(subtests, nil, dg.production(t))
		dg.parallel[t] = m
	}
	return m[x.fn]
}

// joinedConcurrent reports whether x and y, distinct and one of them
// joined by the parent that starts it, run at the same time. A joined
// context runs only within its parent's run, so it meets what that
// parent meets: x and y may overlap when they are bounded by the same
// run (joinRoot), or when their bounding contexts do. So a context a
// test joins runs beside that test's own code and the other contexts it
// joins, and beside contexts that may outlive whoever started them (a
// goroutine that production code starts and nothing joins); never beside
// the caller context, another test function, or what another test joins.
func joinedConcurrent(x, y *goContext) bool {
	rx, ry := joinRoot(x), joinRoot(y)
	if rx == ry || rx.joinedBy != nil || ry.joinedBy != nil {
		return true // one run, or a cycle of joins: nothing known
	}
	if rx.kind == ctxTest && ry.kind == ctxTest {
		return false // what a test joins meets no other test function (DESIGN §5 "Test files")
	}
	return concurrent(rx, ry)
}

// joinRoot returns the context whose run bounds x's: x itself, or the
// parent that joins it, followed while that is joined too. A chain of
// joins follows parents, which markJoined never makes the context
// itself; the step bound keeps a cycle of parents (two goroutines that
// start and join each other) from looping, and then the context it
// returns is still joined, which joinedConcurrent takes as unknown.
func joinRoot(x *goContext) *goContext {
	for range maxRefDepth {
		if x.joinedBy == nil {
			break
		}
		x = x.joinedBy
	}
	return x
}

// precedesSpawn reports whether the write w is a lazy initialisation
// done, on every path, before c starts: the value is set before c
// starts, and later runs find it set. Either w's nil check precedes c's
// site in w's function, or a call of w's function precedes it where w's
// nil check is on every path to a return (ensure(); go use()). A site in
// a function literal counts from where the literal is made (madeAt),
// outwards (ensure(); return func() { … http.HandlerFunc(…) … }). The
// chain of literals is bounded by maxRefDepth.
func (dg *diagnoser) precedesSpawn(w *access, c *goContext) bool {
	if c.site == nil {
		return false
	}
	check := lazyCheck(w, dg.addrRef)
	if check == nil {
		return false
	}
	anchor := c.site
	for range maxRefDepth {
		fn := anchor.Parent()
		if fn == w.fn {
			return check != anchor.Block() && check.Dominates(anchor.Block())
		}
		if dg.callPrecedes(fn, w.fn, anchor) && dominatesReturns(check) {
			return true
		}
		if anchor = madeAt(fn); anchor == nil {
			return false
		}
	}
	return false
}

// callPrecedes reports whether a static call of callee in fn precedes
// the instruction at on every path: its block dominates at's, or comes
// before at in the same block.
func (dg *diagnoser) callPrecedes(fn, callee *ssa.Function, at ssa.Instruction) bool {
	for _, e := range dg.edges[fn] {
		call, ok := e.instr.(*ssa.Call)
		if !ok || e.to != callee || call.Call.StaticCallee() != callee {
			continue
		}
		if b := call.Block(); b == at.Block() {
			if slices.Index(b.Instrs, e.instr) < slices.Index(b.Instrs, at) {
				return true
			}
		} else if b.Dominates(at.Block()) {
			return true
		}
	}
	return false
}

// dominatesReturns reports whether every return of b's function passes
// through b.
func dominatesReturns(b *ssa.BasicBlock) bool {
	for _, r := range b.Parent().Blocks {
		if len(r.Instrs) == 0 {
			continue
		}
		if _, ok := r.Instrs[len(r.Instrs)-1].(*ssa.Return); ok && !b.Dominates(r) {
			return false
		}
	}
	return true
}

// heldAt returns the first access in as made holding lock id.
func (dg *diagnoser) heldAt(as []*access, id string) *access {
	var best *access
	for _, a := range as {
		if has(a.locks, id) && (best == nil || comparePos(dg.pass.Fset, a.pos, best.pos) < 0) {
			best = a
		}
	}
	return best
}

// instanceOnly reports a shared global written somewhere whose only lock is
// an instance lock: s.mu cannot guard a package-level variable once
// there are two values of s (DESIGN §2 wronglock). In test files the lock
// to judge by is the one code outside them holds (refLock): a test that
// sets a hook while it happens to hold another instance lock (a series
// lock that pauses a commit) claims nothing of that lock.
func (dg *diagnoser) instanceOnly(f *unitFacts) []analysis.Diagnostic {
	var diags []analysis.Diagnostic
	seen := map[*access]bool{}
	// Accesses outside test files need evidence from contexts that exist
	// without tests; accesses in test files may use test contexts.
	for _, run := range []struct {
		as      []*access
		inTests bool
	}{{f.live, false}, {f.race, true}} {
		if !raceShared(run.as) || !slices.ContainsFunc(run.as, lockedWrite) || slices.ContainsFunc(run.as, holdsGlobalLock) {
			continue
		}
		// A lock reached through a pointer may be a global mutex: no
		// claim can be made (isOwnedLock).
		if slices.ContainsFunc(run.as, func(a *access) bool {
			return slices.ContainsFunc(a.locks, func(h held) bool { return !isOwnedLock(h.id) })
		}) {
			continue
		}
		ref := ""
		if run.inTests {
			var ok bool
			if ref, ok = dg.refLock(run.as); !ok {
				continue
			}
		}
		var as []*access
		for _, a := range run.as {
			if len(a.locks) == 0 || !a.own() || isTestFile(dg.pass.Fset, a.pos) != run.inTests || seen[a.source()] {
				continue
			}
			if ref != "" && !has(a.locks, ref) {
				continue
			}
			seen[a.source()] = true
			as = append(as, a)
		}
		g := dg.globals.show(f.u.key)
		diags = append(diags, dg.perFunction(f.u, as, func(a *access) analysis.Diagnostic {
			lock := ref
			if lock == "" {
				lock = a.locks[0].id
			}
			return analysis.Diagnostic{Category: CategoryWrongLock, Message: instanceOnlyMessage(g, lock)}
		}, g+" also accessed here holding only an instance lock")...)
	}
	return diags
}

// refLock returns the lock by which instanceOnly judges the accesses of
// test files in as: the lock that every access outside test files
// holding a lock holds (DESIGN §5 "Test files": code outside test files
// is judged by its non-test callers, and test files by it), or, when no
// access outside them holds one, the lock every locked access holds.
// False when the locked accesses hold no lock in common.
func (dg *diagnoser) refLock(as []*access) (string, bool) {
	var prod, all []lockset
	for _, a := range as {
		if len(a.locks) == 0 {
			continue
		}
		all = append(all, a.locks)
		if !isTestFile(dg.pass.Fset, a.pos) {
			prod = append(prod, a.locks)
		}
	}
	if len(prod) > 0 {
		all = prod
	}
	return commonLock(all)
}

// commonLock returns the lock (the first by id) that every lockset of ls
// holds; false if there is none.
func commonLock(ls []lockset) (string, bool) {
	if len(ls) == 0 {
		return "", false
	}
	for _, h := range ls[0] {
		if !slices.ContainsFunc(ls[1:], func(l lockset) bool { return !has(l, h.id) }) {
			return h.id, true
		}
	}
	return "", false
}

// lockedWrite reports whether a is a write made holding some lock.
func lockedWrite(a *access) bool { return a.write && len(a.locks) > 0 }

// holdsGlobalLock reports whether a global lock is held at a.
func holdsGlobalLock(a *access) bool {
	return slices.ContainsFunc(a.locks, func(h held) bool { return !isInstanceLock(h.id) })
}

// escapes reports a guarded map, slice or pointer that leaves its
// critical section while still aliasing the global (DESIGN §2 D4, §5
// "Escape"): returned, stored in another global, sent on a channel, or
// passed to a spawned function.
func (dg *diagnoser) escapes(f *unitFacts) []analysis.Diagnostic {
	if f.lazy || !isAliasing(f.u.typ) || !dg.writtenThrough(f) {
		return nil
	}
	var diags []analysis.Diagnostic
	seen := map[int]bool{}
	for _, a := range f.race {
		load, ok := a.instr.(*ssa.UnOp)
		if !ok || a.write || !has(a.locks, f.guard.id) || !types.Identical(load.Type(), f.u.typ) {
			continue
		}
		how := dg.escapeOf(load, f)
		if how == "" {
			continue
		}
		a.source().reported = true
		pos, end := dg.exprRange(f.u, a.pos)
		if line := dg.pass.Fset.Position(pos).Line; !seen[line] {
			seen[line] = true
			diags = append(diags, analysis.Diagnostic{
				Pos: pos, End: end, Category: CategoryEscape,
				Message: fmt.Sprintf("%s escapes the critical section of %s: %s", dg.globals.show(f.u.key), dg.globals.show(f.guard.id), how),
			})
		}
	}
	return diags
}

// isAliasing reports whether values of t alias the memory they came from.
func isAliasing(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Map, *types.Slice, *types.Pointer:
		return true
	}
	return false
}

// writtenThrough reports whether the unit's value is written through
// under the guard: a map or slice element, or a field of its pointee.
func (dg *diagnoser) writtenThrough(f *unitFacts) bool {
	prefix := f.u.key + "."
	for _, u := range dg.globals.units {
		if u == nil || u != f.u && !(len(u.key) > len(prefix) && u.key[:len(prefix)] == prefix) {
			continue
		}
		for _, a := range dg.byUnit[u] {
			if !a.write || !has(a.locks, f.guard.id) {
				continue
			}
			if u != f.u {
				return true // a field of the pointee
			}
			switch instr := a.instr.(type) {
			case *ssa.MapUpdate, *ssa.Call:
				return true
			case *ssa.Store:
				if r, ok := dg.addrRef(instr.Addr); ok && !r.exact {
					return true // an element
				}
			}
		}
	}
	return false
}

// escapeOf returns how the value v, loaded from the unit under its guard,
// leaves the critical section, or "".
func (dg *diagnoser) escapeOf(v ssa.Value, f *unitFacts) string {
	how := ""
	for x, r := range aliasUses(v, nil) {
		if how = dg.escapeHow(x, r, f); how != "" {
			break
		}
	}
	return how
}

// escapeHow returns how the instruction r, which uses x (the loaded value
// or an alias of it), makes it leave the critical section, or "".
func (dg *diagnoser) escapeHow(x ssa.Value, r ssa.Instruction, f *unitFacts) string {
	switch r := r.(type) {
	case *ssa.Return:
		if !has(dg.entryLocks[r.Parent()], f.guard.id) {
			return "returned"
		}
	case *ssa.Send:
		if r.X == x {
			return "sent on a channel"
		}
	case *ssa.Store:
		if r.Val != x {
			break
		}
		if ar, ok := dg.addrRef(r.Addr); ok && ar.global() != nil && ar.path() != f.u.key {
			return "stored in " + dg.globals.show(ar.path())
		}
	case *ssa.Go:
		return "passed to a goroutine"
	case *ssa.Call:
		if sites, _ := dg.spawnsOf(r.Parent(), r); len(sites) > 0 {
			return "passed to a goroutine"
		}
	case *ssa.MakeClosure:
		if spawned(r) {
			return "passed to a goroutine"
		}
	}
	return ""
}

// aliasUses yields each use (x, r) of v and of the values that carry it
// on unchanged: phis, conversions, slices of it, and the loads of a local
// variable it is stored in (such as the result slot of a function with
// defers). Uses come depth first in referrer order, as far as
// maxRefDepth aliases from v. Each value is expanded once (a visited
// set), so the work is linear in the referrers of the function, however
// the phis of its loops interlock.
func aliasUses(v ssa.Value, steps *walkCount) iter.Seq2[ssa.Value, ssa.Instruction] {
	return func(yield func(ssa.Value, ssa.Instruction) bool) {
		seen := map[ssa.Value]bool{}
		var walk func(x ssa.Value, depth int) bool
		walk = func(x ssa.Value, depth int) bool {
			refs := x.Referrers()
			if refs == nil || depth > maxRefDepth || seen[x] {
				return true
			}
			seen[x] = true
			for _, r := range *refs {
				steps.step()
				if !yield(x, r) {
					return false
				}
				switch r := r.(type) {
				case *ssa.Store:
					alloc, ok := r.Addr.(*ssa.Alloc)
					if r.Val != x || !ok || alloc.Referrers() == nil {
						continue
					}
					for _, ar := range *alloc.Referrers() {
						if l, ok := ar.(*ssa.UnOp); ok && l.Op == token.MUL {
							if !walk(l, depth+1) {
								return false
							}
						}
					}
				case *ssa.Phi, *ssa.ChangeType, *ssa.MakeInterface, *ssa.Slice:
					if !walk(r.(ssa.Value), depth+1) {
						return false
					}
				}
			}
			return true
		}
		walk(v, 0)
	}
}

// spawned reports whether the closure mc is started on another goroutine.
func spawned(mc *ssa.MakeClosure) bool {
	refs := mc.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if g, ok := r.(*ssa.Go); ok && g.Call.Value == mc {
			return true
		}
	}
	return false
}

// exprRange returns the range of the expression naming the unit's root
// global on the line of pos, or pos itself when there is none.
func (dg *diagnoser) exprRange(u *unit, pos token.Pos) (token.Pos, token.Pos) {
	if dg.identIndex == nil {
		dg.identIndex = map[*types.Var][]*ast.Ident{}
		for id, obj := range dg.pass.TypesInfo.Uses {
			if v, ok := obj.(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
				dg.identIndex[v] = append(dg.identIndex[v], id)
			}
		}
		for _, ids := range dg.identIndex {
			slices.SortFunc(ids, func(a, b *ast.Ident) int { return cmp.Compare(a.Pos(), b.Pos()) })
		}
		// A global of another package is written dep.Counts: the
		// expression starts at the package name.
		dg.qualStart = map[*ast.Ident]token.Pos{}
		for _, f := range dg.pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok {
						if _, ok := dg.pass.TypesInfo.Uses[x].(*types.PkgName); ok {
							dg.qualStart[sel.Sel] = sel.Pos()
						}
					}
				}
				return true
			})
		}
	}
	if !pos.IsValid() {
		return pos, pos
	}
	file := dg.pass.Fset.File(pos)
	line := file.Line(pos)
	for _, id := range dg.identIndex[u.obj] {
		if dg.pass.Fset.File(id.Pos()) == file && file.Line(id.Pos()) == line {
			if start, ok := dg.qualStart[id]; ok {
				return start, id.End()
			}
			return id.Pos(), id.End()
		}
	}
	return pos, pos
}

// instanceOnlyMessage says why instance lock id, "(T).mu", does not guard
// global g: every T value has its own (DESIGN §2 D3).
func instanceOnlyMessage(g, id string) string {
	typ, _, _ := strings.Cut(strings.TrimPrefix(id, "("), ").")
	return fmt.Sprintf("%s accessed holding only the instance lock %s; each %s has its own, so it guards %s only while there is one", g, id, typ, g)
}

// raceCache holds the lazy caches of the race tier's positions.
type raceCache struct {
	identIndex map[*types.Var][]*ast.Ident
	qualStart  map[*ast.Ident]token.Pos                   // start of pkg.Name for qualified globals
	semas      map[string]bool                            // lazy: locks that order events (verdict.go semaphores)
	endless    map[ssa.Instruction]map[*ssa.Function]bool // lazy: see afterEndless
	spans      map[*goContext]map[*ssa.Function]bool      // lazy: see spanOf
	parallel   map[*goContext]map[*ssa.Function]bool      // lazy: see parallelBody
}
