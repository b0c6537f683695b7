package main

import (
	"encoding/json"
	"flag"
	"go/types"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
	"golang.org/x/tools/go/packages"

	"github.com/chanown/chanown/analyzer"
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

// moduleDepsFlag is a flag of the vettool face that the standalone
// driver passes to go vet (vet.go): a package of the main module (or of
// a workspace or directory-replaced module) that go vet analyses only
// for its facts (VetxOnly) is analysed and reported as if go vet had
// asked for it.
//
// go vet caches a package's output under a key that does not say
// whether the run was for facts only: a run for facts only caches no
// diagnostics, and a later go vet that asks for that package replays
// nothing; a run that reported caches the diagnostics, and a later go
// vet that needs the package only for facts replays them. With this
// flag every cached output of a package of ours holds its diagnostics,
// whichever run made it; the standalone driver prints those of the
// packages it was asked for. The flag is part of the cache key, so runs
// with it never share results with go vet runs without it.
const moduleDepsFlag = "report-module-deps"

// moduleDepsUsage is the usage of moduleDepsFlag.
const moduleDepsUsage = "report the packages of the main module that go vet analyses for their facts only (used by chanown's standalone driver)"

// vettoolArgs prepares a, run as a vettool with args, for the unit that
// go vet's config file describes, and returns the arguments to run it
// with. A unit that go vet wants only for its facts (VetxOnly) is a
// dependency for a (analyzer.SetDependencies), unless moduleDepsFlag is
// set and the package is ours: then the config is rewritten beside the
// original without VetxOnly, so that unitchecker reports it. A config
// that cannot be read or written is left to unitchecker, which reports
// it.
func vettoolArgs(a *analysis.Analyzer, args []string) []string {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return args
	}
	file := args[len(args)-1]
	data, err := os.ReadFile(file)
	if err != nil {
		return args
	}
	var cfg unitchecker.Config
	if json.Unmarshal(data, &cfg) != nil || !cfg.VetxOnly {
		return args
	}
	// The module of a package of ours has no version; std has no module.
	ours := cfg.ModulePath != "" && cfg.ModuleVersion == ""
	if !ours || !moduleDepsSet(args[:len(args)-1]) {
		analyzer.SetDependencies(a, func(*types.Package) bool { return true })
		return args
	}
	// Rewrite only the one field, keeping the others as go vet wrote them.
	var raw map[string]json.RawMessage
	if json.Unmarshal(data, &raw) != nil {
		return args
	}
	raw["VetxOnly"] = json.RawMessage("false")
	data, err = json.Marshal(raw)
	if err != nil {
		return args
	}
	root := strings.TrimSuffix(file, ".cfg") + "-report.cfg"
	if os.WriteFile(root, data, 0o666) != nil {
		return args
	}
	return append(slices.Clone(args[:len(args)-1]), root)
}

// moduleDepsSet reports whether flags, the command line before the
// config file, set moduleDepsFlag to true. unitchecker parses them
// again, and rejects what does not parse.
func moduleDepsSet(flags []string) bool {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	set := fs.Bool(moduleDepsFlag, false, "")
	for _, arg := range flags {
		name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == moduleDepsFlag && fs.Parse([]string{arg}) == nil && *set {
			return true
		}
	}
	return false
}
