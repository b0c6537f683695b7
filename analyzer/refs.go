package analyzer

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A ref describes the memory an SSA value refers to, relative to a root:
// a package-level variable (*ssa.Global) or, for instance state, a
// parameter or free variable.
//
// For an address, the memory is the addressed location; for a loaded map,
// slice or pointer, it is the storage the value refers to.
type ref struct {
	root   ssa.Value // *ssa.Global, *ssa.Parameter or *ssa.FreeVar
	fields []string  // field path from the root while the path stays exact
	exact  bool      // the memory is exactly root.fields (no index, no pointer hop)
	hops   int       // pointer dereferences past the root's own storage
}

// A refResolver finds the ref of an address: addrRef, or with the
// package's singleton receivers resolved, (*callGraph).addrRef.
type refResolver func(ssa.Value) (ref, bool)

// global returns the root as a package-level variable, or nil.
func (r ref) global() *ssa.Global {
	g, _ := r.root.(*ssa.Global)
	return g
}

// path returns the qualified dotted name of the exact part of r:
// "example.com/a.st.m".
func (r ref) path() string {
	name := rootName(r.root)
	if len(r.fields) == 0 {
		return name
	}
	return name + "." + strings.Join(r.fields, ".")
}

// rootName names a ref root. A package-level variable is named by its
// package path and name ("example.com/a.counts"), so that globals of
// several packages (reached through facts) never collide; messages show
// the name relative to the analysed package (globalTable.show).
func rootName(v ssa.Value) string {
	if g, ok := v.(*ssa.Global); ok {
		if g.Pkg != nil {
			return g.Pkg.Pkg.Path() + "." + g.Name()
		}
		return g.Name()
	}
	return v.Name()
}

// addrRef returns the ref of an address value v, and whether v is rooted
// at a global, parameter or free variable.
func addrRef(v ssa.Value) (ref, bool) {
	var w refWalk
	return w.walkRef(v, 0)
}

// A refWalk is one walk of addrRef from one value. Its work is linear in
// the size of the function: every case but Phi follows a single operand,
// at most maxRefDepth in a row, and each phi is resolved once (phis
// memoises it; a phi met again while it is being resolved, on a loop, is
// skipped like a self-edge), whatever the depth it is met at. Without the memo a web of phis, as loops
// with several continues make, would be walked once per path: 2^16
// times.
type refWalk struct {
	phis  map[*ssa.Phi]refResult // resolved phis, or inProgress
	steps walkCount
	// singleton maps a receiver (or a free variable bound to one) to the
	// global that every call passes as that receiver, or nil
	// (callGraph.singletonRoot).
	singleton func(ssa.Value) *ssa.Global
}

// A refResult is the result of resolving a phi (phiRef).
type refResult struct {
	r          ref
	ok, known  bool
	inProgress bool
}

// walkRef implements addrRef. Its invariant: the result describes the
// memory v points to (for pointers and addresses) or the storage v refers
// to (for maps and slices).
func (w *refWalk) walkRef(v ssa.Value, depth int) (ref, bool) {
	w.steps.step()
	if depth > maxRefDepth {
		return ref{}, false
	}
	switch v := v.(type) {
	case *ssa.Global:
		return ref{root: v, exact: true}, true
	case *ssa.Parameter, *ssa.FreeVar:
		if !isPointerLike(v.Type()) {
			return ref{}, false
		}
		if w.singleton != nil {
			if g := w.singleton(v); g != nil {
				// A singleton receiver is that global (DESIGN §1 "lock").
				return ref{root: g, exact: true}, true
			}
		}
		// A pointer parameter points at the instance it was given.
		return ref{root: v, exact: true}, true
	case *ssa.Alloc:
		// The spill of a captured singleton receiver holds that global's
		// address; any other local is not a global's storage.
		if w.singleton != nil {
			if g := w.singleton(v); g != nil {
				return ref{root: g, exact: true}, true
			}
		}
	case *ssa.FieldAddr:
		r, ok := w.walkRef(v.X, depth+1)
		if !ok {
			return r, false
		}
		if r.exact {
			r.fields = append(r.fields[:len(r.fields):len(r.fields)], fieldName(v.X.Type(), v.Field))
		}
		return r, true
	case *ssa.IndexAddr:
		r, ok := w.walkRef(v.X, depth+1)
		r.exact = false
		return r, ok
	case *ssa.UnOp:
		if v.Op.String() != "*" {
			return ref{}, false
		}
		return w.loadedRef(v.X, v.Type(), depth)
	case *ssa.Field:
		// A field of a loaded struct value: the storage of the field's
		// value, reached like a load from the field's address.
		r, ok := w.valueRef(v.X, depth+1)
		if !ok {
			return r, false
		}
		if r.exact {
			r.fields = append(r.fields[:len(r.fields):len(r.fields)], fieldName(v.X.Type(), v.Field))
		}
		return derefLoaded(r, v.Type()), true
	case *ssa.Index:
		r, ok := w.valueRef(v.X, depth+1)
		if !ok {
			return r, false
		}
		r.exact = false
		return derefLoaded(r, v.Type()), true
	case *ssa.Lookup:
		r, ok := w.walkRef(v.X, depth+1)
		if !ok {
			return r, false
		}
		r.exact = false
		if v.CommaOk {
			return r, true // the tuple; see Extract
		}
		return derefLoaded(r, v.Type()), true
	case *ssa.Extract:
		switch t := v.Tuple.(type) {
		case *ssa.Lookup:
			if v.Index != 0 {
				return ref{}, false
			}
			r, ok := w.walkRef(t, depth+1)
			return derefLoaded(r, v.Type()), ok
		case *ssa.Next:
			if v.Index != 2 {
				// The ok flag, or a key: a map keeps its keys by value,
				// so what a pointer key points to is not the map's
				// storage (a string's index is no storage at all).
				return ref{}, false
			}
			rng, ok := t.Iter.(*ssa.Range)
			if !ok {
				return ref{}, false
			}
			r, ok := w.walkRef(rng.X, depth+1)
			r.exact = false
			return derefLoaded(r, v.Type()), ok
		}
	case *ssa.Slice:
		r, ok := w.walkRef(v.X, depth+1)
		r.exact = false
		return r, ok
	case *ssa.ChangeType:
		return w.walkRef(v.X, depth+1)
	case *ssa.Convert:
		if isPointerLike(v.Type()) && isPointerLike(v.X.Type()) {
			return w.walkRef(v.X, depth+1)
		}
	case *ssa.Phi:
		r, ok, known := w.phiRef(v, depth)
		return r, ok && known
	}
	return ref{}, false
}

// phiRef resolves the phi v once per walk (memoised in w.phis): the ref
// common to every edge, skipping nil constants and the phis being
// resolved further up, around a loop. known is false when every edge was
// skipped: the phi only passes on values that are being resolved.
func (w *refWalk) phiRef(v *ssa.Phi, depth int) (r ref, ok, known bool) {
	if res, done := w.phis[v]; done {
		return res.r, res.ok, res.known
	}
	if w.phis == nil {
		w.phis = map[*ssa.Phi]refResult{}
	}
	w.phis[v] = refResult{inProgress: true}
	r, ok, known = w.phiEdges(v, depth)
	w.phis[v] = refResult{r: r, ok: ok, known: known}
	return r, ok, known
}

// phiEdges implements phiRef.
func (w *refWalk) phiEdges(v *ssa.Phi, depth int) (out ref, ok, found bool) {
	for _, e := range v.Edges {
		w.steps.step()
		if c, isConst := e.(*ssa.Const); isConst && c.IsNil() {
			continue
		}
		var r ref
		if p, isPhi := e.(*ssa.Phi); isPhi {
			if w.phis[p].inProgress {
				continue // v itself, or a loop back to a phi above
			}
			// Phis do not count towards maxRefDepth: each is resolved
			// once, so however long a chain of them is, it is walked
			// once.
			var known bool
			r, ok, known = w.phiRef(p, depth)
			if !known {
				continue
			}
		} else {
			r, ok = w.walkRef(e, depth+1)
		}
		if !ok {
			return ref{}, false, true
		}
		if found && (r.root != out.root || r.path() != out.path() || r.exact != out.exact || r.hops != out.hops) {
			return ref{}, false, true
		}
		out, found = r, true
	}
	return out, true, found
}

// valueRef returns the ref of the location a struct or array value v was
// loaded from, so that selecting within it extends that location's path.
func (w *refWalk) valueRef(v ssa.Value, depth int) (ref, bool) {
	if u, ok := v.(*ssa.UnOp); ok && u.Op.String() == "*" {
		return w.walkRef(u.X, depth+1)
	}
	if f, ok := v.(*ssa.Field); ok {
		r, ok := w.valueRef(f.X, depth+1)
		if ok && r.exact {
			r.fields = append(r.fields[:len(r.fields):len(r.fields)], fieldName(f.X.Type(), f.Field))
		}
		return r, ok
	}
	return ref{}, false
}

// loadedRef returns the ref of a value of type t loaded from address addr.
func (w *refWalk) loadedRef(addr ssa.Value, t types.Type, depth int) (ref, bool) {
	r, ok := w.walkRef(addr, depth+1)
	if !ok {
		return r, false
	}
	return derefLoaded(r, t), true
}

// derefLoaded turns the ref of the location a value of type t was loaded
// from into the ref of the storage that value refers to. Maps and slices
// share their location's distance (their backing store is part of the
// variable); a pointer adds a hop, except that a pointer loaded from a
// package-level variable's exact path continues the path: `var srv =
// &server{}` makes srv.mu a path of srv.
func derefLoaded(r ref, t types.Type) ref {
	switch t.Underlying().(type) {
	case *types.Pointer:
		if r.exact && r.hops == 0 && r.global() != nil {
			return r
		}
		r.exact = false
		r.hops++
	case *types.Map, *types.Slice:
		r.exact = false
	default:
		// Scalars and structs loaded into registers do not refer to
		// memory; keep r so Field/Index selections can extend it.
	}
	return r
}

// fieldName returns the name of field i of the struct that t (a struct or
// a pointer to one) denotes.
func fieldName(t types.Type, i int) string {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if s, ok := t.Underlying().(*types.Struct); ok && i < s.NumFields() {
		return s.Field(i).Name()
	}
	return "?"
}

// isPointerLike reports whether t is a pointer, map, slice or channel.
func isPointerLike(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Slice, *types.Chan:
		return true
	}
	return false
}
