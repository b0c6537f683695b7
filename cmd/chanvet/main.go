// Command chanvet is a go vet tool that runs the go vet suite together
// with chanown:
//
//	go install github.com/chanown/chanown/cmd/chanvet@latest
//	go vet -vettool=$(which chanvet) ./...
//
// go vet -vettool=X runs X instead of the go command's own vet, so
// "go vet -vettool=$(which chanown)" runs chanown alone. chanvet runs the
// analyzers of golang.org/x/tools/go/analysis/suite/vet (the suite that
// cmd/vet is built from, at the x/tools version in chanown's go.mod) plus
// chanown. docs/integrations.md says how that differs from the go
// command's own vet.
//
// Flags are go vet's: -NAME (e.g. -chanown, -printf) runs only the named
// analyzers, -NAME=false skips one, and each analyzer's flags take its
// name as a prefix (-chanown.exported, -printf.funcs); "chanvet help"
// lists the analyzers and "chanvet help NAME" describes one. An invalid
// flag value is one line for the whole go vet run (see
// cmd/internal/vettool), and go vet exits 1. chanvet speaks only the
// vettool protocol (go/analysis/unitchecker); use the chanown command
// for standalone runs and the CI formats.
package main

import (
	"go/types"
	"os"
	"slices"

	"github.com/chanown/chanown/analyzer"
	"github.com/chanown/chanown/cmd/internal/vettool"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/suite/vet"
)

// main runs the vettool protocol with the suite; a bad flag is one line
// per go vet run, not a usage banner per package (see vettool).
func main() {
	// With -report-module-deps, the main module's packages are reported
	// even when go vet wants only their facts; otherwise chanown
	// analyses a package that go vet wants only for its facts as a
	// dependency (see vettool.Unit).
	args, factsOnly := vettool.Unit(os.Args[1:])
	os.Args = append(os.Args[:1], args...)
	vettool.Main(suite(factsOnly)...) // calls os.Exit
}

// suite returns the analyzers chanvet runs: the vet suite, then chanown,
// told whether its package is only a dependency.
func suite(factsOnly bool) []*analysis.Analyzer {
	a := analyzer.New(analyzer.DefaultConfig(), analyzer.WithDependencies(func(*types.Package) bool { return factsOnly }))
	return append(slices.Clip(vet.Suite), a)
}
