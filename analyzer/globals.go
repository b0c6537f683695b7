package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A unit is the data a guard protects: a package-level variable of this
// package, or a field path rooted at one ("st.m"), named by its path.
type unit struct {
	key     string
	obj     *types.Var // the root global
	typ     types.Type // the type at the path
	pos     token.Pos  // position of the root's declaration
	foreign bool       // declared in another package of the module

	// synthetic units are known only from facts (foreignUnit): obj is
	// made up, typ stands for their shape, and pos is NoPos.
	synthetic bool
	shape     factShape
}

// A globalLock is a mutex rooted at a package-level variable of this
// package by an exact field path: "mu", "st.mu", "st.Mutex".
type globalLock struct {
	id      string
	obj     *types.Var // the root global
	rw      bool       // a sync.RWMutex
	foreign bool       // declared in another package
}

// A globalTable indexes the package-level variables of the package.
type globalTable struct {
	pass  *analysis.Pass
	specs map[*types.Var]*ast.GenDecl // the var declaration of each global
	units map[string]*unit
	locks map[string]*globalLock

	pkgs   map[string]*types.Package // the package and its imports, by path
	madeUp map[string]*types.Package // packages of synthetic globals, by path
	module moduleID                  // the analysed package's module
}

// collectGlobals indexes the package's var declarations.
func collectGlobals(pass *analysis.Pass) *globalTable {
	gt := &globalTable{
		pass:   pass,
		specs:  map[*types.Var]*ast.GenDecl{},
		units:  map[string]*unit{},
		locks:  map[string]*globalLock{},
		module: passModule(pass),
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
	if !ok {
		return nil
	}
	return gt.unitByID(obj, r.fields, r.path())
}

// unitByID returns the unit of the field path fields of obj, whose id is
// key, registering it on first use; nil if obj is not a global of this
// package or of another package of this module, or the memory is a lock
// or holds one.
func (gt *globalTable) unitByID(obj *types.Var, fields []string, key string) *unit {
	if u, ok := gt.units[key]; ok {
		return u
	}
	if obj.Name() == "_" || !gt.ours(obj.Pkg()) {
		gt.units[key] = nil
		return nil
	}
	t := pathType(obj.Type(), fields)
	// A value holding a lock in its own storage is not data; a pointer
	// to one (var srv = &server{}) is.
	if t == nil || containsLock(t, 1) {
		gt.units[key] = nil
		return nil
	}
	u := &unit{key: key, obj: obj, typ: t, pos: obj.Pos(), foreign: obj.Pkg() != gt.pass.Pkg}
	gt.units[key] = u
	return u
}

// lockOf returns the global lock with id, registering it on first use.
func (gt *globalTable) lockOf(id string) *globalLock {
	if l, ok := gt.locks[id]; ok {
		return l
	}
	obj, fields := gt.lookup(id)
	if obj == nil || !gt.ours(obj.Pkg()) {
		gt.locks[id] = nil
		return nil
	}
	l := &globalLock{id: id, obj: obj, rw: isRWMutex(pathType(obj.Type(), fields)), foreign: obj.Pkg() != gt.pass.Pkg}
	gt.locks[id] = l
	return l
}

// lookup returns the package-level variable and field path that a
// qualified id ("example.com/a.st.mu") names, or nil.
func (gt *globalTable) lookup(id string) (*types.Var, []string) {
	best := gt.pkgPathOf(id)
	if best == "" {
		return nil, nil
	}
	parts := strings.Split(id[len(best)+1:], ".")
	v, _ := gt.pkgs[best].Scope().Lookup(parts[0]).(*types.Var)
	return v, parts[1:]
}

// synthetic returns a made-up variable for the root of a qualified id
// that lookup cannot find: in a package it can find, or in a package
// made up from the id, whose path ends before the first dot after the
// last slash. It is nil for an id of the analysed package.
func (gt *globalTable) synthetic(id string) *types.Var {
	best := gt.pkgPathOf(id)
	pkg := gt.pkgs[best]
	if best == "" {
		slash := strings.LastIndexByte(id, '/') + 1
		dot := strings.IndexByte(id[slash:], '.')
		if dot < 0 {
			return nil
		}
		best = id[:slash+dot]
		pkg = gt.madeUp[best]
		if pkg == nil {
			pkg = types.NewPackage(best, id[slash:slash+dot])
			if gt.madeUp == nil {
				gt.madeUp = map[string]*types.Package{}
			}
			gt.madeUp[best] = pkg
		}
	}
	if pkg == gt.pass.Pkg {
		return nil
	}
	name, _, _ := strings.Cut(id[len(best)+1:], ".")
	if name == "" {
		return nil
	}
	return types.NewVar(token.NoPos, pkg, name, types.Typ[types.Invalid])
}

// pkgPathOf returns the path of the known package that qualified id
// starts with (the longest, since paths may be prefixes of each other),
// or "".
func (gt *globalTable) pkgPathOf(id string) string {
	gt.indexPackages()
	best := ""
	for path := range gt.pkgs {
		if strings.HasPrefix(id, path+".") && len(path) > len(best) {
			best = path
		}
	}
	return best
}

// indexPackages records the analysed package and its transitive imports.
func (gt *globalTable) indexPackages() {
	if gt.pkgs != nil {
		return
	}
	gt.pkgs = map[string]*types.Package{}
	var add func(p *types.Package)
	add = func(p *types.Package) {
		if _, seen := gt.pkgs[p.Path()]; seen {
			return
		}
		gt.pkgs[p.Path()] = p
		for _, q := range p.Imports() {
			add(q)
		}
	}
	add(gt.pass.Pkg)
}

// ours reports whether globals of package p may be reported here: p is
// the analysed package, or a package of the same module whose facts say
// so (DESIGN §4, §5 "Modules").
func (gt *globalTable) ours(p *types.Package) bool {
	if p == gt.pass.Pkg {
		return true
	}
	if gt.module.path == stdModule {
		// The standard library's packages report only their own
		// globals: a report in net about sync's pool registry helps
		// nobody who reads it.
		return false
	}
	var pf pkgFact
	if p == nil || !gt.pass.ImportPackageFact(p, &pf) {
		return false
	}
	return sameModule(gt.module, moduleOf(pf.Module, pf.Version))
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

// hat returns the id of the lock declared directly above the unit: the
// nearest preceding lock in the same var block for a variable, or the
// nearest preceding lock field of the same struct for a field path (the
// "mutex hat" convention).
func (gt *globalTable) hat(u *unit) string {
	root := gt.qualified(u.obj)
	if len(u.key) > len(root) {
		i := strings.LastIndexByte(u.key, '.')
		prefix, field := u.key[:i], u.key[i+1:]
		var fields []string
		if len(prefix) > len(root) {
			fields = strings.Split(prefix[len(root)+1:], ".")
		}
		t := pathType(u.obj.Type(), fields)
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
				hat = gt.qualified(v)
			}
		}
	}
	return ""
}

// qualified returns the id of a package-level variable: its package path
// and name.
func (gt *globalTable) qualified(v *types.Var) string {
	return v.Pkg().Path() + "." + v.Name()
}

// show returns the name of a global, lock or unit id as the analysed
// package writes it: "counts", "st.mu", or "a.counts" for another
// package's. Instance lock ids are shown as they are.
//
// The name must not depend on the driver: go vet knows the imports of an
// imported package only as far as its export data names them, the
// standalone driver knows them all. So a package is named by its Name
// only when the analysed package imports it directly (both drivers know
// those alike); a package further away is named by the last element of
// its path (splitPath).
func (gt *globalTable) show(id string) string {
	if isInstanceLock(id) {
		return id
	}
	own := gt.pass.Pkg.Path() + "."
	if rest, ok := strings.CutPrefix(id, own); ok {
		first, _, _ := strings.Cut(rest, ".")
		if gt.pass.Pkg.Scope().Lookup(first) != nil {
			return rest
		}
	}
	best := ""
	var name string
	for _, imp := range gt.pass.Pkg.Imports() {
		if path := imp.Path(); strings.HasPrefix(id, path+".") && len(path) > len(best) {
			best, name = path, imp.Name()
		}
	}
	if best == "" {
		best = splitPath(id)
		if best == "" {
			return id
		}
		name = pathName(best)
	}
	return name + id[len(best):]
}

// splitPath returns the package path that the qualified id starts with,
// by its shape: everything up to the first dot after the last slash
// ("example.com/a/b.mu.x" → "example.com/a/b"), or "" when there is no
// such dot. A path whose last element has a dot (gopkg.in/yaml.v3) is
// split at that dot, "yaml.v3.mu", the same way by every driver.
func splitPath(id string) string {
	slash := strings.LastIndex(id, "/")
	dot := strings.Index(id[slash+1:], ".")
	if dot < 0 {
		return ""
	}
	return id[:slash+1+dot]
}

// pathName returns the name a package of the given path is usually
// declared with: the last element of the path, or the one before a major
// version suffix (example.com/m/v2 → m).
func pathName(path string) string {
	elems := strings.Split(path, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		last = elems[len(elems)-2]
	}
	return last
}
