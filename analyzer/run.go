package analyzer

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// passContext holds the state of one run of the analyzer on a package.
type passContext struct {
	pass *analysis.Pass
	cfg  *Config
	apis *apis // the Go APIs chanown knows, with cfg's additions

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

	dispatch   *dispatch
	singletons map[ssa.Value]*ssa.Global // singleton receivers and their free variables (singleton.go)
	edges      map[*ssa.Function][]edge
	onceEdges  map[*ssa.Function][]edge // to the bodies of sync.Once and OnceFunc/Value(s) calls
	sites      map[*ssa.Function][]spawnSite
	spawnMemo  map[*ssa.Function]bool
	loops      map[*ssa.Function][]bool // blocks in CFG cycles, by function; see inLoop
	contexts   []*goContext             // caller context first, then by site

	globals    *globalTable
	entryLocks map[*ssa.Function]lockset // locks held on entry, from callers
	identIndex map[*types.Var][]*ast.Ident
	qualStart  map[*ast.Ident]token.Pos // start of pkg.Name for qualified globals
	accesses   []*access
	byFn       map[*ssa.Function][]*access // accesses not preset, by function, in order; set by assignContexts
	unlocks    []unlockEvent
	counts     []string        // this package's reference counts, for facts
	addrTaken  map[string]bool // paths whose address escapes a load or store; see addressTaken
}

// run analyses one package: a cheap syntax and types check first, then
// SSA, locksets, contexts and the reports. A dependency is analysed only
// for its facts (WithDependencies).
func run(pass *analysis.Pass, cfg *Config, dependency bool) (any, error) {
	if pass.Pkg == nil || pass.TypesInfo == nil || len(pass.TypeErrors) > 0 {
		return nil, nil // the driver reports the errors; importers go on
	}
	k := newAPIs(cfg)
	scan := scanSyntax(pass, k)
	if scan.bad {
		return nil, nil
	}
	dirs := parseDirectives(pass)
	uses := scanUses(pass)
	if !mayMatter(pass, cfg, scan, uses, dependency) {
		dirs.report(pass, cfg, nil)
		return nil, nil
	}
	pc := &passContext{pass: pass, cfg: cfg, apis: k, spawnMemo: map[*ssa.Function]bool{}, facts: map[*types.Func]*funcFact{}, factPkg: map[*funcFact]*types.Package{}}
	pc.pkg, pc.funcs = buildSSA(pass, uses.imports)
	pc.isSource = make(map[*ssa.Function]bool, len(pc.funcs))
	for _, fn := range pc.funcs {
		pc.isSource[fn] = true
	}
	pc.globals = collectGlobals(pass, pc)
	pc.buildDispatch()
	pc.buildGraph()
	pc.findSingletons()
	pc.summaries = map[*ssa.Function]*summary{}
	for _, fn := range pc.order {
		pc.summaries[fn] = pc.summarize(fn)
	}
	pc.buildContexts()
	pc.collectAccesses()
	pc.assignContexts()
	diags, reported, counts := pc.diagnose(pc.classify())
	pc.exportFacts(reported, counts)
	dirs.report(pass, cfg, diags)
	return nil, nil
}

// comparePos orders positions by file name, then offset. token.Pos alone
// orders positions of one file, but across files it follows the order in
// which the driver added them to its FileSet, which go/packages does in
// parallel: sorting by it would make output depend on scheduling.
func (pc *passContext) comparePos(a, b token.Pos) int {
	if a == b {
		return 0
	}
	fa, fb := pc.pass.Fset.File(a), pc.pass.Fset.File(b)
	if fa == fb || fa == nil || fb == nil {
		return cmp.Compare(a, b)
	}
	if c := strings.Compare(fa.Name(), fb.Name()); c != 0 {
		return c
	}
	return cmp.Compare(fa.Offset(a), fb.Offset(b))
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
