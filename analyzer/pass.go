package analyzer

import (
	"cmp"
	"go/token"
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
	verdictCache               // lazy caches of classification (verdict.go)
	raceCache                  // lazy caches of the race tier (race.go)
	exportState                // what the exporter keeps between its steps (factexport.go)
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
