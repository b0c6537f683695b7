// Command goldendump prints what the golden comparison (.ci/golden.sh)
// needs from a revision of the analyzer beyond the output of the chanown
// command: every fact the analyzer exports, sorted.
//
//	goldendump [-test=false] [analyzer flags] packages   # the facts
//	goldendump -vetjson < go-vet-json                    # canonical go vet -json
//
// .ci/golden.sh copies this file into the tree of each revision it
// compares and builds it there, so that one dump program runs against
// the analyzer of each revision. It therefore uses nothing of the
// analyzer but analyzer.Analyzer and its flags, which every revision
// since the golden comparison began has.
//
// The facts mode loads the packages with go/packages, with their tests
// unless -test=false, analyses them and all their dependencies with
// golang.org/x/tools/go/analysis/checker, and prints one line per fact
// that an analysed package exports:
//
//	<package ID> <object or package> <fact type>: <fact String()>
//
// sorted, then the load and analysis errors, sorted, on stderr; it exits
// 1 if there were any. Every package is analysed in full: no
// dependency filter (analyzer.WithDependencies) is set, whose contract is
// that it changes no fact.
//
// The vetjson mode reads the JSON that go vet -vettool=chanown -json
// prints, one object per package in the order go vet finishes them, and
// prints them merged into one tree with the packages sorted (each
// package's diagnostics stay in the order the vettool wrote them).
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/types"
	"io"
	"os"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/chanown/chanown/analyzer"
)

func main() {
	a := analyzer.Analyzer
	fs := flag.NewFlagSet("goldendump", flag.ExitOnError)
	vetJSON := fs.Bool("vetjson", false, "canonicalise go vet -json output from stdin")
	tests := fs.Bool("test", true, "also analyse the packages' test files")
	a.Flags.VisitAll(func(f *flag.Flag) {
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	fs.Parse(os.Args[1:]) // exits 2 on an error
	if *vetJSON {
		if err := canonicalVetJSON(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "goldendump:", err)
			os.Exit(1)
		}
		return
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: goldendump [-test=false] [analyzer flags] packages | goldendump -vetjson")
		os.Exit(2)
	}
	facts, errs := dumpFacts(a, fs.Args(), *tests)
	for _, line := range facts {
		fmt.Println(line)
	}
	for _, e := range errs {
		fmt.Fprintln(os.Stderr, e)
	}
	if len(errs) > 0 {
		os.Exit(1)
	}
}

// dumpFacts analyses the packages matching patterns, and all their
// dependencies, with a, and returns the facts they export, formatted and
// sorted, and the errors, sorted.
func dumpFacts(a *analysis.Analyzer, patterns []string, tests bool) (facts, errs []string) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, []string{err.Error()}
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, fmt.Sprintf("%s: %v", p.ID, e))
		}
	})
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		return nil, append(errs, err.Error())
	}
	for act := range graph.All() {
		if act.Analyzer != a {
			continue
		}
		if act.Err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", act.Package.ID, act.Err))
		}
		own := act.Package.Types
		qual := types.RelativeTo(own)
		// The action's facts include those it imported; keep those its
		// package exports.
		for _, f := range act.AllObjectFacts() {
			if f.Object.Pkg() == own {
				facts = append(facts, fmt.Sprintf("%s %s %T: %v", act.Package.ID, types.ObjectString(f.Object, qual), f.Fact, f.Fact))
			}
		}
		for _, f := range act.AllPackageFacts() {
			if f.Package == own {
				facts = append(facts, fmt.Sprintf("%s package %s %T: %v", act.Package.ID, f.Package.Path(), f.Fact, f.Fact))
			}
		}
	}
	slices.Sort(facts)
	slices.Sort(errs)
	return facts, slices.Compact(errs)
}

// canonicalVetJSON reads the stream of JSON trees (package ID → analyzer
// → diagnostics or error) that go vet -json prints and writes them as one
// tree, indented, with the packages in sorted order.
func canonicalVetJSON(r io.Reader, w io.Writer) error {
	tree := map[string]map[string]json.RawMessage{}
	dec := json.NewDecoder(r)
	for {
		var t map[string]map[string]json.RawMessage
		err := dec.Decode(&t)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("reading go vet -json output: %v", err)
		}
		for id, byAnalyzer := range t {
			if _, dup := tree[id]; dup {
				return fmt.Errorf("package %s appears twice in the go vet output", id)
			}
			tree[id] = byAnalyzer
		}
	}
	data, err := json.Marshal(tree) // sorts the map keys
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, "", "\t"); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err = w.Write(buf.Bytes())
	return err
}
