// Command noop is the floor of the performance comparison: one analyzer
// that does nothing, so a run costs what the driver costs (loading,
// parsing and type-checking). It works standalone and as a go vet
// -vettool, like every singlechecker.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"
)

// analyzer does nothing.
var analyzer = &analysis.Analyzer{
	Name: "noop",
	Doc:  "noop: do nothing (the driver's floor)",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { singlechecker.Main(analyzer) }
