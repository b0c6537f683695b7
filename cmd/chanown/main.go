// Command chanown reports package-level variables that are guarded by a
// mutex and shared by several goroutines, and the races such a mutex was
// meant to prevent. See docs/chanown.md for what each category means and
// docs/integrations.md for go vet, golangci-lint and CI.
//
// One binary has two faces. Run directly, it is a standalone driver:
//
//	chanown [-format=text|json|sarif|github] [-c N] [-test=false] [-gocache=false] [analyzer flags] [packages]
//	chanown help [category | preset | chanown]
//
// "chanown help" lists the categories and presets, and "chanown help X"
// describes one, or the analyzer itself.
//
// It analyses the packages (default ".") by running go vet with itself as
// the vettool and -json, so that the go command's build cache keeps every
// package's results between runs: a repeat run on unchanged code costs
// what a warm go vet costs. What go vet cannot serve (-test=false,
// go/packages query patterns, an external GOPACKAGESDRIVER,
// -gocache=false, and any run that go vet does not complete cleanly, such
// as one with a package that does not type-check) is analysed in this
// process instead, with go/packages and golang.org/x/tools/go/analysis/checker,
// as before (vet.go; docs/performance.md says why). Either way it prints
// the diagnostics in one of four formats:
//
//   - text (the default): to stderr, go vet style, each diagnostic as
//     "file:line:col: [category] message" followed by its related
//     positions, indented;
//   - json (also -json): the golang.org/x/tools JSON tree, to stdout;
//   - sarif: a SARIF 2.1.0 log, to stdout, for code scanning;
//   - github: GitHub Actions workflow commands ("::warning file=…"), to
//     stdout, which show as annotations on the pull request.
//
// Outputs with levels tell the tiers apart: shared, the design advice,
// is a SARIF note and a GitHub ::notice; the race tier and directive are
// warnings. -categories=races reports the race tier alone.
//
// Errors (packages that do not load or type-check, patterns that match
// nothing, failed analyses) always go to stderr, one line each; sarif and
// github also carry them in their own output. The analyzer flags are
// -exported, -spawners, -self-sync and -categories.
//
// Run by go vet, it speaks the vettool protocol (unitchecker):
//
//	go vet -vettool=$(which chanown) [-chanown.exported ...] [packages]
//
// The face is chosen before any flag is parsed: the arguments -flags or
// -V (any form, e.g. -V=full), or a single argument ending in ".cfg",
// select the vettool. An invalid flag value is then one line for the
// whole go vet run, not an error and a usage banner per package (see
// cmd/internal/vettool), and go vet exits 1.
//
// Exit codes of the standalone driver, the same for every format except
// that json never exits 3 (as the x/tools drivers do):
//
//	0  no findings
//	1  errors: a package failed to load or type-check, a pattern matched
//	   no packages, or the analysis failed; the other packages are still
//	   analysed and reported, and 1 wins over 3
//	2  bad usage: unknown flag, invalid flag value or format
//	3  findings were reported (text, sarif and github)
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
	"strconv"
	"strings"

	"github.com/chanown/chanown/analyzer"
	"github.com/chanown/chanown/cmd/internal/vettool"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// Exit codes of the standalone driver.
const (
	exitOK       = 0 // no findings
	exitError    = 1 // load, type or analysis errors
	exitUsage    = 2 // bad flags
	exitFindings = 3 // diagnostics reported (every format but json)
)

// Output formats of the standalone driver.
const (
	formatText   = "text"
	formatJSON   = "json"
	formatSARIF  = "sarif"
	formatGitHub = "github"
)

// formats lists the output formats, the default first.
var formats = []string{formatText, formatJSON, formatSARIF, formatGitHub}

// progname prefixes every error line.
const progname = "chanown"

// main chooses the face, vettool or standalone driver, and runs it.
func main() {
	if isVetTool(os.Args[1:]) {
		// A package go vet wants only for its facts is a dependency
		// (see vettool.Unit).
		args, factsOnly := vettool.Unit(os.Args[1:])
		os.Args = append(os.Args[:1], args...)
		a := analyzer.New(analyzer.DefaultConfig(), analyzer.WithDependencies(func(*types.Package) bool { return factsOnly }))
		vettool.Main(a) // calls os.Exit
		return
	}
	// The standalone driver runs this binary under go vet when it can
	// (vet.go); without its path it analyses in process.
	self, err := os.Executable()
	if err != nil {
		self = ""
	}
	os.Exit(run(analyzer.DefaultConfig(), self, os.Args[1:], os.Stdout, os.Stderr))
}

// isVetTool reports whether args are those of the go vet -vettool
// protocol: go vet first asks for -V=full and -flags, then passes the
// analyzer flags and one *.cfg file describing the package unit.
func isVetTool(args []string) bool {
	cfgs := 0
	for _, arg := range args {
		if strings.HasPrefix(arg, "-") {
			name, _, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
			if name == "flags" || name == "V" {
				return true
			}
			continue
		}
		if strings.HasSuffix(arg, ".cfg") {
			cfgs++
		}
	}
	return cfgs == 1 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// options holds the standalone driver's own flags.
type options struct {
	format  formatValue // output format
	json    jsonValue   // -json: an alias of -format=json
	context int         // lines of source context to print; negative means none
	tests   bool        // load test packages too
	gocache bool        // run through go vet, whose build cache keeps the results
	fix     bool        // apply the first suggested fix of every diagnostic
	diff    bool        // print the fixes as a unified diff instead of applying them
}

// formatValue is the flag.Value of -format: one of formats.
type formatValue struct{ name string }

func (v *formatValue) String() string {
	if v == nil || v.name == "" {
		return formatText
	}
	return v.name
}

func (v *formatValue) Set(s string) error {
	if !slices.Contains(formats, s) {
		return fmt.Errorf("unknown format %q (known: %s)", s, strings.Join(formats, ", "))
	}
	v.name = s
	return nil
}

// jsonValue is the flag.Value of -json, a boolean flag that selects the
// json format. It records whether it was given at all, so that a
// contradicting -format can be reported.
type jsonValue struct{ set, on bool }

func (v *jsonValue) IsBoolFlag() bool { return true }

func (v *jsonValue) String() string {
	if v == nil {
		return "false"
	}
	return strconv.FormatBool(v.on)
}

func (v *jsonValue) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return errors.New("invalid boolean value")
	}
	v.set, v.on = true, on
	return nil
}

// resolve returns the output format that the -format and -json flags
// select together, or an error if they contradict each other.
func (o *options) resolve(formatSet bool) (string, error) {
	format := o.format.String()
	if !o.json.set {
		return format, nil
	}
	switch {
	case o.json.on && formatSet && format != formatJSON:
		return "", fmt.Errorf("-json contradicts -format=%s", format)
	case o.json.on:
		return formatJSON, nil
	case formatSet && format == formatJSON:
		return "", errors.New("-json=false contradicts -format=json")
	}
	return format, nil
}

// outputFormat returns the output format that the flags parsed by fs
// select, or an error if -json and -format contradict each other.
func outputFormat(fs *flag.FlagSet, opts *options) (string, error) {
	formatSet := false
	fs.Visit(func(f *flag.Flag) { formatSet = formatSet || f.Name == "format" })
	return opts.resolve(formatSet)
}

// newFlagSet returns the standalone driver's flag set: its own flags plus
// every flag of a under its bare name, sharing a's flag.Value so that
// setting one configures a. The flag set prints nothing.
func newFlagSet(a *analysis.Analyzer) (*flag.FlagSet, *options) {
	opts := new(options)
	fs := flag.NewFlagSet(progname, flag.ContinueOnError)
	// Errors are printed by run, as one line; the usage only on -help.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.Var(&opts.format, "format", "output format: "+strings.Join(formats, ", ")+
		" (text goes to stderr, the others to stdout)")
	fs.Var(&opts.json, "json", "same as -format=json: print the golang.org/x/tools JSON to stdout; exit 0 even with findings")
	fs.IntVar(&opts.context, "c", -1, "text format: print the offending line with this many lines of context (negative: none)")
	fs.BoolVar(&opts.tests, "test", true, "also analyse the packages' test files")
	fs.BoolVar(&opts.gocache, "gocache", true, "run the analysis through go vet, so that the go command's build cache keeps\n"+
		"the results of unchanged packages between runs (false: analyse everything in this process)")
	fs.BoolVar(&opts.fix, "fix", false, "apply the first suggested fix of every diagnostic instead of printing the diagnostics")
	fs.BoolVar(&opts.diff, "diff", false, "print the suggested fixes as a unified diff instead of applying them; exit 3 if it is not empty")
	a.Flags.VisitAll(func(f *flag.Flag) {
		// Analyzer flags never reuse driver flag names (STYLE.md); if one
		// did, the driver's flag wins rather than panicking.
		if fs.Lookup(f.Name) == nil {
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	return fs, opts
}

// usage prints the standalone driver's help, with the flags of fs, to w.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, `usage: %[1]s [flags] [packages]
       %[1]s help [category | preset | %[1]s]
       go vet -vettool=/path/to/%[1]s [-%[1]s.flag ...] [packages]

%[1]s reports package-level variables guarded by a mutex and shared by
several goroutines; see %[2]s

Flags:
`, progname, analyzer.URL)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(w, `
Exit codes: 0 no findings, 1 errors (load, type or analysis), 2 bad usage,
3 findings (every format but json, which exits 0 unless there are errors).
`)
}

// run is the standalone driver. It analyses the packages named by args
// with an analyzer made from cfg and the flags in args, prints the
// results and returns the exit code. self is the path of a chanown
// binary whose vettool face runs that analyzer: if it is not empty
// and the run allows it (useVet), the results come from go vet with self
// as the vettool, and from its build cache (vet.go); otherwise, or if go
// vet fails, from the in-process driver.
func run(cfg analyzer.Config, self string, args []string, stdout, stderr io.Writer) int {
	var roots rootSet
	a := analyzer.New(cfg, analyzer.WithDependencies(roots.isDependency))
	fs, opts := newFlagSet(a)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stderr, fs)
			return exitOK
		}
		fmt.Fprintf(stderr, "%s: %s (see %s -help)\n", progname, vettool.OneLine(err.Error()), progname)
		return exitUsage
	}
	format, err := outputFormat(fs, opts)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %s (see %s -help)\n", progname, err, progname)
		return exitUsage
	}
	patterns := fs.Args()
	if len(patterns) > 0 && patterns[0] == "help" {
		// "help" is no package: std has none of that name, and a
		// directory called help is ./help.
		return help(a, fs, patterns[1:], stdout, stderr)
	}
	if len(patterns) == 0 {
		patterns = []string{"."}
	}

	p := newPrinter(stderr)
	var tree jsonTree // nil if nothing was analysed
	if self != "" && useVet(opts, patterns) {
		tree = runVet(vetArgs(self, a, fs, patterns), patterns)
	}
	if tree == nil {
		tree = analyse(a, &roots, patterns, opts.tests, p)
	}
	if opts.fix || opts.diff {
		return fixAll(tree, opts.diff, p, stdout)
	}
	findings := tree.findings()

	code := exitOK
	if len(findings) > 0 && format != formatJSON {
		code = exitFindings
	}
	if len(p.errs) > 0 {
		code = exitError
	}

	var werr error
	switch format {
	case formatText:
		p.diagnostics(findings, opts.context)
	case formatJSON:
		// When nothing was analysed there is no JSON tree to print, as
		// with the x/tools drivers.
		if tree != nil {
			werr = tree.print(stdout)
		}
	case formatSARIF:
		werr = writeSARIF(stdout, sarifInput{
			root:     sourceRoot(p.cwd),
			findings: findings,
			errors:   p.errs,
			exitCode: code,
		})
	case formatGitHub:
		werr = writeGitHub(stdout, sourceRoot(p.cwd), findings, p.errs)
	}
	if werr != nil {
		p.errorf("writing %s output: %v", format, werr)
		code = exitError
	}
	return code
}

// fixAll applies the fixes of tree, or with diff prints them to stdout,
// and returns the exit code: 1 if there were errors, 3 if diff printed
// a change, else 0.
func fixAll(tree jsonTree, diff bool, p *printer, stdout io.Writer) int {
	var out bytes.Buffer
	res, err := applyFixes(tree.fixes(), diff, &out)
	stdout.Write(out.Bytes())
	if err != nil {
		p.errorf("applying fixes: %v", err)
	}
	if res.skipped > 0 {
		p.errorf("%d of %d fixes skipped: they overlap others; run again to apply them", res.skipped, res.applied+res.skipped)
	}
	switch {
	case len(p.errs) > 0:
		return exitError
	case diff && out.Len() > 0:
		return exitFindings
	}
	return exitOK
}

// analyse is the in-process driver: it loads the packages matching
// patterns, adds them to roots (the dependency set of a), analyses them
// with a, prints the errors with p, and returns
// the results as a canonical jsonTree, or nil if nothing could be
// analysed.
func analyse(a *analysis.Analyzer, roots *rootSet, patterns []string, tests bool, p *printer) jsonTree {
	pkgs, err := load(a, patterns, tests)
	if err != nil {
		p.errorf("%v", err)
		return nil
	}
	p.packageErrors(pkgs)
	roots.add(pkgs)
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		p.errorf("%v", err)
		return nil
	}
	p.actionErrors(graph)
	// The findings and the JSON both come from the JSON tree, as with go
	// vet, so that the output does not depend on the path.
	var buf bytes.Buffer
	if err := graph.PrintJSON(&buf); err != nil {
		panic("internal error: " + err.Error()) // writing to a buffer
	}
	var tree jsonTree
	if err := json.Unmarshal(buf.Bytes(), &tree); err != nil {
		panic("internal error: checker's JSON: " + err.Error())
	}
	return canonical(tree)
}

// load loads the packages matching patterns, with syntax and types for
// the packages to analyse, and for all their dependencies too if a or
// an analyzer it requires uses facts. It returns an error only if
// nothing could be loaded; errors in packages are left in them.
func load(a *analysis.Analyzer, patterns []string, tests bool) ([]*packages.Package, error) {
	mode := packages.LoadSyntax
	if needFacts(a) {
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{
		Mode:  mode | packages.NeedModule,
		Tests: tests,
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	return pkgs, nil
}

// needFacts reports whether a or any analyzer it requires, directly or
// not, declares fact types, which forces analysing every dependency from
// source.
func needFacts(a *analysis.Analyzer) bool {
	seen := map[*analysis.Analyzer]bool{}
	queue := []*analysis.Analyzer{a}
	for len(queue) > 0 {
		a := queue[0]
		queue = queue[1:]
		if seen[a] {
			continue
		}
		seen[a] = true
		if len(a.FactTypes) > 0 {
			return true
		}
		queue = append(queue, a.Requires...)
	}
	return false
}
