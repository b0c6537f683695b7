package analyzer

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// This file decides, from syntax and types only, whether a package can
// have anything to report or to export, before any SSA is built (DESIGN
// §5 "Cost", §6). SSA construction is most of chanown's cost, so every
// package this lets through should be one that may matter.

// A syntaxScan is what one walk over a package's syntax found.
type syntaxScan struct {
	bad      bool // a syntax error of its own (a syntax error need not cause a type error)
	spawn    bool // a go statement or a call of a built-in or configured spawn function
	handler  bool // a ServeHTTP method or a conversion to http.HandlerFunc
	exported bool // an exported function, method or variable outside test files
	wrapper  bool // an exported function or method with a func parameter, outside test files
	callsArg bool // a call of a func parameter, outside test files
	startArg bool // a go statement or spawn call that mentions a func parameter, outside test files
}

// scanSyntax walks the package's syntax once. The walk is a plain
// ast.Inspect: the analyzer does not require inspect.Analyzer, whose
// result the drivers would keep alive for every package of the import
// graph.
func scanSyntax(pass *analysis.Pass, k *apis) syntaxScan {
	var s syntaxScan
	params := map[types.Object]bool{} // func parameters, outside test files
	for _, f := range pass.Files {
		test := isTestFile(pass.Fset, f.FileStart)
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				s.declaresFunc(pass, d, test)
			case *ast.GenDecl:
				if !test {
					s.exported = s.exported || declaresExported(d)
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BadExpr, *ast.BadStmt, *ast.BadDecl:
				s.bad = true
			case *ast.GoStmt:
				s.spawn = true
				s.startArg = s.startArg || mentions(pass, n, params)
			case *ast.FuncType:
				if !test && n.Params != nil {
					for _, field := range n.Params.List {
						for _, id := range field.Names {
							if obj := pass.TypesInfo.Defs[id]; obj != nil && isFuncType(obj.Type()) {
								params[obj] = true
							}
						}
					}
				}
			case *ast.CallExpr:
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && params[pass.TypesInfo.Uses[id]] {
					s.callsArg = true
				}
				if (!s.spawn || !s.startArg) && isSpawnCall(pass, k, n) {
					s.spawn = true
					s.startArg = s.startArg || mentions(pass, n, params)
				}
				if !s.handler && isHandlerConversion(pass, n) {
					s.handler = true
				}
			case *ast.SelectorExpr:
				if !s.handler && isSinkFieldUse(pass, k, n.Sel) {
					s.handler = true
				}
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok && !s.handler && isSinkFieldUse(pass, k, id) {
					s.handler = true
				}
			}
			return !s.bad
		})
		if s.bad {
			break
		}
	}
	s.handler = s.handler || importsSinkLibrary(pass.Pkg)
	return s
}

// incomplete reports whether the package's type information is
// incomplete: an expression other than a built-in function's name has an
// invalid type, an identifier has no record (typed), or a call has no
// type. A package whose own code type-checks has such holes only through
// an import that failed to type-check, and go/types then reports no
// error (a follow-on error) but leaves out what go/ssa needs, which
// crashes without it. Such a package is not analysed, as the drivers
// treat packages whose imports have errors; those errors are theirs to
// print. It is checked only for packages that can matter, before their
// SSA is built: one walk over the syntax.
func incomplete(pass *analysis.Pass) bool {
	info := pass.TypesInfo
	for _, tv := range info.Types {
		// A built-in function's name has no type of its own where
		// its call is a constant (len of an array, unsafe.Sizeof).
		if tv.Type == types.Typ[types.Invalid] && !tv.IsBuiltin() {
			return true
		}
	}
	bad := false
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				bad = !typed(info, n)
			case *ast.CallExpr:
				_, ok := info.Types[n]
				bad = !ok // a call with invalid operands
			}
			return !bad
		})
		if bad {
			return true
		}
	}
	return false
}

// typed reports whether the identifier id has what go/types records for
// every identifier but the blank one: an entry in Defs (nil for a
// package clause or a type switch's symbol) or in Uses.
func typed(info *types.Info, id *ast.Ident) bool {
	if id.Name == "_" {
		return true
	}
	if _, ok := info.Defs[id]; ok {
		return true
	}
	_, ok := info.Uses[id]
	return ok
}

// declaresFunc records what the declaration of a function says about
// the contexts and facts the package may have.
func (s *syntaxScan) declaresFunc(pass *analysis.Pass, d *ast.FuncDecl, test bool) {
	if d.Recv != nil && d.Name.Name == "ServeHTTP" {
		s.handler = true // a handler context (DESIGN §1), checked exactly on SSA
	}
	if test {
		return
	}
	fn, _ := pass.TypesInfo.Defs[d.Name].(*types.Func)
	if fn == nil {
		return
	}
	funcArg := false
	for p := range fn.Signature().Params().Variables() {
		funcArg = funcArg || isFuncType(p.Type())
	}
	s.exported = s.exported || fn.Exported()
	s.wrapper = s.wrapper || fn.Exported() && funcArg
}

// declaresExported reports whether d declares an exported variable (or
// constant, which changes nothing).
func declaresExported(d *ast.GenDecl) bool {
	for _, spec := range d.Specs {
		if vs, ok := spec.(*ast.ValueSpec); ok && slices.ContainsFunc(vs.Names, (*ast.Ident).IsExported) {
			return true
		}
	}
	return false
}

// mentions reports whether an identifier under n denotes one of objs.
func mentions(pass *analysis.Pass, n ast.Node, objs map[types.Object]bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && objs[pass.TypesInfo.Uses[id]] {
			found = true
		}
		return !found
	})
	return found
}

// isSpawnCall reports whether call calls a built-in or configured spawn
// function.
func isSpawnCall(pass *analysis.Pass, k *apis, call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	return fn != nil && len(k.spawnersOf(fn)) > 0
}

// isHandlerConversion reports whether call converts a function to
// http.HandlerFunc, which registers a handler context.
func isHandlerConversion(pass *analysis.Pass, call *ast.CallExpr) bool {
	tv, ok := pass.TypesInfo.Types[call.Fun]
	return ok && tv.IsType() && (isHandlerFunc(tv.Type) || isSinkFuncType(tv.Type))
}

// isSinkFieldUse reports whether id denotes a candidate callback sink
// field (apis.mayBeSinkField).
func isSinkFieldUse(pass *analysis.Pass, k *apis, id *ast.Ident) bool {
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	return ok && k.mayBeSinkField(v)
}

// mayMatter reports whether the package can have anything to report or
// to export, so that SSA is worth building. Each output needs its own
// evidence, all of it visible in syntax and types:
//
//   - Reports other than wronglock on an instance lock need a guard: a
//     global lock of this package, or one that an import's facts name.
//     Except rlockwrite they need a global shared by two
//     contexts that can run at once (DESIGN §1 "shared"). Without a spawn
//     site, a handler, a parallel test, a context an imported function
//     starts or library mode, all of a package's code runs in its caller
//     context, test functions included (§5 "Test files"), and nothing is
//     shared. rlockwrite needs no second context, but a read lock.
//   - wronglock on an instance lock needs a global, a lock call and two
//     contexts.
//   - Facts: none from package main; from std only wrapper facts (a func
//     parameter started, or called under a global lock); elsewhere what
//     an exported function or variable outside test files leads to:
//     globals accessed and locks taken under a global lock, func
//     parameters started or called, contexts started (DESIGN §5 "Facts"),
//     and interface methods called where a spawn may run them.
//   - A dependency's interface method calls on its goroutines make a
//     context at a type of this package converted to the interface
//     (importsInvokes): a second context, like a spawn site.
//
// A dependency, whose diagnostics the driver discards, matters only for
// its facts.
func mayMatter(pass *analysis.Pass, cfg *Config, scan syntaxScan, u useScan, dependency bool) bool {
	isMain := pass.Pkg.Name() == "main"
	guarded := u.facts || hasGlobalLock(pass)
	if !dependency {
		concurrent := scan.spawn || scan.handler || u.parallel || u.starts || cfg.Exported && !isMain
		// A dependency that calls an interface method on goroutines of
		// its own may call this package's types (invokedByImports).
		concurrent = concurrent || guarded && importsInvokes(pass)
		if guarded && (concurrent || u.rlock || u.factLocks) {
			return true
		}
		if concurrent && u.lockCall && u.global {
			return true // a global under an instance lock
		}
	}
	if isMain {
		return false
	}
	// A func parameter is started (by a spawn here that mentions it, or
	// by an imported wrapper), or called under a global lock (here, or
	// by an imported wrapper that runs it under one).
	wrapper := scan.wrapper && (scan.startArg || u.starts || u.factLocks || guarded && scan.callsArg)
	if passModule(pass).path == stdModule {
		return wrapper
	}
	// An interface method called on goroutines of the package's own
	// is a package fact (exportedInvokes).
	invokes := (scan.spawn || scan.handler || u.starts) && u.ifaceCall
	return wrapper || invokes || scan.exported && (guarded || u.factLocks)
}

// importsInvokes reports whether a direct import's package fact names
// an interface method it calls on goroutines of its own (only direct
// imports: see invokedByImports).
func importsInvokes(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		var pf pkgFact
		if pass.ImportPackageFact(imp, &pf) && len(pf.Invokes) > 0 {
			return true
		}
	}
	return false
}

// hasGlobalLock reports whether a package-level variable of the package
// holds a mutex.
func hasGlobalLock(pass *analysis.Pass) bool {
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok && containsLock(v.Type(), 0) {
			return true
		}
	}
	return false
}

// A useScan is what the package uses: of other packages' globals and
// facts, and of sync and testing.
type useScan struct {
	global    bool // a package-level variable, of any package
	facts     bool // a function whose fact names a global, a lock or a start, or a global of a package with a package fact
	starts    bool // a function that starts a context, or starts a func parameter
	factLocks bool // a function that acquires or returns a global lock, runs a parameter under one, or accesses under a read lock
	lockCall  bool // Lock, RLock, TryLock or TryRLock of a sync mutex
	rlock     bool // RLock, TryRLock or RLocker
	parallel  bool // t.Parallel or b.RunParallel
	ifaceCall bool // a method of an interface

	imports map[*types.Package]bool // imports of which a package-level function or variable is used
}

// scanUses walks the uses of the package's identifiers once. Merely
// importing a package with facts (os reaches syscall's ForkLock) is not
// a use.
func scanUses(pass *analysis.Pass) useScan {
	u := useScan{imports: map[*types.Package]bool{}}
	for _, obj := range pass.TypesInfo.Uses {
		pkg := obj.Pkg()
		if pkg == nil {
			continue
		}
		imported := pkg != pass.Pkg && obj.Parent() == pkg.Scope() // a package-level object of an import
		switch o := obj.(type) {
		case *types.Var:
			if obj.Parent() != pkg.Scope() {
				continue
			}
			u.global = true
			if imported {
				u.imports[pkg] = true
				u.facts = u.facts || pass.ImportPackageFact(pkg, new(pkgFact))
			}
		case *types.Func:
			if imported {
				u.imports[pkg] = true
			}
			switch pkg.Path() + "." + o.Name() {
			case "sync.Lock", "sync.TryLock":
				u.lockCall = true
			case "sync.RLock", "sync.TryRLock", "sync.RLocker":
				u.lockCall, u.rlock = true, true
			case "testing.Parallel", "testing.RunParallel":
				u.parallel = true
			}
			if recv := o.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
				u.ifaceCall = true
			}
			if pkg != pass.Pkg {
				u.addFact(pass, o)
			}
		}
	}
	return u
}

// addFact records what the fact of the imported function fn says.
func (u *useScan) addFact(pass *analysis.Pass, fn *types.Func) {
	ff := new(funcFact)
	if !pass.ImportObjectFact(fn.Origin(), ff) {
		return
	}
	if len(ff.Accesses)+len(ff.Acquires)+len(ff.Releases)+len(ff.Releaser)+len(ff.Starts) > 0 {
		u.facts = true
	}
	if len(ff.Starts)+len(ff.SpawnsParam) > 0 {
		u.starts = true
	}
	if len(ff.Acquires)+len(ff.Releaser) > 0 {
		u.factLocks = true
	}
	if len(ff.Invokes) > 0 {
		u.ifaceCall = true
	}
	for _, p := range ff.CallsParam {
		if len(p.Locks) > 0 {
			u.facts, u.factLocks = true, true
		}
	}
	for _, a := range ff.Accesses {
		for _, l := range a.Locks {
			u.factLocks = u.factLocks || l.Read
		}
	}
}
