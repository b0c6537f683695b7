package main

// The standalone driver's fast path: go vet, with this binary as its
// vettool, and the go command's build cache keeping the results.
//
// go vet runs the vettool once per package, dependencies included (for
// their facts), and since Go 1.26 caches each run's facts and its JSON
// stdout under a key made of the tool's ID (a hash of the binary), its
// flags, the package's files and its dependencies' facts. A second go vet
// over unchanged code replays the cached JSON without starting the tool;
// an edit re-runs only the edited package and those whose facts inputs
// changed. The standalone driver reads that JSON (the golang.org/x/tools
// tree that unitchecker writes: category, positions, message, related
// positions and suggested fixes of every diagnostic) and renders it in
// its own formats, so what it prints does not depend on which path
// produced the results.
//
// The in-process driver (go/packages and checker.Analyze) still serves
// whatever go vet cannot: -test=false (go vet always includes the test
// files), go/packages query patterns (file=..., pattern=...), an external
// GOPACKAGESDRIVER, -gocache=false, and every run that go vet does not
// complete cleanly (a package that does not load or type-check, a pattern
// that matches nothing, a failed analysis): the in-process driver then
// reports those errors exactly as before. docs/performance.md has the
// numbers behind the choice.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"go/token"
	"io"
	"maps"
	"os"
	"os/exec"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/chanown/chanown/cmd/internal/vettool"
)

// A jsonTree is the golang.org/x/tools JSON output of an analysis run
// (go vet -json, checker.Graph.PrintJSON): package ID → analyzer name →
// either a list of diagnostics or {"error": message}.
type jsonTree map[string]map[string]json.RawMessage

// jsonDiagnostic holds the fields of a diagnostic in a jsonTree that the
// driver renders; the tree keeps the rest (suggested fixes) as written.
type jsonDiagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	End      string `json:"end"`
	Message  string `json:"message"`
	Related  []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
}

// useVet reports whether the results of a run with these options and
// patterns can come from go vet: go vet always analyses test files, and
// takes only the go command's patterns.
func useVet(opts *options, patterns []string) bool {
	if !opts.gocache || !opts.tests {
		return false
	}
	if d := os.Getenv("GOPACKAGESDRIVER"); d != "" && d != "off" {
		return false // go/packages asks another build system
	}
	// go/packages query patterns (file=, pattern=) are not the go
	// command's.
	return !slices.ContainsFunc(patterns, func(p string) bool {
		return strings.Contains(p, "=") || strings.HasPrefix(p, "-")
	})
}

// vetArgs returns the arguments of "go vet -json" that run self, the
// chanown binary, as the vettool on patterns, with the analyzer flags
// set in fs (bare names there, prefixed with a's name under go vet), and
// with vettool.ModuleDepsFlag, so that go vet's cache holds the
// diagnostics of every package of the main module.
func vetArgs(self string, a *analysis.Analyzer, fs *flag.FlagSet, patterns []string) []string {
	args := []string{"vet", "-json", "-vettool=" + self, "-" + vettool.ModuleDepsFlag}
	fs.Visit(func(f *flag.Flag) {
		if a.Flags.Lookup(f.Name) != nil {
			args = append(args, fmt.Sprintf("-%s.%s=%s", a.Name, f.Name, f.Value))
		}
	})
	return append(args, patterns...)
}

// runVet runs go vet with args (from vetArgs) and returns the results of
// the packages that patterns match as a canonical jsonTree; or nil if go vet did not complete cleanly (it
// failed, or a package's analysis failed). The caller then runs the
// in-process driver, which reports the errors in its own words.
func runVet(args []string, patterns []string) jsonTree {
	// go vet prints the results of every package it analyses or replays
	// from its cache, the module's dependencies included
	// (vettool.ModuleDepsFlag): ask go list, meanwhile, which ones were
	// asked for.
	rootsc := make(chan map[string]bool, 1)
	go func() { rootsc <- vetRoots(patterns) }()

	var stdout bytes.Buffer
	cmd := exec.Command("go", args...)
	cmd.Stdout = &stdout
	// On success go vet's stderr holds only progress ("go: downloading
	// …"), which the in-process driver does not print either.
	cmd.Stderr = io.Discard
	err := cmd.Run()
	roots := <-rootsc
	if err != nil || roots == nil {
		return nil
	}
	// One tree per package that go vet analysed, concatenated.
	var trees []jsonTree
	dec := json.NewDecoder(&stdout)
	for {
		var t jsonTree
		if err := dec.Decode(&t); err == io.EOF {
			break
		} else if err != nil {
			return nil
		}
		maps.DeleteFunc(t, func(id string, _ map[string]json.RawMessage) bool { return !roots[id] })
		trees = append(trees, t)
	}
	tree := canonical(trees...)
	if tree.hasErrors() {
		return nil
	}
	return tree
}

// vetRoots returns the IDs under which go vet reports the packages that
// patterns match: a package's own (go vet analyses it with its test
// files) and that of its external test package; or nil if go list
// fails.
func vetRoots(patterns []string) map[string]bool {
	// -find: the packages only, not their dependencies.
	args := append([]string{"list", "-e", "-find", "-f", "{{.ImportPath}}{{if .XTestGoFiles}} {{.ImportPath}}_test{{end}}"}, patterns...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		return nil
	}
	roots := map[string]bool{}
	for _, id := range strings.Fields(string(out)) {
		roots[id] = true
	}
	return roots
}

// canonical merges trees into one that does not depend on the driver
// that produced them: packages are named by package path, as go vet
// names them, so that "p [p.test]", go/packages' test variant of p, and p
// are one entry; each package's diagnostics are sorted by position and
// listed once. A file of p is analysed in both p and its test variant,
// and go vet analyses only the test variant: when the trees hold "p [p.test]",
// the results of p itself are left out, so that a report the two
// analyses word differently (the test files add contexts) is printed
// once, as go vet prints it.
func canonical(trees ...jsonTree) jsonTree {
	type source struct {
		id       string
		analyzer string
		value    json.RawMessage
	}
	var sources []source
	tested := map[string]bool{} // package paths whose own test variant is present
	for _, t := range trees {
		for id, analyzers := range t {
			if path := packagePath(id); id == path+" ["+path+".test]" {
				tested[path] = true
			}
			for name, v := range analyzers {
				sources = append(sources, source{id, name, v})
			}
		}
	}
	sources = slices.DeleteFunc(sources, func(s source) bool { return tested[s.id] })
	// Test variants first, then by ID: deterministic, whatever the
	// order of the input.
	slices.SortStableFunc(sources, func(a, b source) int {
		return cmp.Or(
			cmp.Compare(packagePath(a.id), packagePath(b.id)),
			cmp.Compare(a.analyzer, b.analyzer),
			-cmp.Compare(len(a.id), len(b.id)),
			cmp.Compare(a.id, b.id),
		)
	})

	type key struct{ pkg, analyzer string }
	type entry struct {
		diags []json.RawMessage
		seen  map[diagKey]bool
		err   json.RawMessage
	}
	entries := map[key]*entry{}
	var order []key
	for _, s := range sources {
		k := key{packagePath(s.id), s.analyzer}
		e := entries[k]
		if e == nil {
			e = &entry{seen: map[diagKey]bool{}}
			entries[k] = e
			order = append(order, k)
		}
		var diags []json.RawMessage
		if json.Unmarshal(s.value, &diags) != nil {
			// {"error": …}: the analysis failed; the first error stands.
			if e.err == nil {
				e.err = s.value
			}
			continue
		}
		for _, raw := range diags {
			var d jsonDiagnostic
			if json.Unmarshal(raw, &d) != nil {
				continue
			}
			if k := d.key(); !e.seen[k] {
				e.seen[k] = true
				e.diags = append(e.diags, sortFixEdits(raw))
			}
		}
	}

	out := jsonTree{}
	for _, k := range order {
		e := entries[k]
		var value json.RawMessage
		switch {
		case e.err != nil:
			value = e.err
		case len(e.diags) > 0:
			slices.SortStableFunc(e.diags, func(a, b json.RawMessage) int {
				var da, db jsonDiagnostic
				json.Unmarshal(a, &da) // ignore error: decoded above
				json.Unmarshal(b, &db)
				return compareDiagKeys(da.key(), db.key())
			})
			data, err := json.Marshal(e.diags)
			if err != nil {
				panic("internal error: " + err.Error())
			}
			value = data
		default:
			continue
		}
		if out[k.pkg] == nil {
			out[k.pkg] = map[string]json.RawMessage{}
		}
		out[k.pkg][k.analyzer] = value
	}
	return out
}

// packagePath returns the package path of a package ID: go/packages
// names a test variant "p [p.test]", go vet names it p.
func packagePath(id string) string {
	path, _, _ := strings.Cut(id, " ")
	return path
}

// diagKey identifies a diagnostic for deduplication and ordering.
type diagKey struct {
	posn              token.Position
	category, message string
}

// key returns d's diagKey.
func (d *jsonDiagnostic) key() diagKey {
	return diagKey{parsePosition(d.Posn), d.Category, d.Message}
}

// compareDiagKeys orders diagnostics by file, line, column, category
// and message.
func compareDiagKeys(a, b diagKey) int {
	return cmp.Or(
		cmp.Compare(a.posn.Filename, b.posn.Filename),
		cmp.Compare(a.posn.Line, b.posn.Line),
		cmp.Compare(a.posn.Column, b.posn.Column),
		cmp.Compare(a.category, b.category),
		cmp.Compare(a.message, b.message),
	)
}

// hasErrors reports whether an analysis in t failed.
func (t jsonTree) hasErrors() bool {
	for _, analyzers := range t {
		for _, v := range analyzers {
			if bytes.HasPrefix(bytes.TrimSpace(v), []byte("{")) {
				return true
			}
		}
	}
	return false
}

// findings returns the diagnostics of t in position order, each once
// (the same diagnostic may come from two packages, e.g. p and p_test
// sharing a file through the test variant).
func (t jsonTree) findings() []finding {
	seen := map[diagKey]bool{}
	var out []finding
	for _, pkg := range slices.Sorted(maps.Keys(t)) {
		for _, name := range slices.Sorted(maps.Keys(t[pkg])) {
			var diags []jsonDiagnostic
			if json.Unmarshal(t[pkg][name], &diags) != nil {
				continue // an error, printed by the driver
			}
			for _, d := range diags {
				k := d.key()
				if seen[k] {
					continue
				}
				seen[k] = true
				f := finding{posn: k.posn, category: d.Category, message: d.Message}
				// The JSON gives a diagnostic without an end its
				// start as end.
				if d.End != d.Posn {
					f.end = parsePosition(d.End)
				}
				for _, r := range d.Related {
					f.related = append(f.related, relatedInfo{parsePosition(r.Posn), r.Message})
				}
				out = append(out, f)
			}
		}
	}
	slices.SortFunc(out, func(a, b finding) int {
		return compareDiagKeys(diagKey{a.posn, a.category, a.message}, diagKey{b.posn, b.category, b.message})
	})
	return out
}

// print writes t as the x/tools drivers do: indented with tabs, keys
// sorted, and a final newline.
func (t jsonTree) print(w io.Writer) error {
	data, err := json.MarshalIndent(t, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
