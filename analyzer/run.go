package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// passContext holds the state of one run of the analyzer on a package.
type passContext struct {
	pass     *analysis.Pass
	cfg      *Config
	spawners []spawnerSpec // from cfg.Spawners
	selfSync map[string]bool

	pkg      *ssa.Package
	funcs    []*ssa.Function // source functions, in source order
	isSource map[*ssa.Function]bool

	callees     map[*ssa.Function][]*ssa.Function
	uses        map[*ssa.Function][]use
	order       []*ssa.Function // callees before callers
	cyclic      map[*ssa.Function]bool
	summaries   map[*ssa.Function]*summary
	facts       map[*types.Func]*funcFact    // imported function facts, or nil
	factPkg     map[*funcFact]*types.Package // the package of each imported fact's function
	lockedUnits map[*unit]bool               // units accessed holding a global lock

	importReported map[string]bool // locks reported shared by imports

	edges     map[*ssa.Function][]edge
	sites     map[*ssa.Function][]spawnSite
	spawnMemo map[*ssa.Function]bool
	contexts  []*goContext // caller context first, then by site

	globals    *globalTable
	entryLocks map[*ssa.Function]lockset // locks held on entry, from callers
	identIndex map[*types.Var][]*ast.Ident
	qualStart  map[*ast.Ident]token.Pos // start of pkg.Name for qualified globals
	accesses   []*access
	byFn       map[*ssa.Function][]*access // accesses not preset, by function, in order; set by assignContexts
	unlocks    []unlockEvent
	counts     []string // this package's reference counts, for facts
}

// run analyses one package: a cheap syntax and types check first, then
// SSA, locksets, contexts and the reports.
func run(pass *analysis.Pass, cfg *Config) (any, error) {
	if pass.Pkg == nil || pass.TypesInfo == nil || len(pass.TypeErrors) > 0 {
		return nil, nil // the driver reports the errors; importers go on
	}
	bad, spawn := scanSyntax(pass, cfg)
	if bad {
		return nil, nil
	}
	dirs := parseDirectives(pass)
	if !mayMatter(pass, cfg, spawn) {
		dirs.report(pass, cfg, nil)
		return nil, nil
	}
	pc := &passContext{pass: pass, cfg: cfg, spawnMemo: map[*ssa.Function]bool{}, facts: map[*types.Func]*funcFact{}, factPkg: map[*funcFact]*types.Package{}}
	pc.configure()
	pc.pkg, pc.funcs = buildSSA(pass)
	pc.isSource = make(map[*ssa.Function]bool, len(pc.funcs))
	for _, fn := range pc.funcs {
		pc.isSource[fn] = true
	}
	pc.globals = collectGlobals(pass, pc)
	pc.buildGraph()
	pc.summaries = map[*ssa.Function]*summary{}
	for _, fn := range pc.order {
		pc.summaries[fn] = pc.summarize(fn)
	}
	pc.buildContexts()
	pc.collectAccesses()
	diags, reported, counts := pc.analyze()
	pc.exportFacts(reported, counts)
	dirs.report(pass, cfg, diags)
	return nil, nil
}

// configure converts the flag settings into lookup structures.
func (pc *passContext) configure() {
	for _, s := range pc.cfg.Spawners {
		pc.spawners = append(pc.spawners, spawnerSpec{pkg: s.Pkg, recv: s.Recv, name: s.Name, arg: s.ArgIndex, kind: ctxGoroutine})
	}
	pc.selfSync = map[string]bool{}
	for _, t := range pc.cfg.SelfSync {
		pc.selfSync[t] = true
	}
}

// inTestFile reports whether fn is declared in a _test.go file.
func (pc *passContext) inTestFile(fn *ssa.Function) bool {
	return isTestFile(pc.pass.Fset, fn.Pos())
}

// isTestFile reports whether pos lies in a _test.go file.
func isTestFile(fset *token.FileSet, pos token.Pos) bool {
	if !pos.IsValid() {
		return false
	}
	return strings.HasSuffix(fset.File(pos).Name(), "_test.go")
}

// mayMatter reports, from syntax and types only, whether the package can
// have anything to report or to export (DESIGN §5 "Cost"): a
// package-level variable holding a mutex, a use of something an import's
// facts describe, or a go statement or spawner call (a wrapper such as
// func Go(f func()) becomes a spawner through its fact).
func mayMatter(pass *analysis.Pass, cfg *Config, spawn bool) bool {
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if v, ok := scope.Lookup(name).(*types.Var); ok && containsLock(v.Type(), 0) {
			return true
		}
	}
	return spawn || importsFacts(pass)
}

// scanSyntax walks the package's syntax once and reports whether it has
// syntax errors of its own (a syntax error need not cause a type error),
// and whether it has a go statement or a call of a spawn function. The
// walk is a plain ast.Inspect: the analyzer does not require
// inspect.Analyzer, whose result the drivers would keep alive for every
// package of the import graph.
func scanSyntax(pass *analysis.Pass, cfg *Config) (bad, spawn bool) {
	for _, f := range pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BadExpr, *ast.BadStmt, *ast.BadDecl:
				bad = true
			case *ast.GoStmt:
				spawn = true
			case *ast.CallExpr:
				if !spawn && isSpawnCall(pass, cfg, n) {
					spawn = true
				}
			}
			return !bad
		})
		if bad {
			return true, spawn
		}
	}
	return false, spawn
}

// isSpawnCall reports whether call calls a built-in or configured spawn
// function.
func isSpawnCall(pass *analysis.Pass, cfg *Config, call *ast.CallExpr) bool {
	fn, _ := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return false
	}
	if _, ok := matchSpec(fn, builtinSpawners); ok {
		return true
	}
	for _, s := range cfg.Spawners {
		if fn.Pkg() != nil && fn.Pkg().Path() == s.Pkg && fn.Name() == s.Name {
			return true
		}
	}
	return false
}
