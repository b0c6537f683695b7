package vettool

import (
	"encoding/json"
	"flag"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"
)

// ModuleDepsFlag is a flag of both commands' go vet face: with it, a
// package of the main module (or of a workspace or directory-replaced
// module, any module without a version) that go vet analyses only for
// its facts (VetxOnly) is analysed and reported as if go vet had asked
// for it. chanown's standalone driver always passes it.
//
// go vet (go1.26) caches a package's output under a key that does not
// say whether the run was for facts only. A run for facts only reports
// nothing, and a later go vet that asks for that package replays
// nothing: its findings are lost. A run that reported caches the
// findings, and a later go vet that needs the package only for its facts
// replays them. With the flag every cached output of a package of ours
// holds its findings, whichever run made it: none are lost, and a go vet
// run prints the findings of the module's packages it analyses as
// dependencies too. The flag is part of the cache key, so runs with it
// and runs without it share no results.
const ModuleDepsFlag = "report-module-deps"

// moduleDepsUsage is the usage of ModuleDepsFlag.
const moduleDepsUsage = "also report the packages of the main module that go vet analyses for their facts only " +
	"(chanown's standalone driver sets it; see docs/integrations.md)"

// Unit prepares the command line args of a vettool run, whose last
// argument is go vet's config file for one package unit, and returns the
// command line to run unitchecker with, and whether the run is for the
// package's facts only (VetxOnly). With ModuleDepsFlag, a unit for facts
// only whose package is ours is rewritten, beside the original config
// and without VetxOnly, so that unitchecker reports it. A config that
// cannot be read or written is left to unitchecker, which reports it.
func Unit(args []string) (_ []string, factsOnly bool) {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return args, false
	}
	file := args[len(args)-1]
	data, err := os.ReadFile(file)
	if err != nil {
		return args, false
	}
	var cfg unitchecker.Config
	if json.Unmarshal(data, &cfg) != nil || !cfg.VetxOnly {
		return args, false
	}
	// A package of ours is in a module without a version; std has no
	// module.
	ours := cfg.ModulePath != "" && cfg.ModuleVersion == ""
	if !ours || !moduleDepsSet(args[:len(args)-1]) {
		return args, true
	}
	// Rewrite the one field, keeping the others as go vet wrote them.
	var raw map[string]json.RawMessage
	if json.Unmarshal(data, &raw) != nil {
		return args, true
	}
	raw["VetxOnly"] = json.RawMessage("false")
	if data, err = json.Marshal(raw); err != nil {
		return args, true
	}
	report := strings.TrimSuffix(file, ".cfg") + "-report.cfg"
	if os.WriteFile(report, data, 0o666) != nil {
		return args, true
	}
	return append(slices.Clone(args[:len(args)-1]), report), false
}

// moduleDepsSet reports whether flags, the command line before the
// config file, set ModuleDepsFlag to true. unitchecker parses them
// again and rejects what does not parse.
func moduleDepsSet(flags []string) bool {
	for _, arg := range flags {
		name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name != ModuleDepsFlag {
			continue
		}
		fs := flag.NewFlagSet("", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		set := fs.Bool(ModuleDepsFlag, false, "")
		if fs.Parse([]string{arg}) == nil && *set {
			return true
		}
	}
	return false
}
