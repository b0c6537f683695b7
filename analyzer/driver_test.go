package analyzer_test

import (
	"fmt"
	"go/types"
	"slices"
	"testing"

	"github.com/chanown/chanown/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// TestDependencies runs the analyzer twice over the same packages, the
// second time told that every package is only a dependency
// (WithDependencies), and requires the same facts from both runs, while
// a package main that has a report but can export nothing is not
// analysed at all the second time.
func TestDependencies(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages from source")
	}
	pkgs := loadTestdata(t, "xpkg/user", "xpkg/wrap", "matter/startsdep", "matter/rlockonly", "library")
	full := analyzer.New(analyzer.Config{})
	deps := analyzer.New(analyzer.Config{}, analyzer.WithDependencies(func(*types.Package) bool { return true }))

	fullFacts, fullDiags := analyse(t, full, pkgs)
	depFacts, depDiags := analyse(t, deps, pkgs)
	if len(fullFacts) < 10 {
		t.Fatalf("got %d facts from the full run, want the scenarios' facts", len(fullFacts))
	}
	if !slices.Equal(fullFacts, depFacts) {
		t.Errorf("facts differ when every package is a dependency:\nfull: %q\ndeps: %q", fullFacts, depFacts)
	}
	if fullDiags["matter/rlockonly"] == 0 {
		t.Errorf("full run: no diagnostic in matter/rlockonly, want its rlockwrite")
	}
	if n := depDiags["matter/rlockonly"]; n != 0 {
		t.Errorf("dependency run: %d diagnostics in matter/rlockonly, want none (a package main exports nothing, so it needs no SSA)", n)
	}
}

// analyse runs a on pkgs and returns every fact, formatted and sorted,
// and the number of diagnostics per package path.
func analyse(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) ([]string, map[string]int) {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var facts []string
	diags := map[string]int{}
	for act := range graph.All() {
		if act.Analyzer != a {
			continue
		}
		if act.Err != nil {
			t.Fatalf("%s: %v", act.Package.PkgPath, act.Err)
		}
		for _, f := range act.AllObjectFacts() {
			facts = append(facts, fmt.Sprintf("%s %s: %v", act.Package.ID, f.Object.Name(), f.Fact))
		}
		for _, f := range act.AllPackageFacts() {
			facts = append(facts, fmt.Sprintf("%s %s: %v", act.Package.ID, f.Package.Path(), f.Fact))
		}
		diags[act.Package.PkgPath] += len(act.Diagnostics)
	}
	slices.Sort(facts)
	return facts, diags
}
