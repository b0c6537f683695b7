package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// A summary describes what a function does to locks, as seen by its
// callers (DESIGN §1 "lockset at an instruction": locks pass between
// functions through summaries).
// It is computed with no locks held on entry.
type summary struct {
	acquired    lockset         // held at every return
	tryAcquired lockset         // also held at every return that may return true (a try-acquire helper)
	released    []string        // unlocked somewhere without being held
	releaser    []string        // released by calling the returned func
	paramCalls  map[int]lockset // locks held wherever func parameter i is called
	spawnsParam map[int]bool    // func parameter i is started on a goroutine
	mutates     map[int]bool    // stores through pointer parameter i
}

// A visitFunc receives each instruction of a function with the locks held
// before it on every path (locks) and the locks held conditionally (cond:
// on some path, and no path without them is known to reach it; see
// condHeld). For deferred calls it is called twice: once for the Defer
// instruction (deferred=false) and once when the call runs at RunDefers
// (deferred=true), with the locks held then.
type visitFunc func(instr ssa.Instruction, call *ssa.CallCommon, deferred bool, locks, cond lockset)

// flow runs the lockset dataflow over fn's CFG, starting with entry held
// on every path and entryMay (with entry) held conditionally, and then
// calls visit for every instruction in reachable blocks. gates holds, for
// some bool parameters, the locks held wherever the parameter is true
// (gates.go): they are held on the true edge of an if on the parameter. The must-held locks
// join by intersection and the may-held ones by union; loops reach a
// fixpoint; deferred calls are replayed last-in first-out at RunDefers.
// A block is queued again only when its entry state changes, and each
// change is monotone (merge shrinks the locks held on every path and the
// common prefix of the defers, and grows the locks held on some path),
// so each block is processed at most 1 + 2·locks + defers times.
func (lf *lockFlow) flow(fn *ssa.Function, entry, entryMay lockset, gates map[*ssa.Parameter]lockset, visit visitFunc) {
	if len(fn.Blocks) == 0 {
		return
	}
	in := make([]*lockState, len(fn.Blocks))
	var work []*ssa.BasicBlock
	push := func(b *ssa.BasicBlock, st lockState) {
		if in[b.Index] == nil {
			in[b.Index] = &st
			work = append(work, b)
			return
		}
		m := in[b.Index].merge(st)
		if !m.equal(*in[b.Index]) {
			in[b.Index] = &m
			work = append(work, b)
		}
	}
	start := lockState{locks: entry, may: entry.union(entryMay)}
	push(fn.Blocks[0], start)
	if fn.Recover != nil {
		// A recovered panic may come from anywhere; assume only the
		// entry locks.
		push(fn.Recover, start.fork())
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		st := in[b.Index].fork()
		for _, instr := range b.Instrs {
			lf.transfer(instr, &st, nil)
		}
		for i, succ := range b.Succs {
			push(succ, lf.refineEdge(b, i, st, gates))
		}
	}
	if visit == nil {
		return
	}
	ch := lf.newCondHeld(fn, in, gates)
	for _, b := range fn.Blocks {
		if in[b.Index] == nil {
			continue // unreachable
		}
		// transfer passes on the locks held on some path; the visitor
		// gets those held conditionally at b.
		atB := func(instr ssa.Instruction, call *ssa.CallCommon, deferred bool, locks, may lockset) {
			visit(instr, call, deferred, locks, ch.cond(b, locks, may))
		}
		st := in[b.Index].fork()
		for _, instr := range b.Instrs {
			lf.transfer(instr, &st, atB)
		}
	}
}

// transfer applies instr to st, first calling visit (if any) with the
// state before it: the locks held on every path and on some path.
func (lf *lockFlow) transfer(instr ssa.Instruction, st *lockState, visit visitFunc) {
	var call *ssa.CallCommon
	if c, ok := instr.(ssa.CallInstruction); ok {
		call = c.Common()
	}
	if visit != nil {
		visit(instr, call, false, st.locks, st.may)
	}
	switch instr := instr.(type) {
	case *ssa.Call:
		lf.applyCall(&instr.Call, st)
	case *ssa.Defer:
		st.defers = append(st.defers, instr)
	case *ssa.Send, *ssa.UnOp:
		lf.chanOp(instr, st)
	case *ssa.RunDefers:
		for i := len(st.defers) - 1; i >= 0; i-- {
			d := st.defers[i]
			if visit != nil {
				visit(d, &d.Call, true, st.locks, st.may)
			}
			lf.applyCall(&d.Call, st)
		}
		st.defers = nil
	}
}

// applyCall applies the lock effect of call to st: a mutex operation, the
// summary of a static callee, or calling a releaser returned by a helper.
func (lf *lockFlow) applyCall(call *ssa.CallCommon, st *lockState) {
	if op, addr := lockCall(call); op != opNone {
		id, _ := lf.graph.lockID(addr)
		switch op {
		case opLock:
			st.acquire(id, false)
		case opRLock:
			st.acquire(id, true)
		case opUnlock, opRUnlock:
			st.release(id)
		}
		return
	}
	if callee := staticCallee(call); callee != nil {
		if s := lf.summaryOf(callee); s != nil {
			st.acquireAll(s.acquired)
			for _, id := range s.released {
				st.release(id)
			}
		}
		return
	}
	for _, id := range lf.releasedByCalling(call.Value) {
		st.release(id)
	}
}

// releasedByCalling returns the locks released by calling the func value
// v: a value returned by a lock helper (`unlock := lock(); unlock()`).
func (lf *lockFlow) releasedByCalling(v ssa.Value) []string {
	c, ok := v.(*ssa.Call)
	if !ok {
		return nil
	}
	if callee := staticCallee(&c.Call); callee != nil {
		if s := lf.summaryOf(callee); s != nil {
			return s.releaser
		}
	}
	return nil
}

// refineEdge returns the state on the edge from b to its i-th successor:
// a successful TryLock, or a call of a try-acquire helper that returned
// true, holds its lock only on the true branch; the chosen case of a
// select sends on or receives from a channel lock (chanlock.go); the
// true branch of an if on a gated bool parameter holds its gate's locks.
func (lf *lockFlow) refineEdge(b *ssa.BasicBlock, i int, st lockState, gates map[*ssa.Parameter]lockset) lockState {
	if len(b.Instrs) == 0 {
		return st
	}
	ifInstr, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	if !ok {
		return st
	}
	cond, branch := ifInstr.Cond, 0
	if u, ok := cond.(*ssa.UnOp); ok && u.Op.String() == "!" {
		cond, branch = u.X, 1
	}
	if i != branch {
		return st
	}
	if sel, k, ok := selectCase(cond); ok {
		return lf.refineSelect(sel, k, st)
	}
	if p, ok := cond.(*ssa.Parameter); ok && len(gates[p]) > 0 {
		out := st.fork()
		out.acquireAll(gates[p])
		return out
	}
	c, ok := cond.(*ssa.Call)
	if !ok {
		return st
	}
	if callee := staticCallee(&c.Call); callee != nil {
		if s := lf.summaryOf(callee); s != nil && len(s.tryAcquired) > 0 {
			out := st.fork()
			out.acquireAll(s.tryAcquired)
			return out
		}
	}
	op, addr := lockCall(&c.Call)
	if op != opTryLock && op != opTryRLock {
		return st
	}
	id, _ := lf.graph.lockID(addr)
	out := st.fork()
	out.acquire(id, op == opTryRLock)
	return out
}

// summaryOf returns the summary of fn: computed for source functions,
// built from the fact of an imported function.
func (lf *lockFlow) summaryOf(fn *ssa.Function) *summary {
	if fn == nil {
		return nil
	}
	if s, ok := lf.summaries[fn]; ok {
		return s
	}
	var s *summary
	if ff := lf.imports.factOf(fn); ff != nil {
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
	lf.summaries[fn] = s
	return s
}

// buildLockFlow is stage 4: a summary for every source function,
// callees first, so that each call's effect is known where it is met.
func buildLockFlow(cg *callGraph, imports *factImporter) *lockFlow {
	lf := &lockFlow{graph: cg, imports: imports, summaries: map[*ssa.Function]*summary{}}
	for _, fn := range cg.order {
		lf.summaries[fn] = lf.summarize(fn)
	}
	return lf
}

// summarize computes fn's summary, given the summaries of its callees.
func (lf *lockFlow) summarize(fn *ssa.Function) *summary {
	s := &summary{}
	params := map[ssa.Value]int{}
	for i, p := range fn.Params {
		params[p] = i
	}
	var returns []lockset
	var returnInstrs []*ssa.Return
	releasers := [][]string(nil)
	lf.flow(fn, nil, nil, nil, func(instr ssa.Instruction, call *ssa.CallCommon, deferred bool, locks, _ lockset) {
		if id, ok := lf.releasedChan(instr); ok && !has(locks, id) {
			s.released = appendUnique(s.released, id)
		}
		if call != nil {
			if _, isDefer := instr.(*ssa.Defer); isDefer && !deferred {
				return // effects happen at RunDefers
			}
			if op, addr := lockCall(call); op == opUnlock || op == opRUnlock {
				if id, _ := lf.graph.lockID(addr); !has(locks, id) {
					s.released = appendUnique(s.released, id)
				}
			} else if callee := staticCallee(call); callee != nil {
				if cs := lf.summaryOf(callee); cs != nil {
					for _, id := range cs.released {
						if !has(locks, id) {
							s.released = appendUnique(s.released, id)
						}
					}
					for k, arg := range call.Args {
						i, ok := params[arg]
						if !ok {
							continue
						}
						if cs.mutates[k] {
							setFlag(&s.mutates, i)
						}
						// A func parameter passed on to a wrapper in
						// a plain call is started or called as the
						// wrapper does. Under go (testing's
						// go tRunner(t, f), which t.Run waits for)
						// nothing is inferred: such wrappers often
						// wait for what they start.
						if _, isGo := instr.(*ssa.Go); isGo {
							continue
						}
						if cs.spawnsParam[k] {
							setFlag(&s.spawnsParam, i)
						}
						if under, ok := cs.paramCalls[k]; ok {
							s.addParamCall(i, locks.union(under))
						}
					}
				}
			}
			if _, isGo := instr.(*ssa.Go); isGo {
				// go func() { f() }(): a closure that calls a
				// parameter it captured.
				for _, i := range lf.calledCaptures(call.Value, params) {
					setFlag(&s.spawnsParam, i)
				}
			}
			// In invoke mode call.Value is the receiver interface, not
			// a called func: w.Write(b) does not call parameter w.
			if i, ok := calledParam(call.Value, params); ok && !call.IsInvoke() {
				if _, isGo := instr.(*ssa.Go); isGo {
					setFlag(&s.spawnsParam, i)
				} else {
					s.addParamCall(i, locks)
				}
			}
		}
		switch instr := instr.(type) {
		case *ssa.Return:
			returns = append(returns, locks)
			returnInstrs = append(returnInstrs, instr)
			var rel []string
			if len(instr.Results) == 1 {
				rel = lf.releaserOf(instr.Results[0])
			}
			releasers = append(releasers, rel)
		case *ssa.Store:
			if r, ok := lf.graph.addrRef(instr.Addr); ok && r.hops <= 1 {
				if i, ok := params[r.root]; ok {
					setFlag(&s.mutates, i)
				}
			}
		case *ssa.MapUpdate:
			if r, ok := lf.graph.addrRef(instr.Map); ok && r.hops <= 1 {
				if i, ok := params[r.root]; ok {
					setFlag(&s.mutates, i)
				}
			}
		}
	})
	if len(returns) > 0 {
		s.acquired = returns[0]
		s.releaser = releasers[0]
		for i := 1; i < len(returns); i++ {
			s.acquired = s.acquired.meet(returns[i])
			s.releaser = intersect(s.releaser, releasers[i])
		}
		s.tryAcquired = trueReturnLocks(fn, returnInstrs, returns, s.acquired)
	}
	return s
}

// releaserOf returns the locks released by calling the func value v:
// a bound Unlock (return mu.Unlock), or a function or closure whose
// summary releases locks (return func() { mu.Unlock() }).
func (lf *lockFlow) releaserOf(v ssa.Value) []string {
	switch v := v.(type) {
	case *ssa.MakeClosure:
		if op, addr := boundLockOp(v); op == opUnlock || op == opRUnlock {
			id, _ := lf.graph.lockID(addr)
			return []string{id}
		}
		if fn, ok := v.Fn.(*ssa.Function); ok {
			if s := lf.summaries[fn]; s != nil {
				return s.released
			}
		}
	case *ssa.Function:
		if s := lf.summaries[v]; s != nil {
			return s.released
		}
	}
	return nil
}

// has reports whether ls holds id in any mode.
func has(ls lockset, id string) bool {
	ok, _ := ls.has(id)
	return ok
}

func appendUnique(s []string, x string) []string {
	if slices.Contains(s, x) {
		return s
	}
	return append(s, x)
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func setFlag(m *map[int]bool, i int) {
	if *m == nil {
		*m = map[int]bool{}
	}
	(*m)[i] = true
}

// calledCaptures returns the indices of the parameters (in params) that
// the closure v captures and calls, itself or by passing it to a
// function whose summary calls or starts that parameter (go func() {
// pc.push(ctx, write) }()). A captured parameter is either bound
// directly or, when the closure could assign it, through a heap cell.
func (lf *lockFlow) calledCaptures(v ssa.Value, params map[ssa.Value]int) []int {
	mc, ok := v.(*ssa.MakeClosure)
	if !ok {
		return nil
	}
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return nil
	}
	var out []int
	for k, b := range mc.Bindings {
		if k >= len(fn.FreeVars) {
			break
		}
		i, ok := boundParam(b, params)
		if !ok {
			continue
		}
		if lf.callsValue(fn.FreeVars[k]) {
			out = append(out, i)
		}
	}
	return out
}

// calledParam returns the index of the parameter (in params) that the
// called value v is: the parameter itself, or a load of the cell it was
// spilled to because a closure captures it (`ln := f(); go func() { f()
// }()` calls f in place through the cell).
func calledParam(v ssa.Value, params map[ssa.Value]int) (int, bool) {
	if i, ok := params[v]; ok {
		return i, true
	}
	if l, ok := v.(*ssa.UnOp); ok && l.Op == token.MUL {
		return boundParam(l.X, params)
	}
	return 0, false
}

// boundParam returns the index of the parameter that the closure binding
// b holds: the parameter itself, or a cell it was stored in.
func boundParam(b ssa.Value, params map[ssa.Value]int) (int, bool) {
	if i, ok := params[b]; ok {
		return i, true
	}
	alloc, ok := b.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return 0, false
	}
	for _, r := range *alloc.Referrers() {
		if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
			if i, ok := params[st.Val]; ok {
				return i, true
			}
		}
	}
	return 0, false
}

// callsValue reports whether the free variable fv is called, directly or
// after loading it from its cell, or passed in a plain call to a
// function whose summary calls or starts that parameter. The closure
// runs before its parent in the summary order (buildGraph), and so do
// the functions it calls.
func (lf *lockFlow) callsValue(fv *ssa.FreeVar) bool {
	refs := fv.Referrers()
	if refs == nil {
		return false
	}
	calls := func(v ssa.Value, x ssa.Instruction) bool {
		c, ok := x.(ssa.CallInstruction)
		if !ok || c.Common().IsInvoke() {
			return false
		}
		if c.Common().Value == v {
			return true
		}
		if _, isCall := x.(*ssa.Call); !isCall {
			return false
		}
		s := lf.summaryOf(staticCallee(c.Common()))
		if s == nil {
			return false
		}
		for k, arg := range c.Common().Args {
			if arg == v {
				if _, called := s.paramCalls[k]; called || s.spawnsParam[k] {
					return true
				}
			}
		}
		return false
	}
	for _, r := range *refs {
		if l, ok := r.(*ssa.UnOp); ok && l.Op == token.MUL {
			if lr := l.Referrers(); lr != nil {
				for _, x := range *lr {
					if calls(l, x) {
						return true
					}
				}
			}
			continue
		}
		if calls(fv, r) {
			return true
		}
	}
	return false
}

// addParamCall records that func parameter i is called holding locks:
// the locks held at every such call.
func (s *summary) addParamCall(i int, locks lockset) {
	if s.paramCalls == nil {
		s.paramCalls = map[int]lockset{}
	}
	if prev, seen := s.paramCalls[i]; seen {
		s.paramCalls[i] = prev.meet(locks)
	} else {
		s.paramCalls[i] = locks
	}
}

// lockFlow is the product of stage 4 (buildLockFlow): the summaries of
// source functions, computed in callee-first order, and of imported
// functions, built from their facts on first use (summaryOf). It keeps
// the call graph, whose lock ids flow reads, and the fact importer.
type lockFlow struct {
	graph   *callGraph
	imports *factImporter

	summaries map[*ssa.Function]*summary
	chanCaps  map[string]bool // lazy: global channel paths of capacity 1 (capOne)
}
