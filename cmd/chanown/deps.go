package main

import (
	"go/types"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/chanown/chanown/analyzer"
	"github.com/chanown/chanown/cmd/internal/vettool"
)

// Both faces tell the analyzer which packages are only dependencies
// (analyzer.SetDependencies): their diagnostics are never printed, so
// chanown builds SSA for them only when they may export a fact.

// roots holds the packages the standalone driver was asked to analyse,
// over every run of this process (tests run several at once), by their
// types: a test variant "p [q.test]" has its own *types.Package.
var roots struct {
	sync.Mutex
	set map[*types.Package]bool
}

// markRoots records pkgs as roots and makes a treat every other package
// as a dependency.
func markRoots(a *analysis.Analyzer, pkgs []*packages.Package) {
	roots.Lock()
	defer roots.Unlock()
	if roots.set == nil {
		roots.set = map[*types.Package]bool{}
	}
	for _, p := range pkgs {
		if p.Types != nil {
			roots.set[p.Types] = true
		}
	}
	analyzer.SetDependencies(a, func(pkg *types.Package) bool {
		roots.Lock()
		defer roots.Unlock()
		return !roots.set[pkg]
	})
}

// markVetxOnly tells a, run as a vettool on the unit of args, that its
// package is a dependency when go vet wants only its facts (see
// vettool.Unit).
func markVetxOnly(a *analysis.Analyzer, args []string) []string {
	args, factsOnly := vettool.Unit(args)
	if factsOnly {
		analyzer.SetDependencies(a, func(*types.Package) bool { return true })
	}
	return args
}
