// Command noopfact is the floor for an analyzer with facts: one analyzer
// that declares one fact type and does nothing else. Declaring a fact
// type makes the drivers run the analyzer on every dependency: the
// standalone driver loads and type-checks the whole import graph from
// source, and go vet runs the tool on every dependency (VetxOnly) instead
// of skipping it.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// fact is never exported; declaring it is what costs.
type fact struct{}

// AFact implements analysis.Fact.
func (*fact) AFact() {}

// String implements fmt.Stringer.
func (*fact) String() string { return "fact" }

// analyzer declares a fact type and does nothing.
var analyzer = &analysis.Analyzer{
	Name:      "noopfact",
	Doc:       "noopfact: declare one fact type and do nothing (the floor with facts)",
	FactTypes: []analysis.Fact{new(fact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
