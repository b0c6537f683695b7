package analyzer

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A factImporter reads the facts of imported functions and packages
// (DESIGN §4), each once, when a stage first meets the function or asks
// for the locks imports reported. Reading a function's fact registers
// the global locks it names in the globals table before any stage looks
// them up (registerFactLocks): the one way in which a later read
// completes an earlier product.
type factImporter struct {
	pass    *analysis.Pass
	source  map[*ssa.Function]bool // the package's source functions: they have no facts
	globals *globalTable

	facts          map[*types.Func]*funcFact            // imported function facts, or nil
	factPkg        map[*funcFact]*types.Package         // the package of each imported fact's function
	importReported map[string]bool                      // locks reported shared by imports; nil until asked
	ownerGuards    map[*types.Package]map[string]string // guards of imports' globals, by package; filled on first ask
	invoked        map[string]factInvoke                // interface methods imports call on their goroutines; nil until asked
}

// newFactImporter returns a factImporter for pass whose facts complete
// globals.
func newFactImporter(pass *analysis.Pass, source map[*ssa.Function]bool, globals *globalTable) *factImporter {
	return &factImporter{
		pass:    pass,
		source:  source,
		globals: globals,
		facts:   map[*types.Func]*funcFact{},
		factPkg: map[*funcFact]*types.Package{},
	}
}

// factOf returns the fact of an imported function, or nil.
func (im *factImporter) factOf(fn *ssa.Function) *funcFact {
	if fn == nil || im.source[fn] {
		return nil
	}
	obj := funcObj(fn)
	if obj == nil || obj.Pkg() == nil || obj.Pkg() == im.pass.Pkg {
		return nil
	}
	if ff, ok := im.facts[obj]; ok {
		return ff
	}
	ff := new(funcFact)
	if !im.pass.ImportObjectFact(obj, ff) {
		ff = nil
	} else {
		im.factPkg[ff] = obj.Pkg()
		im.registerFactLocks(ff, obj.Pkg())
	}
	im.facts[obj] = ff
	return ff
}

// toLockset converts fact locks into a lockset.
func toLockset(ls []factLock) lockset {
	var out lockset
	for _, l := range ls {
		out = out.with(l.ID, l.Read)
	}
	return out
}

// foreignUnit returns the unit of the global that fact access fa, from a
// fact of a function of package owner, names; nil if it is not of this
// module or not data.
func (im *factImporter) foreignUnit(fa factAccess, owner *types.Package) *unit {
	gt := im.globals
	if u, ok := gt.units[fa.Global]; ok {
		return u
	}
	if obj, fields := gt.lookup(fa.Global); obj != nil {
		return gt.unitByID(obj, fields, fa.Global)
	}
	// Not visible here (go vet's export data): the fact says what it
	// is, and the owner's facts name only globals of the owner's module.
	obj := gt.synthetic(fa.Global)
	if obj == nil || owner == nil || !gt.ours(owner) {
		gt.units[fa.Global] = nil
		return nil
	}
	u := &unit{key: fa.Global, obj: obj, typ: fa.Shape.typ(), foreign: true, shape: fa.Shape, synthetic: true}
	gt.units[fa.Global] = u
	return u
}

// factLocks registers the global locks of a fact, from a fact of a
// function of package owner.
func (im *factImporter) factLocks(ls []factLock, owner *types.Package) {
	for _, l := range ls {
		gt := im.globals
		if _, ok := gt.locks[l.ID]; ok {
			continue
		}
		if obj, _ := gt.lookup(l.ID); obj != nil {
			gt.lockOf(l.ID)
			continue
		}
		obj := gt.synthetic(l.ID)
		if obj == nil || owner == nil || !gt.ours(owner) {
			gt.locks[l.ID] = nil
			continue
		}
		gt.locks[l.ID] = &globalLock{id: l.ID, obj: obj, rw: l.RW, foreign: true}
	}
}

// registerFactLocks registers every global lock that fact ff of a
// function of package owner names, before anything looks them up.
func (im *factImporter) registerFactLocks(ff *funcFact, owner *types.Package) {
	for _, a := range ff.Accesses {
		im.factLocks(a.Locks, owner)
	}
	im.factLocks(ff.Acquires, owner)
	for _, p := range ff.CallsParam {
		im.factLocks(p.Locks, owner)
	}
	for _, st := range ff.Starts {
		for _, a := range st.Accesses {
			im.factLocks(a.Locks, owner)
		}
	}
	for _, id := range slices.Concat(ff.Releases, ff.Releaser) {
		im.factLocks([]factLock{{ID: id}}, owner)
	}
}

// typ returns a type with the properties the analysis asks of a
// global's type, for a global known only from a fact.
func (s factShape) typ() types.Type {
	switch s & shapeKind {
	case shapeInt:
		return types.Typ[types.Int]
	case shapePointer:
		return types.NewPointer(types.NewStruct(nil, nil))
	case shapeAliasing:
		return types.NewSlice(types.Typ[types.Int])
	}
	return types.NewStruct(nil, nil)
}

// ownerGuard returns the id of the guard that the package declaring the
// foreign unit u chose for it (its package fact's Guards), or "". The
// lock is registered like the locks of function facts, so that an
// unexported guard that export data does not hold (go vet) is known by
// its id alike. Only a package of this module is asked: ours made u.
func (im *factImporter) ownerGuard(u *unit) string {
	if !u.foreign || u.synthetic {
		return ""
	}
	pkg := u.obj.Pkg()
	guards, ok := im.ownerGuards[pkg]
	if !ok {
		var pf pkgFact
		if im.pass.ImportPackageFact(pkg, &pf) {
			for _, g := range pf.Guards {
				if guards == nil {
					guards = map[string]string{}
				}
				guards[g.Global] = g.Lock.ID
				im.factLocks([]factLock{g.Lock}, pkg)
			}
		}
		if im.ownerGuards == nil {
			im.ownerGuards = map[*types.Package]map[string]string{}
		}
		im.ownerGuards[pkg] = guards
	}
	return guards[u.key]
}

// reportedByImports returns the locks that the package's direct imports,
// or the packages they import, reported as shared, each with whether the
// import that passes it on is of this module (then so is the lock: facts
// name only their own module's locks). That is decided from the import's
// package fact, not by looking the lock up: under go vet an unexported
// lock of a package further down is not in the export data
// (transport.ioBufferMutex of grpc, reported again in every importer of
// grpc under go vet before).
func (im *factImporter) reportedByImports() map[string]bool {
	if im.importReported == nil {
		im.importReported = map[string]bool{}
		for _, imp := range im.pass.Pkg.Imports() {
			var pf pkgFact
			if im.pass.ImportPackageFact(imp, &pf) {
				ours := sameModule(im.globals.module, moduleOf(pf.Module, pf.Version))
				for _, id := range pf.Reported {
					im.importReported[id] = im.importReported[id] || ours
				}
			}
		}
	}
	return im.importReported
}

// invokedByImports returns, by factInvoke.key, the interface methods
// that the package's direct imports say are called on goroutines of
// their own or of a package further down (importedInvokes), each with
// From and Name naming the calling package.
//
// Direct imports only: go vet gives a package the package facts of its
// direct imports alone (x/tools does not pass on an imported package's
// package facts), while the standalone checker gives those of every
// dependency; reading more than go vet sees made the two drivers name
// different contexts (grpc googledirectpath, found by the harness). A
// package further down is still seen, in both drivers alike, because
// each package's fact passes on its own imports' calls (passedInvokes).
func (im *factImporter) invokedByImports() map[string]factInvoke {
	if im.invoked == nil {
		im.invoked = map[string]factInvoke{}
		for _, v := range importedInvokes(im.pass) {
			im.invoked[v.key()] = v
		}
	}
	return im.invoked
}

// importedInvokes returns the interface method calls that the direct
// imports' package facts name, each once by key, with From and Name
// naming the package whose goroutines make it: the import itself, or
// the package a passed-on call names. Where several say so, the first
// package by path, multiple if any is. Sorted by key.
func importedInvokes(pass *analysis.Pass) []factInvoke {
	index := map[string]int{}
	var out []factInvoke
	for _, imp := range sortedImports(pass.Pkg) {
		var pf pkgFact
		if !pass.ImportPackageFact(imp, &pf) {
			continue
		}
		for _, v := range pf.Invokes {
			if v.From == "" {
				v.From, v.Name = imp.Path(), imp.Name()
			}
			i, ok := index[v.key()]
			switch {
			case !ok:
				index[v.key()] = len(out)
				out = append(out, v)
			case v.From < out[i].From:
				v.Multiple = v.Multiple || out[i].Multiple
				out[i] = v
			default:
				out[i].Multiple = out[i].Multiple || v.Multiple
			}
		}
	}
	slices.SortFunc(out, compareInvokes)
	return out
}

// sortedImports returns the packages pkg imports directly, by path.
func sortedImports(pkg *types.Package) []*types.Package {
	imps := slices.Clone(pkg.Imports())
	slices.SortFunc(imps, func(a, b *types.Package) int { return strings.Compare(a.Path(), b.Path()) })
	return imps
}
