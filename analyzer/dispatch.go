package analyzer

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// A dispatch resolves the calls SSA leaves dynamic (DESIGN §1 "reach"):
// an interface method call reaches the methods of that name on the
// package's own types that the package converts to an interface, and a
// call of a func value loaded from a field, map element, slice element or
// global reaches every function of the package stored into such a place
// with the same signature. Neither is a pointer analysis: both are class
// hierarchies restricted to what the package itself does, cheap enough
// for every package that may matter.
type dispatch struct {
	converted []types.Type // the package's own types converted to interfaces, in source order
	seen      typeutil.Map // converted types already in converted
	stored    typeutil.Map // func signature → []*ssa.Function stored into places
	invokes   typeutil.Map // interface type → *ifaceTargets
	// bound holds, per method, the receivers of its method values (x.m).
	bound map[*types.Func][]ssa.Value
	// freeVars maps the free variables of the package's function
	// literals to the values their MakeClosure binds (a literal has one
	// MakeClosure, at its place in the code).
	freeVars map[*ssa.FreeVar]ssa.Value
	// captured maps a local that closures capture, and that is stored
	// once and otherwise only loaded, to the value stored: a captured
	// parameter's spill, a captured local func value.
	captured map[*ssa.Alloc]ssa.Value
}

// ifaceTargets memoises the dispatch of one interface type: the converted
// types that implement it, and the methods found per name.
type ifaceTargets struct {
	impls  []types.Type
	byName map[string][]*ssa.Function
}

// buildDispatch records the converted types and stored functions of the
// package. It visits every instruction once.
func (cg *callGraph) buildDispatch() {
	d := &dispatch{bound: map[*types.Func][]ssa.Value{}, freeVars: map[*ssa.FreeVar]ssa.Value{}, captured: map[*ssa.Alloc]ssa.Value{}}
	cg.dispatch = d
	// paramStores holds, per function, the func parameters it stores
	// into places: a registry (func OnEvent(f func(E)) { hooks =
	// append(hooks, f) }) stores what its callers pass.
	paramStores := map[*ssa.Function][]int{}
	storedParam := func(fn *ssa.Function, v ssa.Value) {
		if p, ok := v.(*ssa.Parameter); ok && p.Parent() == fn {
			if i := slices.Index(fn.Params, p); i >= 0 && isFuncType(p.Type()) && !slices.Contains(paramStores[fn], i) {
				paramStores[fn] = append(paramStores[fn], i)
			}
		}
	}
	for _, fn := range cg.prog.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.Alloc:
					if instr.Heap {
						var stored ssa.Value
						if onlyLoads(instr, 0, &stored) && stored != nil {
							d.captured[instr] = stored
						}
					}
				case *ssa.MakeInterface:
					t := instr.X.Type()
					if cg.ownType(t) && d.seen.At(t) == nil {
						d.seen.Set(t, true)
						d.converted = append(d.converted, t)
					}
				case *ssa.Store:
					if isPlace(instr.Addr) {
						cg.recordStored(instr.Val)
						storedParam(fn, instr.Val)
					}
				case *ssa.MapUpdate:
					cg.recordStored(instr.Value)
					storedParam(fn, instr.Value)
				case *ssa.MakeClosure:
					w, ok := instr.Fn.(*ssa.Function)
					if !ok {
						break
					}
					if isBoundWrapper(w) {
						if obj := funcObj(w); obj != nil && len(instr.Bindings) == 1 {
							d.bound[obj] = append(d.bound[obj], instr.Bindings[0])
						}
						break
					}
					if cg.prog.isSource[w] {
						for i, v := range instr.Bindings {
							if i < len(w.FreeVars) {
								d.freeVars[w.FreeVars[i]] = v
							}
						}
					}
				}
			}
		}
	}
	if len(paramStores) == 0 {
		return
	}
	// What the package passes to such a parameter is stored too. One
	// more visit of every instruction; a parameter passed on to another
	// registry is not followed.
	for _, fn := range cg.prog.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				callee := staticCallee(c.Common())
				for _, i := range paramStores[callee] {
					if i < len(c.Common().Args) {
						cg.recordStored(c.Common().Args[i])
					}
				}
			}
		}
	}
}

// isPlace reports whether addr is the address of memory a func value can
// be loaded from later by other code: a global, a field, or an element.
// A local variable SSA could not lift is not one; its loads are resolved
// where they are (funcTargets).
func isPlace(addr ssa.Value) bool {
	switch addr.(type) {
	case *ssa.Global, *ssa.FieldAddr, *ssa.IndexAddr:
		return true
	}
	return false
}

// recordStored records v, if it is a function of the package, as stored
// into a func-typed place.
func (cg *callGraph) recordStored(v ssa.Value) {
	sig, ok := v.Type().Underlying().(*types.Signature)
	if !ok {
		return
	}
	f := funcValue(v)
	if f == nil || !cg.prog.isSource[f] {
		return
	}
	fs, _ := cg.dispatch.stored.At(sig).([]*ssa.Function)
	if !slices.Contains(fs, f) {
		cg.dispatch.stored.Set(sig, append(fs, f))
	}
}

// ownType reports whether t is a named type declared in the analysed
// package, or a pointer to one.
func (cg *callGraph) ownType(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() == cg.pass.Pkg
}

// callTargets returns the source functions a call that is not static may
// run: for an interface method call, the methods of the converted types
// that implement the interface; for a call of a func value, the
// functions funcTargets finds. Targets are in a deterministic order.
func (cg *callGraph) callTargets(call *ssa.CallCommon) []*ssa.Function {
	if call.IsInvoke() {
		return cg.invokeTargets(call)
	}
	if staticCallee(call) != nil || funcValue(call.Value) != nil {
		return nil // SSA resolves it
	}
	return cg.funcTargets(call.Value)
}

// invokeTargets returns the methods an interface method call may run,
// memoised per interface type and method.
func (cg *callGraph) invokeTargets(call *ssa.CallCommon) []*ssa.Function {
	d := cg.dispatch
	it := call.Value.Type()
	iface, ok := it.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	ti, _ := d.invokes.At(it).(*ifaceTargets)
	if ti == nil {
		ti = &ifaceTargets{byName: map[string][]*ssa.Function{}}
		for _, t := range d.converted {
			if types.Implements(t, iface) {
				ti.impls = append(ti.impls, t)
			}
		}
		d.invokes.Set(it, ti)
	}
	name := call.Method.Name()
	if fs, ok := ti.byName[name]; ok {
		return fs
	}
	var fs []*ssa.Function
	for _, t := range ti.impls {
		if f := cg.sourceMethod(t, call.Method.Pkg(), name); f != nil && !slices.Contains(fs, f) {
			fs = append(fs, f)
		}
	}
	ti.byName[name] = fs
	return fs
}

// funcTargets returns the source functions a func value may denote: the
// function SSA resolves, each operand of a phi, and for a value loaded
// from a field, element or global, every function of the package stored
// into such a place with its signature. Each value is visited once.
func (cg *callGraph) funcTargets(v ssa.Value) []*ssa.Function {
	var out []*ssa.Function
	add := func(fs ...*ssa.Function) {
		for _, f := range fs {
			if f != nil && cg.prog.isSource[f] && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	seen := map[ssa.Value]bool{}
	work := []ssa.Value{v}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[v] {
			continue
		}
		seen[v] = true
		if f := funcValue(v); f != nil {
			add(f)
			continue
		}
		switch x := v.(type) {
		case *ssa.Phi:
			work = append(work, x.Edges...)
		case *ssa.ChangeType:
			work = append(work, x.X)
		case *ssa.Convert:
			work = append(work, x.X)
		case *ssa.UnOp:
			if c, ok := cg.capturedValue(x); ok {
				// A local func value a literal captures (run :=
				// func() {…}; go func() { run() }()).
				work = append(work, c)
			} else if isPlace(x.X) {
				add(cg.storedLike(x)...)
			}
		case *ssa.Lookup, *ssa.Index:
			add(cg.storedLike(x)...)
		case *ssa.Extract:
			if _, ok := x.Tuple.(*ssa.Lookup); ok && x.Index == 0 {
				add(cg.storedLike(x)...)
			}
		}
	}
	return out
}

// storedLike returns the functions stored into func-typed places with
// the signature of v's type.
func (cg *callGraph) storedLike(v ssa.Value) []*ssa.Function {
	sig, ok := v.Type().Underlying().(*types.Signature)
	if !ok {
		return nil
	}
	fs, _ := cg.dispatch.stored.At(sig).([]*ssa.Function)
	return fs
}

// capturedValue returns the value v loads, if v loads a captured local
// that is stored once (dispatch.captured), from the function that
// declares it or through the free variables of its closures.
func (cg *callGraph) capturedValue(v ssa.Value) (ssa.Value, bool) {
	u, ok := v.(*ssa.UnOp)
	if !ok || u.Op != token.MUL {
		return nil, false
	}
	a, ok := boundValue(u.X, cg.dispatch.freeVars).(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	c, ok := cg.dispatch.captured[a]
	return c, ok
}

// boundValue follows a free variable out through the closures that
// enclose it to the value bound to it in the function that declares it.
// Each step moves to an enclosing function, so the loop ends within the
// nesting depth; the step bound keeps a malformed binding cycle from
// looping.
func boundValue(v ssa.Value, bindings map[*ssa.FreeVar]ssa.Value) ssa.Value {
	for range maxRefDepth {
		fv, ok := v.(*ssa.FreeVar)
		if !ok {
			return v
		}
		w, ok := bindings[fv]
		if !ok {
			return v
		}
		v = w
	}
	return v
}

// onlyLoads reports whether the address v (a local that closures
// capture, or a closure's free variable bound to it) is only loaded
// from, bound into closures that only load from it, and, in the
// declaring function (depth 0), stored to once, with the value it sets
// *stored to. Each closure's uses are visited once, at most maxRefDepth
// closures deep.
func onlyLoads(v ssa.Value, depth int, stored *ssa.Value) bool {
	if depth > maxRefDepth || v.Referrers() == nil {
		return false
	}
	for _, instr := range *v.Referrers() {
		switch instr := instr.(type) {
		case *ssa.UnOp:
			if instr.Op != token.MUL {
				return false
			}
		case *ssa.DebugRef:
		case *ssa.Store:
			if instr.Addr != v || depth > 0 || *stored != nil {
				return false
			}
			*stored = instr.Val
		case *ssa.MakeClosure:
			anon, ok := instr.Fn.(*ssa.Function)
			if !ok {
				return false
			}
			for i, b := range instr.Bindings {
				if b == v && (i >= len(anon.FreeVars) || !onlyLoads(anon.FreeVars[i], depth+1, stored)) {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// sourceMethod returns the source function of t's method pkg.name (a
// generic method's origin), or nil if t has no such method or it is not
// of this package's source: an interface call's target, or an invoked
// method's (sinks.go).
func (cg *callGraph) sourceMethod(t types.Type, pkg *types.Package, name string) *ssa.Function {
	sel := cg.prog.pkg.Prog.MethodSets.MethodSet(t).Lookup(pkg, name)
	if sel == nil {
		return nil
	}
	obj, ok := sel.Obj().(*types.Func)
	if !ok {
		return nil
	}
	if f := norm(cg.prog.pkg.Prog.FuncValue(obj.Origin())); f != nil && cg.prog.isSource[f] {
		return f
	}
	return nil
}
