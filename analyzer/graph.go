package analyzer

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// staticCallee returns the function call statically calls, normalised to
// the generic origin, or nil for dynamic and interface calls.
func staticCallee(call *ssa.CallCommon) *ssa.Function {
	if call.IsInvoke() {
		return nil
	}
	return norm(call.StaticCallee())
}

// A use of a function value inside the package.
type use struct {
	instr ssa.Instruction
	kind  useKind
	// For useCallback: the helper called and the parameter index that
	// receives the function.
	helper *ssa.Function
	param  int
}

type useKind int

const (
	useCall     useKind = iota // called in place: f()
	useDefer                   // deferred: defer f()
	useCallback                // passed to an in-package helper that calls it
	useOther                   // anything else: spawned, stored, returned
)

// buildCallGraph is stage 3: the dispatch of dynamic calls, the call
// edges and uses with a callees-first order, then the singleton
// receivers, which read both.
func buildCallGraph(pass *analysis.Pass, k *apis, prog *program, imports *factImporter) *callGraph {
	cg := &callGraph{pass: pass, apis: k, prog: prog, imports: imports}
	cg.buildDispatch()
	cg.buildGraph()
	cg.findSingletons()
	return cg
}

// buildGraph records, for every source function, its static callees and
// the uses of its value, and computes a bottom-up (callees first) order.
func (cg *callGraph) buildGraph() {
	cg.callees = map[*ssa.Function][]*ssa.Function{}
	cg.uses = map[*ssa.Function][]use{}
	// started holds the source functions that fn's go statements start.
	// They are not fn's callees (they do not run in fn's context), but
	// they come before fn in the order: fn's summary reads theirs to
	// learn what they do with the func parameters fn hands them.
	started := map[*ssa.Function][]*ssa.Function{}
	for _, fn := range cg.prog.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				cg.recordUses(fn, instr)
				if g, ok := instr.(*ssa.Go); ok {
					if f := funcValue(g.Call.Value); f != nil && cg.prog.isSource[f] {
						started[fn] = append(started[fn], f)
					}
				}
			}
		}
	}
	// Tarjan's algorithm emits components callees (and started
	// functions) first.
	// Recursion (cyclic) is of calls alone: a second walk, as linear
	// as the first.
	succs := func(f *ssa.Function) []*ssa.Function {
		if len(started[f]) == 0 {
			return cg.callees[f]
		}
		return append(slices.Clip(cg.callees[f]), started[f]...)
	}
	for _, scc := range sccs(cg.prog.funcs, succs) {
		cg.order = append(cg.order, scc...)
	}
	cg.cyclic = map[*ssa.Function]bool{}
	for _, scc := range sccs(cg.prog.funcs, func(f *ssa.Function) []*ssa.Function { return cg.callees[f] }) {
		for _, f := range scc {
			if len(scc) > 1 || slices.Contains(cg.callees[f], f) {
				cg.cyclic[f] = true
			}
		}
	}
}

// recordUses records the call edges and function-value uses of instr.
func (cg *callGraph) recordUses(fn *ssa.Function, instr ssa.Instruction) {
	var call *ssa.CallCommon
	if c, ok := instr.(ssa.CallInstruction); ok {
		call = c.Common()
	}
	if call != nil {
		if callee := staticCallee(call); callee != nil && cg.prog.isSource[callee] {
			kind := useCall
			switch instr.(type) {
			case *ssa.Defer:
				kind = useDefer
			case *ssa.Go:
				kind = useOther
			}
			if kind != useOther {
				cg.callees[fn] = append(cg.callees[fn], callee)
			}
			if _, bound := call.Value.(*ssa.MakeClosure); !bound || kind != useOther {
				cg.uses[callee] = append(cg.uses[callee], use{instr: instr, kind: kind})
			}
		} else if _, isGo := instr.(*ssa.Go); !isGo {
			// An interface method call or a call of a func value loaded
			// from memory: a call of each function it may run.
			kind := useCall
			if _, ok := instr.(*ssa.Defer); ok {
				kind = useDefer
			}
			for _, t := range cg.callTargets(call) {
				cg.callees[fn] = append(cg.callees[fn], t)
				cg.uses[t] = append(cg.uses[t], use{instr: instr, kind: kind})
			}
		}
	}
	if mc, ok := instr.(*ssa.MakeClosure); ok {
		cg.recordClosureUses(fn, mc)
		return
	}
	var rands []*ssa.Value
	for i, rand := range instr.Operands(rands) {
		if call != nil && i == 0 && !call.IsInvoke() {
			continue // the callee position, handled above
		}
		f := funcValue(*rand)
		if f == nil || !cg.prog.isSource[f] {
			continue
		}
		if _, isClosure := (*rand).(*ssa.MakeClosure); isClosure {
			continue // recorded at the MakeClosure's own uses below
		}
		cg.recordValueUse(fn, instr, call, f, *rand)
	}
}

// recordClosureUses records the uses of the closure mc makes: its
// referrers.
func (cg *callGraph) recordClosureUses(fn *ssa.Function, mc *ssa.MakeClosure) {
	f := funcValue(mc)
	if f == nil || !cg.prog.isSource[f] {
		return
	}
	refs := mc.Referrers()
	if refs == nil || len(*refs) == 0 {
		cg.uses[f] = append(cg.uses[f], use{instr: mc, kind: useOther})
		return
	}
	for _, r := range *refs {
		var c *ssa.CallCommon
		if rc, ok := r.(ssa.CallInstruction); ok {
			c = rc.Common()
		}
		cg.recordValueUse(fn, r, c, f, mc)
	}
}

// recordValueUse records that instr (in fn) uses the value v of function f.
func (cg *callGraph) recordValueUse(fn *ssa.Function, instr ssa.Instruction, call *ssa.CallCommon, f *ssa.Function, v ssa.Value) {
	u := use{instr: instr, kind: useOther}
	if call != nil && call.Value == v {
		switch instr.(type) {
		case *ssa.Call:
			u.kind = useCall
		case *ssa.Defer:
			u.kind = useDefer
		}
		if u.kind != useOther {
			cg.callees[fn] = append(cg.callees[fn], f)
		}
	} else if call != nil {
		// helper is nil for an interface method or a func value: nothing
		// is known of it, and f runs in place as for unknownCaller.
		if helper := staticCallee(call); helper == nil || cg.prog.isSource[helper] || cg.imports.factOf(helper) != nil || cg.unknownCaller(helper) {
			for k, arg := range call.Args {
				if arg == v {
					if _, isGo := instr.(*ssa.Go); !isGo {
						u = use{instr: instr, kind: useCallback, helper: helper, param: k}
					}
					cg.callees[fn] = append(cg.callees[fn], f)
				}
			}
		}
	}
	cg.uses[f] = append(cg.uses[f], u)
}

// sccs returns the strongly connected components of the graph of nodes
// and succs (Tarjan's algorithm), each component after the components it
// reaches. Every node is indexed once and every edge followed once: the
// work is linear in the graph.
func sccs[N comparable](nodes []N, succs func(N) []N) [][]N {
	index := map[N]int{}
	low := map[N]int{}
	onStack := map[N]bool{}
	var stack []N
	var out [][]N
	next := 0
	var visit func(f N)
	visit = func(f N) {
		index[f], low[f] = next, next
		next++
		stack = append(stack, f)
		onStack[f] = true
		for _, g := range succs(f) {
			if _, seen := index[g]; !seen {
				visit(g)
				low[f] = min(low[f], low[g])
			} else if onStack[g] {
				low[f] = min(low[f], index[g])
			}
		}
		if low[f] == index[f] {
			var scc []N
			for {
				g := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[g] = false
				scc = append(scc, g)
				if g == f {
					break
				}
			}
			out = append(out, scc)
		}
	}
	for _, f := range nodes {
		if _, seen := index[f]; !seen {
			visit(f)
		}
	}
	return out
}

// isExportedFunc reports whether fn is an exported function or an
// exported method (of any type): an entry of the caller context.
func isExportedFunc(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Parent() != nil || fn.Synthetic != "" {
		return false
	}
	return obj.Exported()
}

// unknownCaller reports whether helper is a function chanown knows nothing
// of (no source here, no fact: sort.Slice, slices.SortFunc, strings.Map)
// and that is not a spawn function. A func argument passed to it is taken
// to run in place, with the caller's locks, like a closure called in
// place (DESIGN §1): taking it to run later without them would report
// races that are not there. A function known to run its argument after
// the caller returns (t.Cleanup, afterReturnSpecs) keeps this edge, but
// the argument enters without the caller's locks (collectAccesses).
func (cg *callGraph) unknownCaller(helper *ssa.Function) bool {
	obj := funcObj(helper)
	if obj == nil {
		return false
	}
	return !cg.apis.runsLater(obj)
}

// distinctInstrs counts the distinct instructions of us.
func distinctInstrs(us []use) int {
	seen := map[ssa.Instruction]bool{}
	for _, u := range us {
		seen[u.instr] = true
	}
	return len(seen)
}

// callGraph is the product of stage 3 (buildCallGraph): who calls whom,
// how each function value is used, and what the calls SSA leaves dynamic
// may run. It keeps the inputs its queries read (callTargets and
// addrRef need the program; invokeTargets memoises per interface type).
type callGraph struct {
	pass    *analysis.Pass
	apis    *apis
	prog    *program
	imports *factImporter

	dispatch   *dispatch
	callees    map[*ssa.Function][]*ssa.Function
	uses       map[*ssa.Function][]use
	order      []*ssa.Function // callees before callers
	cyclic     map[*ssa.Function]bool
	singletons map[ssa.Value]*ssa.Global // singleton receivers and their free variables (singleton.go)
	// foreignCalls holds the calls from test files that pass a singleton
	// method a receiver other than its global (tp := T{}; tp.m()): they
	// are no edges of the reach graph, so a test's own instance touches
	// no global (singleton.go).
	foreignCalls map[ssa.Instruction]bool
}
