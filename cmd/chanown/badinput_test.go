package main

// TestBadInput is the bad-input matrix of the standalone driver, end to
// end: it builds the chanown binary and runs it on the sample modules in
// testdata/badinput/<case>/ (each a module of its own), checking the exit
// code and every line of output exactly: error lines ("chanown: ...", one
// line each) and the first line of each diagnostic. Related-position
// lines (indented) are not compared.
//
// Invalid golangci-lint settings are tested with the golangci-lint
// plugin, not here.

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// badCase is one run of the matrix.
type badCase struct {
	name string
	dir  string   // module under testdata/badinput
	args []string // command line, after the binary
	env  []string // extra environment, e.g. "GOFLAGS=-tags=x"
	code int      // exit code
	// errors are the exact error lines, in order; "{dir}" stands for the
	// absolute path of the module.
	errors []string
	// diags are the exact first lines of the diagnostics, in order (text
	// format), or the "posn: [category] message" of each JSON diagnostic,
	// sorted, with posn relative to the module (-json).
	diags []string
	// needsCgo skips the case without a C compiler.
	needsCgo bool
}

// sharedGood is the shared finding on mu in typeerror/good and
// syntaxerror/good.
const sharedGood = "./good/good.go:8:2: [shared] mu guards seen, shared by callers of exported functions and " +
	"goroutine started in Start; give it one owner goroutine reached over a channel; a fix is offered"

// badCases is the matrix.
var badCases = []badCase{
	// Flags: every error is one line and exit 2, before anything loads.
	{name: "unknown-flag", dir: "flags", args: []string{"-nosuch", "./..."}, code: exitUsage,
		errors: []string{"chanown: flag provided but not defined: -nosuch (see chanown -help)"}},
	{name: "unknown-flag-dashes", dir: "flags", args: []string{"--nosuch=1", "./..."}, code: exitUsage,
		errors: []string{"chanown: flag provided but not defined: -nosuch (see chanown -help)"}},
	{name: "unknown-flag-json", dir: "flags", args: []string{"-json", "-nosuch", "./..."}, code: exitUsage,
		errors: []string{"chanown: flag provided but not defined: -nosuch (see chanown -help)"}},
	{name: "spawners-no-index", dir: "flags", args: []string{"-spawners=nonsense", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "nonsense" for flag -spawners: invalid spawner "nonsense": ` +
			`missing :N argument index (want pkg/path.Func:N or (pkg/path.T).M:N) (see chanown -help)`}},
	{name: "spawners-bad-index", dir: "flags", args: []string{"-spawners=pkg.F:x", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "pkg.F:x" for flag -spawners: invalid spawner "pkg.F:x": ` +
			`argument index is not a non-negative integer (want pkg/path.Func:N or (pkg/path.T).M:N) (see chanown -help)`}},
	{name: "spawners-negative-index", dir: "flags", args: []string{"-spawners=pkg.F:-1", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "pkg.F:-1" for flag -spawners: invalid spawner "pkg.F:-1": ` +
			`argument index is not a non-negative integer (want pkg/path.Func:N or (pkg/path.T).M:N) (see chanown -help)`}},
	{name: "spawners-unbalanced", dir: "flags", args: []string{"-spawners=(pkg.T.M:0", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "(pkg.T.M:0" for flag -spawners: invalid spawner "(pkg.T.M:0": ` +
			`unbalanced parenthesis (want pkg/path.Func:N or (pkg/path.T).M:N) (see chanown -help)`}},
	{name: "spawners-no-package", dir: "flags", args: []string{"-spawners=.F:0", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value ".F:0" for flag -spawners: invalid spawner ".F:0": ` +
			`missing package path or function name (want pkg/path.Func:N or (pkg/path.T).M:N) (see chanown -help)`}},
	{name: "spawners-no-method", dir: "flags", args: []string{"-spawners=(pkg.T).:0", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "(pkg.T).:0" for flag -spawners: invalid spawner "(pkg.T).:0": ` +
			`missing method name after the receiver (want pkg/path.Func:N or (pkg/path.T).M:N) (see chanown -help)`}},
	{name: "spawners-second-item", dir: "flags", args: []string{"-spawners=pkg.F:0,bad", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "pkg.F:0,bad" for flag -spawners: invalid spawner "bad": ` +
			`missing :N argument index (want pkg/path.Func:N or (pkg/path.T).M:N) (see chanown -help)`}},
	{name: "spawners-no-value", dir: "flags", args: []string{"-spawners"}, code: exitUsage,
		errors: []string{"chanown: flag needs an argument: -spawners (see chanown -help)"}},
	{name: "self-sync-no-dot", dir: "flags", args: []string{"-self-sync=nodot", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "nodot" for flag -self-sync: invalid type "nodot" (want pkg/path.Type) (see chanown -help)`}},
	{name: "self-sync-no-type", dir: "flags", args: []string{"-self-sync=pkg/path.", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "pkg/path." for flag -self-sync: invalid type "pkg/path." (want pkg/path.Type) (see chanown -help)`}},
	{name: "self-sync-second-item", dir: "flags", args: []string{"-json", "-self-sync=pkg/path.T,x", "./..."}, code: exitUsage,
		errors: []string{`chanown: invalid value "pkg/path.T,x" for flag -self-sync: invalid type "x" (want pkg/path.Type) (see chanown -help)`}},
	// The control: well-formed values of both flags are accepted.
	{name: "flags-valid", dir: "flags", code: exitOK, args: []string{
		"-spawners=example.com/x.F:0,(example.com/x.T).M:1,(*example.com/x/y.T).M:0",
		"-self-sync=example.com/x.T,example.com/x/y.U", "./..."}},

	// Patterns that match nothing: exit 1, one line.
	{name: "no-match", dir: "nomatch", args: []string{"example.com/badinput/nomatch/nosuch/..."}, code: exitError,
		errors: []string{"chanown: example.com/badinput/nomatch/nosuch/... matched no packages"}},
	{name: "no-match-json", dir: "nomatch", args: []string{"-json", "example.com/badinput/nomatch/nosuch/..."}, code: exitError,
		errors: []string{"chanown: example.com/badinput/nomatch/nosuch/... matched no packages"}},
	{name: "no-match-std", dir: "nomatch", args: []string{"std/nosuch/..."}, code: exitError,
		errors: []string{"chanown: std/nosuch/... matched no packages"}},
	{name: "no-such-dir", dir: "nomatch", args: []string{"./nosuchdir"}, code: exitError,
		errors: []string{"chanown: ./nosuchdir: stat {dir}/nosuchdir: directory not found"}},
	{name: "no-such-package", dir: "nomatch", args: []string{"nosuch.example/pkg"}, code: exitError,
		errors: []string{"chanown: nosuch.example/pkg: no required module provides package nosuch.example/pkg; to add it: go get nosuch.example/pkg"}},

	// An empty module: go.mod and nothing else.
	{name: "empty-module", dir: "empty", args: []string{"./..."}, code: exitError,
		errors: []string{"chanown: ./... matched no packages"}},
	{name: "empty-module-default", dir: "empty", code: exitError,
		errors: []string{"chanown: .: no Go files in {dir}"}},

	// Type errors: reported as one line each; the sibling package is
	// still analysed, and so is the package that imports the broken one.
	{name: "type-error-sibling", dir: "typeerror", args: []string{"./bad", "./good"}, code: exitError,
		errors: []string{`chanown: example.com/badinput/typeerror/bad: ./bad/bad.go:5:13: cannot use "not an int" (untyped string constant) as int value in variable declaration`},
		diags:  []string{sharedGood}},
	{name: "type-error-importer", dir: "typeerror", args: []string{"./..."}, code: exitError,
		errors: []string{`chanown: example.com/badinput/typeerror/bad: ./bad/bad.go:5:13: cannot use "not an int" (untyped string constant) as int value in variable declaration`},
		diags: []string{
			sharedGood,
			"./user/user.go:12:2: [shared] mu guards total, shared by callers of exported functions and " +
				"goroutine started in Add; give it one owner goroutine reached over a channel; a fix is offered",
		},
	},
	{name: "type-error-importer-json", dir: "typeerror", args: []string{"-json", "./..."}, code: exitError,
		errors: []string{`chanown: example.com/badinput/typeerror/bad: ./bad/bad.go:5:13: cannot use "not an int" (untyped string constant) as int value in variable declaration`},
		diags: []string{
			"good/good.go:8:2: [shared] mu guards seen, shared by callers of exported functions and " +
				"goroutine started in Start; give it one owner goroutine reached over a channel; a fix is offered",
			"user/user.go:12:2: [shared] mu guards total, shared by callers of exported functions and " +
				"goroutine started in Add; give it one owner goroutine reached over a channel; a fix is offered",
		},
	},

	// The importers use values whose types are invalid, from a package
	// that does not type-check. go/types reports no error in them, but
	// leaves out what go/ssa needs (hole calls a method on such a value,
	// and go/ssa crashed on it): they are not analysed, as drivers treat
	// packages whose imports have errors, and bad's errors say why.
	{name: "broken-dependency", dir: "brokendep", args: []string{"./..."}, code: exitError,
		errors: []string{
			"chanown: example.com/badinput/brokendep/bad: ./bad/bad.go:10:5: undefined: Undefined",
			"chanown: example.com/badinput/brokendep/bad: ./bad/bad.go:14:7: undefined: Undefined",
			"chanown: example.com/badinput/brokendep/bad: ./bad/bad.go:18:10: undefined: Undefined",
			"chanown: example.com/badinput/brokendep/bad: ./bad/bad.go:20:16: undefined: Undefined",
		},
	},

	// A module that cannot be found is one line: not one per package
	// that imports it, nor the type errors that follow ("could not
	// import"), nor anything from importers of those importers; and
	// nothing crashes on what is left.
	{name: "missing-module", dir: "missingdep", args: []string{"./..."}, code: exitError,
		errors: []string{
			"chanown: example.com/gone/a: uses/uses.go:7:2: example.com/gone@v0.0.0: replacement directory ./gone does not exist",
		},
	},

	// Syntax errors: the parser's errors alone, each once, and the
	// other packages still analysed.
	{name: "syntax-error", dir: "syntaxerror", args: []string{"./bad", "./good"}, code: exitError,
		errors: []string{"chanown: example.com/badinput/syntaxerror/bad: ./bad/bad.go:13:5: " +
			"expected boolean expression, found assignment (missing parentheses around composite literal?)"},
		diags: []string{sharedGood}},
	{name: "syntax-error-cascade", dir: "syntaxerror", args: []string{"./cascade"}, code: exitError,
		errors: []string{
			"chanown: example.com/badinput/syntaxerror/cascade: ./cascade/cascade.go:14:1: expected operand, found '}'",
			"chanown: example.com/badinput/syntaxerror/cascade: ./cascade/cascade.go:14:3: expected ')', found 'EOF'",
			"chanown: example.com/badinput/syntaxerror/cascade: ./cascade/cascade.go:14:3: expected ';', found 'EOF'",
			"chanown: example.com/badinput/syntaxerror/cascade: ./cascade/cascade.go:14:3: expected '}', found 'EOF'",
			"chanown: example.com/badinput/syntaxerror/cascade: ./cascade/cascade.go:14:3: missing ',' in argument list",
		},
	},

	// Build constraints: excluded files do not count (ignored.go does
	// not type-check), and GOFLAGS=-tags brings a tagged file in.
	{name: "build-tags", dir: "buildtags", args: []string{"./..."}, code: exitFindings,
		diags: []string{"./main.go:9:2: [shared] mu guards jobs, shared by main and goroutine started in main; " +
			"give it one owner goroutine reached over a channel; a fix is offered"}},
	{name: "build-tags-set", dir: "buildtags", args: []string{"./..."}, env: []string{"GOFLAGS=-tags=chanownextra"}, code: exitFindings,
		diags: []string{
			"./extra.go:8:2: [shared] muExtra guards extras, shared by main and goroutine started in extra; " +
				"give it one owner goroutine reached over a channel; a fix is offered",
			"./main.go:9:2: [shared] mu guards jobs, shared by main and goroutine started in main; " +
				"give it one owner goroutine reached over a channel; a fix is offered",
		}},

	// cgo: the file that imports "C" is analysed through the file cgo
	// generates from it, and reported at its own positions; without cgo
	// it is excluded.
	{name: "cgo", dir: "cgo", args: []string{"./..."}, env: []string{"CGO_ENABLED=1"}, code: exitFindings, needsCgo: true,
		diags: []string{"./cgo.go:14:2: [shared] mu guards answers, shared by callers of exported functions and " +
			"goroutine started in Answer; give it one owner goroutine reached over a channel"},
	},
	{name: "cgo-json", dir: "cgo", args: []string{"-json", "./..."}, env: []string{"CGO_ENABLED=1"}, code: exitOK, needsCgo: true,
		diags: []string{"cgo.go:14:2: [shared] mu guards answers, shared by callers of exported functions and " +
			"goroutine started in Answer; give it one owner goroutine reached over a channel"},
	},
	{name: "cgo-disabled", dir: "cgo", args: []string{"./..."}, env: []string{"CGO_ENABLED=0"}, code: exitOK},

	// Generated files: no reports in them, but their accesses count.
	{name: "generated", dir: "generated", args: []string{"./..."}, code: exitFindings,
		diags: []string{"./main.go:11:2: [shared] mu guards jobs, shared by main and goroutine started in main; " +
			"give it one owner goroutine reached over a channel"}},
	{name: "generated-json", dir: "generated", args: []string{"-json", "./..."}, code: exitOK,
		diags: []string{"main.go:11:2: [shared] mu guards jobs, shared by main and goroutine started in main; " +
			"give it one owner goroutine reached over a channel"}},

	// Malformed //chanown: directives are findings of their own and
	// suppress nothing.
	{name: "malformed-ignore", dir: "ignore", args: []string{"./..."}, code: exitFindings,
		diags: []string{
			"./main.go:9:2: [shared] mu guards jobs, shared by main and goroutine started in main; " +
				"give it one owner goroutine reached over a channel; a fix is offered",
			"./main.go:9:18: [directive] chanown:ignore needs a reason",
			`./main.go:14:2: [directive] unknown chanown directive "chanown:ignroe"`,
			`./main.go:21:2: [directive] unknown chanown directive "chanown:"`,
			"./main.go:23:2: [directive] chanown:ignore suppresses nothing",
		}},
}

// TestBadInput runs badCases. See the top of this file.
func TestBadInput(t *testing.T) {
	goTool, bin := buildChanown(t)
	root, err := filepath.Abs(filepath.Join("..", "..", "testdata", "badinput"))
	if err != nil {
		t.Fatal(err)
	}
	haveCgo := cCompiler(goTool)
	for _, tc := range badCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.needsCgo && !haveCgo {
				t.Skip("no C compiler")
			}
			t.Parallel()
			dir := filepath.Join(root, tc.dir)
			r := runBad(t, dir, bin, tc.env, tc.args...)
			checkBad(t, tc, dir, r)
		})
	}
}

// cCompiler reports whether the go command can build cgo packages here.
func cCompiler(goTool string) bool {
	out, err := exec.Command(goTool, "env", "CC").Output()
	if err != nil {
		return false
	}
	cc := strings.Fields(string(out))
	if len(cc) == 0 {
		return false
	}
	_, err = exec.LookPath(cc[0])
	return err == nil
}

// badResult is the outcome of one run.
type badResult struct {
	code           int
	stdout, stderr string
}

// runBad runs bin with args in dir, offline, outside any workspace, with
// GOFLAGS cleared and env added, and returns its exit code and output.
func runBad(t *testing.T, dir, bin string, env []string, args ...string) badResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := badResult{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		t.Fatalf("running chanown %q: %v", args, err)
	}
	return r
}

// panicOutput matches a panic or the goroutine header of a stack trace.
var panicOutput = regexp.MustCompile(`(?m)^panic: |^goroutine \d+ \[|^fatal error: `)

// checkBad checks r against tc.
func checkBad(t *testing.T, tc badCase, dir string, r badResult) {
	t.Helper()
	if panicOutput.MatchString(r.stderr) || panicOutput.MatchString(r.stdout) {
		t.Fatalf("chanown %q panicked:\n%s%s", tc.args, r.stderr, r.stdout)
	}
	if r.code != tc.code {
		t.Errorf("chanown %q: exit %d, want %d\nstderr:\n%s", tc.args, r.code, tc.code, r.stderr)
	}
	var wantErrors []string
	for _, e := range tc.errors {
		wantErrors = append(wantErrors, strings.ReplaceAll(e, "{dir}", dir))
	}

	jsonMode := slices.Contains(tc.args, "-json")
	var errs, diags []string
	for line := range strings.SplitSeq(r.stderr, "\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "chanown: "):
			errs = append(errs, line)
		case strings.HasPrefix(line, "\t"):
			// Related positions of the diagnostic above.
		case !jsonMode:
			diags = append(diags, line)
		default:
			t.Errorf("chanown %q: unexpected stderr line in -json mode: %q", tc.args, line)
		}
	}
	if jsonMode {
		if r.code == exitUsage || len(tc.errors) > 0 && r.stdout == "" {
			// Nothing was analysed: no JSON.
			if r.stdout != "" && r.code == exitUsage {
				t.Errorf("chanown %q: bad usage wrote to stdout: %q", tc.args, r.stdout)
			}
		} else {
			diags = jsonDiagnostics(t, dir, r.stdout)
		}
	} else if r.stdout != "" {
		t.Errorf("chanown %q: text mode wrote to stdout: %q", tc.args, r.stdout)
	}
	if !slices.Equal(errs, wantErrors) {
		t.Errorf("chanown %q: error lines\n\t%s\nwant\n\t%s", tc.args, strings.Join(errs, "\n\t"), strings.Join(wantErrors, "\n\t"))
	}
	if !slices.Equal(diags, tc.diags) {
		t.Errorf("chanown %q: diagnostics\n\t%s\nwant\n\t%s", tc.args, strings.Join(diags, "\n\t"), strings.Join(tc.diags, "\n\t"))
	}
}

// jsonDiagnostics returns the diagnostics of the JSON tree out as
// "posn: [category] message", posn relative to dir, sorted. It reports
// positions outside dir and analysis errors other than skipped packages.
func jsonDiagnostics(t *testing.T, dir, out string) []string {
	t.Helper()
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("stdout is not the JSON tree: %v\n%s", err, out)
	}
	var diags []string
	for pkg, byAnalyzer := range tree {
		raw := byAnalyzer["chanown"]
		var failed struct{ Error string }
		if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
			if failed.Error != "analysis skipped due to errors in package" {
				t.Errorf("analysis of %s failed: %s", pkg, failed.Error)
			}
			continue
		}
		var list []struct {
			Category, Posn, Message string
		}
		if err := json.Unmarshal(raw, &list); err != nil {
			t.Errorf("%s: chanown results are neither an error nor diagnostics: %v\n%s", pkg, err, raw)
			continue
		}
		for _, d := range list {
			rel, ok := strings.CutPrefix(d.Posn, dir+string(filepath.Separator))
			if !ok {
				t.Errorf("%s: diagnostic position %s is not in %s", pkg, d.Posn, dir)
			}
			diags = append(diags, rel+": ["+d.Category+"] "+d.Message)
		}
	}
	slices.Sort(diags)
	return diags
}
