package main

import (
	"go/types"
	"sync"

	"golang.org/x/tools/go/packages"
)

// Both faces tell the analyzer which packages are only dependencies
// (analyzer.WithDependencies): their diagnostics are never printed, so
// chanown builds SSA for them only when they may export a fact.

// rootSet holds the packages the standalone driver was asked to analyse,
// by their types: a test variant "p [q.test]" has its own *types.Package.
// The analyzer is made before the packages are loaded, so the set is
// filled after; the checker then asks about packages from several
// goroutines.
type rootSet struct {
	mu  sync.Mutex
	set map[*types.Package]bool
}

// add records pkgs as roots.
func (r *rootSet) add(pkgs []*packages.Package) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.set == nil {
		r.set = map[*types.Package]bool{}
	}
	for _, p := range pkgs {
		if p.Types != nil {
			r.set[p.Types] = true
		}
	}
}

// isDependency reports whether pkg is not a root.
func (r *rootSet) isDependency(pkg *types.Package) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return !r.set[pkg]
}
