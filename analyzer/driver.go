package analyzer

import (
	"go/types"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// dependencyFilters holds, for an analyzer made by New, the predicate a
// driver set with SetDependencies.
var dependencyFilters sync.Map // *analysis.Analyzer → func(*types.Package) bool

// SetDependencies tells the analyzer a, made by New (or Analyzer), which
// packages its driver analyses only as dependencies: for the facts their
// importers need, discarding their diagnostics. Both drivers do so: the
// x/tools checker prints the diagnostics of its root packages only, and
// go vet runs a vettool on a dependency with VetxOnly set. For such a
// package chanown builds SSA only if it may export a fact (DESIGN §5
// "Cost"); what it exports does not change. Drivers that do not call it
// (golangci-lint, analysistest) get every package analysed in full.
func SetDependencies(a *analysis.Analyzer, isDependency func(*types.Package) bool) {
	dependencyFilters.Store(a, isDependency)
}

// isDependency reports whether the driver of a analyses pkg only for its
// facts.
func isDependency(a *analysis.Analyzer, pkg *types.Package) bool {
	f, ok := dependencyFilters.Load(a)
	return ok && f.(func(*types.Package) bool)(pkg)
}
