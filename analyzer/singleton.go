package analyzer

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Singleton receivers (DESIGN §1 "lock"): when every call of an
// unexported method, and every method value of it, passes the same
// global as the receiver (arbiter.tick(), go arbiter.tick(),
// (&arbiter).add(m)), the receiver is that global, and the method's
// receiver fields and locks are the global's paths rather than instance
// state. A call from another such method through its own receiver passes
// that method's global.

// findSingletons fills cg.singletons: for each singleton method, its
// receiver parameter and the free variables bound to it, mapped to the
// global. It needs cg.uses (buildGraph) and cg.dispatch (bound method
// values). Candidates only lose their status or gain their global, each
// at most once, so the loop runs at most twice per candidate, each round
// linear in the candidates' uses.
//
// A method outside test files is judged by its non-test calls (DESIGN §5
// "Test files"): a test that makes an instance of its own and calls the
// method on it does not make the receiver instance state, or the package
// and its test variant would disagree. Such calls are removed from
// cg.uses and recorded in cg.foreignCalls, so that the test reaches
// nothing of the global through them.
func (cg *callGraph) findSingletons() {
	var cands []*ssa.Function
	global := map[*ssa.Function]*ssa.Global{}
	valid := map[*ssa.Function]bool{}
	owner := map[*ssa.Parameter]*ssa.Function{} // receiver → its method
	for _, fn := range cg.prog.funcs {
		obj := funcObj(fn)
		if obj == nil || obj.Exported() || fn.Signature.Recv() == nil || len(fn.Params) == 0 || len(cg.uses[fn])+len(cg.dispatch.bound[obj]) == 0 {
			continue
		}
		if _, ok := fn.Params[0].Type().Underlying().(*types.Pointer); !ok {
			continue // a value receiver is a copy
		}
		cands = append(cands, fn)
		valid[fn] = true
		owner[fn.Params[0]] = fn
	}
	// Methods with a non-test use are judged by those alone; a method
	// only tests call (a test helper kept beside the code) by its tests.
	byNonTest := map[*ssa.Function]bool{}
	for _, fn := range cands {
		byNonTest[fn] = cg.hasNonTestUse(fn)
	}
	bindings := cg.dispatch.freeVars
	for changed := true; changed; {
		changed = false
		for _, fn := range cands {
			if !valid[fn] {
				continue
			}
			g, ok := cg.receiverGlobal(fn, owner, valid, global, byNonTest[fn])
			switch {
			case !ok:
				valid[fn] = false
				changed = true
			case g != nil && global[fn] == nil:
				global[fn] = g
				changed = true
			}
		}
	}
	cg.singletons = map[ssa.Value]*ssa.Global{}
	cg.foreignCalls = map[ssa.Instruction]bool{}
	for _, fn := range cands {
		g := global[fn]
		if !valid[fn] || g == nil {
			continue
		}
		cg.singletons[fn.Params[0]] = g
		// The test calls left out above: those on another receiver
		// reach nothing of g.
		kept := cg.uses[fn][:0:0]
		for _, u := range cg.uses[fn] {
			if c, ok := cg.testCallOf(fn, u); ok && byNonTest[fn] {
				if h, ok := cg.recvGlobal(c.Args[0], owner, valid, global); !ok || h != g {
					cg.foreignCalls[u.instr] = true
					continue
				}
			}
			kept = append(kept, u)
		}
		cg.uses[fn] = kept
	}
	// A receiver that a closure captures lives in a spill (a local
	// holding the parameter), which the method and its closures load it
	// from: the spill, and the closures' free variables bound to it (or,
	// for a receiver bound by value, to the receiver), stand for the
	// global too.
	for a, v := range cg.dispatch.captured {
		if p, ok := v.(*ssa.Parameter); ok && p.Parent() == a.Parent() {
			if g := cg.singletons[p]; g != nil {
				cg.singletons[a] = g
			}
		}
	}
	for fv := range bindings {
		if g := cg.singletons[boundValue(fv, bindings)]; g != nil {
			cg.singletons[fv] = g
		}
	}
}

// receiverOf returns the function that finds the value a method call
// passes as receiver: a captured receiver is passed as a load of its
// spill (the local SSA keeps for a captured parameter), through the
// free variables of the closures that capture it.
func (cg *callGraph) receiverOf(v ssa.Value) ssa.Value {
	v = boundValue(v, cg.dispatch.freeVars)
	if c, ok := cg.capturedValue(v); ok {
		return c
	}
	return v
}

// receiverGlobal returns the global that every use of fn passes as its
// receiver, nil if no use decides it yet, and false if some use passes
// something else (or uses fn other than by calling it). With byNonTest,
// calls from test files of a method outside them do not count
// (testCallOf).
func (cg *callGraph) receiverGlobal(fn *ssa.Function, owner map[*ssa.Parameter]*ssa.Function, valid map[*ssa.Function]bool, global map[*ssa.Function]*ssa.Global, byNonTest bool) (*ssa.Global, bool) {
	var g *ssa.Global
	merge := func(recv ssa.Value) bool {
		h, ok := cg.recvGlobal(recv, owner, valid, global)
		if !ok || h != nil && g != nil && h != g {
			return false
		}
		if h != nil {
			g = h
		}
		return true
	}
	for _, u := range cg.uses[fn] {
		if _, ok := cg.testCallOf(fn, u); ok && byNonTest {
			continue // judged by its non-test calls
		}
		if c, ok := u.instr.(ssa.CallInstruction); ok && !c.Common().IsInvoke() && staticCallee(c.Common()) == fn && len(c.Common().Args) > 0 {
			if !merge(c.Common().Args[0]) {
				return nil, false
			}
			continue
		}
		if !usesMethodValue(u.instr, fn) {
			return nil, false
		}
		// The receiver is bound where the method value is made: below.
	}
	for _, recv := range cg.dispatch.bound[funcObj(fn)] {
		if !merge(recv) {
			return nil, false
		}
	}
	return g, true
}

// recvGlobal returns the global that recv, the receiver a call passes,
// stands for: the global or its pointer value, or the receiver of a
// singleton candidate (its global, nil while undecided); false if recv is
// anything else.
func (cg *callGraph) recvGlobal(recv ssa.Value, owner map[*ssa.Parameter]*ssa.Function, valid map[*ssa.Function]bool, global map[*ssa.Function]*ssa.Global) (*ssa.Global, bool) {
	switch r := cg.receiverOf(recv).(type) {
	case *ssa.Global:
		return r, true
	case *ssa.UnOp:
		// A pointer global's value (var db = newChannelMap();
		// db.add(x)): its pointee's paths are the global's, as
		// derefLoaded makes them.
		g, ok := r.X.(*ssa.Global)
		if !ok || r.Op != token.MUL {
			return nil, false
		}
		if _, ptr := r.Type().Underlying().(*types.Pointer); !ptr {
			return nil, false
		}
		return g, true
	case *ssa.Parameter:
		m := owner[r]
		if m == nil || !valid[m] {
			return nil, false
		}
		return global[m], true
	}
	return nil, false
}

// testCallOf returns the call of u if it is a static call of fn, a
// method outside test files, from a function in a test file.
func (cg *callGraph) testCallOf(fn *ssa.Function, u use) (*ssa.CallCommon, bool) {
	if isTestFile(cg.pass.Fset, fn.Pos()) || !isTestFile(cg.pass.Fset, u.instr.Parent().Pos()) {
		return nil, false
	}
	c, ok := u.instr.(ssa.CallInstruction)
	if !ok || c.Common().IsInvoke() || staticCallee(c.Common()) != fn || len(c.Common().Args) == 0 {
		return nil, false
	}
	return c.Common(), true
}

// hasNonTestUse reports whether fn, a method outside test files, is used
// outside them: called, or bound as a method value.
func (cg *callGraph) hasNonTestUse(fn *ssa.Function) bool {
	if isTestFile(cg.pass.Fset, fn.Pos()) {
		return false
	}
	for _, u := range cg.uses[fn] {
		if !isTestFile(cg.pass.Fset, u.instr.Parent().Pos()) {
			return true
		}
	}
	for _, recv := range cg.dispatch.bound[funcObj(fn)] {
		if p := recv.Parent(); p == nil || !isTestFile(cg.pass.Fset, p.Pos()) {
			return true
		}
	}
	return false
}

// usesMethodValue reports whether an operand of instr is a method value
// of fn (x.fn).
func usesMethodValue(instr ssa.Instruction, fn *ssa.Function) bool {
	var rands []*ssa.Value
	for _, rand := range instr.Operands(rands) {
		if mc, ok := (*rand).(*ssa.MakeClosure); ok {
			if w, ok := mc.Fn.(*ssa.Function); ok && isBoundWrapper(w) && funcValue(mc) == fn {
				return true
			}
		}
	}
	return false
}

// singletonRoot returns the global a receiver or free variable stands
// for, or nil (refWalk.singleton).
func (cg *callGraph) singletonRoot(v ssa.Value) *ssa.Global {
	return cg.singletons[v]
}

// addrRef is addrRef with the package's singleton receivers resolved to
// their globals.
func (cg *callGraph) addrRef(v ssa.Value) (ref, bool) {
	w := refWalk{singleton: cg.singletonRoot}
	return w.walkRef(v, 0)
}
