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

// passContext holds the state of one run of the analyzer on a package:
// the pass and configuration, and the products of the stages that run
// calls in order (docs/developing.md). Each product is a struct of its
// own, embedded so that methods read its fields by name; the comment on
// each says which stage writes it. Products are complete when their
// stage returns, except the lazy caches marked so, which any later stage
// may fill on first use.
type passContext struct {
	pass *analysis.Pass
	cfg  *Config
	apis *apis // the Go APIs chanown knows, with cfg's additions (knowledge.go)

	program                    // SSA (ssabuild.go)
	globals       *globalTable // the package's globals and locks (globals.go); imported facts add locks
	callGraph                  // calls, uses, order (graph.go, dispatch.go, singleton.go)
	lockFlow                   // function summaries (ssa.go)
	*factImporter              // imported facts, read on first use (factimport.go)
	contextSet                 // contexts and reach (contexts.go)
	accessSet                  // accesses with their locks and contexts (accesses.go)
	lateCache                  // lazy caches of classification and the race tier
	exportState                // what the exporter keeps between its steps (factexport.go)
}

// program is the SSA of the package's source functions.
type program struct {
	pkg      *ssa.Package
	funcs    []*ssa.Function // source functions, in source order
	isSource map[*ssa.Function]bool
}

// newProgram builds the SSA of the package (buildSSA) and indexes its
// source functions.
func newProgram(pass *analysis.Pass, imports map[*types.Package]bool) program {
	var p program
	p.pkg, p.funcs = buildSSA(pass, imports)
	p.isSource = make(map[*ssa.Function]bool, len(p.funcs))
	for _, fn := range p.funcs {
		p.isSource[fn] = true
	}
	return p
}

// callGraph is the product of buildDispatch, buildGraph and
// findSingletons.
type callGraph struct {
	dispatch   *dispatch
	callees    map[*ssa.Function][]*ssa.Function
	uses       map[*ssa.Function][]use
	order      []*ssa.Function // callees before callers
	cyclic     map[*ssa.Function]bool
	singletons map[ssa.Value]*ssa.Global // singleton receivers and their free variables (singleton.go)
}

// lockFlow holds the summaries of source functions, computed in
// callee-first order, and of imported functions, built from their facts
// on first use (summaryOf).
type lockFlow struct {
	summaries map[*ssa.Function]*summary
}

// contextSet is the product of buildContexts.
type contextSet struct {
	edges     map[*ssa.Function][]edge
	onceEdges map[*ssa.Function][]edge // to the bodies of sync.Once and OnceFunc/Value(s) calls
	sites     map[*ssa.Function][]spawnSite
	spawnMemo map[*ssa.Function]bool   // lazy: spawnsTransitively
	loops     map[*ssa.Function][]bool // lazy: blocks in CFG cycles, by function; see inLoop
	contexts  []*goContext             // caller context first, then by site
}

// accessSet is the product of collectAccesses and assignContexts.
type accessSet struct {
	entryLocks map[*ssa.Function]lockset // locks held on entry, from callers
	accesses   []*access
	byFn       map[*ssa.Function][]*access // accesses not preset, by function, in order; set by assignContexts
	unlocks    []unlockEvent
}

// lateCache holds lazy caches of classification and the race tier.
type lateCache struct {
	addrTaken  map[string]bool // paths whose address escapes a load or store; see addressTaken
	identIndex map[*types.Var][]*ast.Ident
	qualStart  map[*ast.Ident]token.Pos // start of pkg.Name for qualified globals
}

// exportState is what exportFacts keeps for the facts it builds.
type exportState struct {
	lockedUnits map[*unit]bool // units accessed holding a global lock
	counts      []string       // this package's reference counts
}

// run analyses one package: a cheap syntax and types check first, then
// SSA, locksets, contexts and the reports. A dependency is analysed only
// for its facts (WithDependencies).
func run(pass *analysis.Pass, cfg *Config, dependency bool) (any, error) {
	if pass.Pkg == nil || pass.TypesInfo == nil || len(pass.TypeErrors) > 0 {
		return nil, nil // the driver reports the errors; importers go on
	}
	// 1. Knowledge and the prefilter: syntax and types only.
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
	pc := &passContext{pass: pass, cfg: cfg, apis: k}
	pc.spawnMemo = map[*ssa.Function]bool{}

	// 2. SSA and the globals table, which imported facts complete.
	pc.program = newProgram(pass, uses.imports)
	pc.globals = collectGlobals(pass)
	pc.factImporter = newFactImporter(pass, pc.isSource, pc.globals)

	// 3. The call graph: dispatch, calls and uses, singletons.
	pc.buildDispatch()
	pc.buildGraph()
	pc.findSingletons()

	// 4. Lock flow: summaries, callees first.
	pc.summaries = map[*ssa.Function]*summary{}
	for _, fn := range pc.order {
		pc.summaries[fn] = pc.summarize(fn)
	}

	// 5. Contexts, then 6. accesses with their locks and contexts.
	pc.buildContexts()
	pc.collectAccesses()
	pc.assignContexts()

	// 7. Classification, 8. diagnostics, 9. facts for importers, and
	// the directives' suppression last.
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
