package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A unit is the data a guard protects: a package-level variable of this
// package, or a field path rooted at one ("st.m"), named by its path.
type unit struct {
	key  string
	obj  *types.Var // the root global
	typ  types.Type // the type at the path
	pos  token.Pos  // position of the root's declaration
	refs []*access  // every access, in collection order
}

// A globalLock is a mutex rooted at a package-level variable of this
// package by an exact field path: "mu", "st.mu", "st.Mutex".
type globalLock struct {
	id  string
	obj *types.Var // the root global
	rw  bool       // a sync.RWMutex
}

// A globalTable indexes the package-level variables of the package.
type globalTable struct {
	pass  *analysis.Pass
	specs map[*types.Var]*ast.GenDecl // the var declaration of each global
	units map[string]*unit
	locks map[string]*globalLock
}

// collectGlobals indexes the package's var declarations.
func collectGlobals(pass *analysis.Pass, pc *passContext) *globalTable {
	gt := &globalTable{
		pass:  pass,
		specs: map[*types.Var]*ast.GenDecl{},
		units: map[string]*unit{},
		locks: map[string]*globalLock{},
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				for _, name := range spec.(*ast.ValueSpec).Names {
					if v, ok := pass.TypesInfo.Defs[name].(*types.Var); ok {
						gt.specs[v] = gd
					}
				}
			}
		}
	}
	return gt
}

// unitOf returns the unit that ref r (rooted at a global) denotes, or nil
// when r's root is not a global of this package, or the memory is a lock
// or holds one.
func (gt *globalTable) unitOf(r ref) *unit {
	g := r.global()
	if g == nil {
		return nil
	}
	obj, ok := g.Object().(*types.Var)
	if !ok || obj.Pkg() != gt.pass.Pkg || obj.Name() == "_" {
		return nil
	}
	key := r.path()
	if u, ok := gt.units[key]; ok {
		return u
	}
	t := pathType(obj.Type(), r.fields)
	// A value holding a lock in its own storage is not data; a pointer
	// to one (var srv = &server{}) is.
	if t == nil || containsLock(t, 1) {
		gt.units[key] = nil
		return nil
	}
	u := &unit{key: key, obj: obj, typ: t, pos: obj.Pos()}
	gt.units[key] = u
	return u
}

// lockOf returns the global lock with id, registering it on first use.
func (gt *globalTable) lockOf(id string, addr ssa.Value) *globalLock {
	if l, ok := gt.locks[id]; ok {
		return l
	}
	r, ok := addrRef(addr)
	if !ok || r.global() == nil {
		return nil
	}
	obj, ok := r.global().Object().(*types.Var)
	if !ok || obj.Pkg() != gt.pass.Pkg {
		gt.locks[id] = nil
		return nil
	}
	l := &globalLock{id: id, obj: obj, rw: isRWMutex(pathType(obj.Type(), r.fields))}
	gt.locks[id] = l
	return l
}

// pathType returns the type reached from t by selecting fields,
// dereferencing pointers on the way, or nil.
func pathType(t types.Type, fields []string) types.Type {
	for _, name := range fields {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		s, ok := t.Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		var next types.Type
		for i := range s.NumFields() {
			if s.Field(i).Name() == name {
				next = s.Field(i).Type()
				break
			}
		}
		if next == nil {
			return nil
		}
		t = next
	}
	return t
}

// containsLock reports whether a value of type t holds a sync.Mutex or
// sync.RWMutex in its own storage (or, at the top level, behind a
// pointer: var srv = &server{}).
func containsLock(t types.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	if isLockType(t) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if containsLock(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return containsLock(u.Elem(), depth+1)
	case *types.Pointer:
		if depth == 0 {
			return containsLock(u.Elem(), depth+1)
		}
	}
	return false
}

// hat returns the id of the lock declared directly above the unit: the
// nearest preceding lock in the same var block for a variable, or the
// nearest preceding lock field of the same struct for a field path (the
// "mutex hat" convention).
func (gt *globalTable) hat(u *unit) string {
	if i := strings.LastIndexByte(u.key, '.'); i >= 0 {
		prefix, field := u.key[:i], u.key[i+1:]
		parts := strings.Split(prefix, ".")
		t := pathType(u.obj.Type(), parts[1:])
		if t == nil {
			return ""
		}
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		s, ok := t.Underlying().(*types.Struct)
		if !ok {
			return ""
		}
		hat := ""
		for i := range s.NumFields() {
			f := s.Field(i)
			if f.Name() == field {
				return hat
			}
			if isLockType(f.Type()) {
				hat = prefix + "." + f.Name()
			}
		}
		return ""
	}
	gd := gt.specs[u.obj]
	if gd == nil {
		return ""
	}
	hat := ""
	for _, spec := range gd.Specs {
		for _, name := range spec.(*ast.ValueSpec).Names {
			v, _ := gt.pass.TypesInfo.Defs[name].(*types.Var)
			if v == u.obj {
				return hat
			}
			if v != nil && isLockType(v.Type()) {
				hat = v.Name()
			}
		}
	}
	return ""
}

// isSelfSync reports whether values of type t synchronise themselves
// (DESIGN §1 "self-synchronised").
func (pc *passContext) isSelfSync(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Chan); ok {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path, name := n.Obj().Pkg().Path(), n.Obj().Name()
	switch path {
	case "sync/atomic":
		return true
	case "sync":
		switch name {
		case "Map", "Once", "WaitGroup", "Pool", "Cond":
			return true
		}
	case "log":
		return name == "Logger"
	case "log/slog":
		return name == "Logger"
	}
	return pc.selfSync[path+"."+name]
}
