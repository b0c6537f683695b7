package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
	"github.com/chanown/chanown/cmd/internal/vettool"
)

// sharedMessage is the diagnostic chanown reports on mu in
// testdata/e2e/main.go (message formats: "shared", one global).
const sharedMessage = "mu guards counts, shared by main and goroutine started in main; " +
	"give it one owner goroutine reached over a channel"

// brokenGoodMessage is the diagnostic chanown reports on mu in
// testdata/e2e-broken/good/good.go, next to a package that does not
// type-check.
const brokenGoodMessage = "mu guards seen, shared by callers of exported functions and goroutine started in Start; " +
	"give it one owner goroutine reached over a channel; a fix is offered"

// stackTrace matches the goroutine header of a Go stack trace.
var stackTrace = regexp.MustCompile(`(?m)^panic: |^goroutine \d+ \[`)

// TestIsVetTool checks which command lines select the go vet face.
func TestIsVetTool(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"./..."}, false},
		{[]string{"-json", "-exported", "./..."}, false},
		{[]string{"-flags"}, true},
		{[]string{"--flags"}, true},
		{[]string{"-V=full"}, true},
		{[]string{"-V"}, true},
		{[]string{"--V=full"}, true},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-chanown.exported=true", "/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"a.cfg", "b.cfg"}, false},
		{[]string{"a.cfg", "./..."}, false},
	} {
		if got := isVetTool(tc.args); got != tc.want {
			t.Errorf("isVetTool(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

// TestDriverFlags checks that every analyzer flag is registered under its
// bare name, sharing the analyzer's flag.Value, and that none collides
// with a driver flag.
func TestDriverFlags(t *testing.T) {
	a := analyzer.New(analyzer.DefaultConfig())
	fs, _ := newFlagSet(a)
	for _, name := range []string{"format", "json", "c", "test"} {
		if a.Flags.Lookup(name) != nil {
			t.Errorf("analyzer flag -%s collides with the driver flag", name)
		}
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		df := fs.Lookup(f.Name)
		if df == nil {
			t.Errorf("analyzer flag -%s is not a driver flag", f.Name)
			return
		}
		if df.Value != f.Value {
			t.Errorf("driver flag -%s does not share the analyzer's flag.Value", f.Name)
		}
	})
	if err := fs.Parse([]string{"-exported", "-categories=shared", "x"}); err != nil {
		t.Fatal(err)
	}
	if got := a.Flags.Lookup("exported").Value.String(); got != "true" {
		t.Errorf("after -exported, the analyzer's exported flag is %q, want true", got)
	}
	if got := a.Flags.Lookup("categories").Value.String(); got != "shared" {
		t.Errorf("after -categories=shared, the analyzer's categories flag is %q, want shared", got)
	}
}

// TestRunUsage checks bad command lines in process: exit 2, one line on
// stderr, nothing on stdout.
func TestRunUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-nosuch"}, "flag provided but not defined: -nosuch"},
		{[]string{"-spawners=nonsense"}, "invalid spawner"},
		{[]string{"-spawners=pkg.F:x"}, "invalid spawner"},
		{[]string{"-self-sync=nodot"}, "invalid type"},
		{[]string{"-categories=nosuch"}, `unknown category "nosuch"`},
		{[]string{"-c=x"}, "-c"},
		{[]string{"-format=xml"}, `unknown format "xml" (known: text, json, sarif, github)`},
		{[]string{"-json", "-format=sarif"}, "-json contradicts -format=sarif"},
		{[]string{"-format=github", "-json"}, "-json contradicts -format=github"},
		{[]string{"-json=false", "-format=json"}, "-json=false contradicts -format=json"},
		{[]string{"-json=maybe"}, "invalid boolean value"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(analyzer.DefaultConfig(), "", tc.args, &stdout, &stderr)
		if code != exitUsage {
			t.Errorf("run %q: exit %d, want %d", tc.args, code, exitUsage)
		}
		checkOneLine(t, tc.args, stderr.String(), tc.want)
		if stdout.Len() > 0 {
			t.Errorf("run %q: wrote to stdout: %q", tc.args, stdout.String())
		}
	}

	var stdout, stderr bytes.Buffer
	if code := run(analyzer.DefaultConfig(), "", []string{"-help"}, &stdout, &stderr); code != exitOK {
		t.Errorf("run -help: exit %d, want 0", code)
	}
	for _, want := range []string{"usage: chanown", "-exported", "-spawners", "-json", "-format", "sarif", "Exit codes"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("run -help: usage lacks %q:\n%s", want, stderr.String())
		}
	}
}

// TestOneLine checks that multi-line errors are printed as one line.
func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                      "plain",
		"# pkg\nx.go:1:2: bad\n":     "# pkg; x.go:1:2: bad",
		"to add it:\n\tgo get x\n":   "to add it: go get x",
		"\n  spaced  \n\n second \n": "spaced; second",
	} {
		if got := vettool.OneLine(in); got != want {
			t.Errorf("vettool.OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEndToEnd builds the chanown binary and runs it, standalone and
// under go vet, on the sample modules in testdata/e2e and
// testdata/e2e-broken.
func TestEndToEnd(t *testing.T) {
	goTool, bin := buildChanown(t)
	e2e, err := filepath.Abs(filepath.Join("..", "..", "testdata", "e2e"))
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(filepath.Dir(e2e), "e2e-broken")
	line, col, src := declPosition(t, filepath.Join(e2e, "main.go"), "mu")
	want := fmt.Sprintf("main.go:%d:%d: [shared] %s", line, col, sharedMessage)

	t.Run("standalone", func(t *testing.T) {
		t.Parallel()
		r := command(t, e2e, bin, "./...")
		r.wantExit(t, exitFindings)
		r.wantNoPanic(t)
		r.wantLine(t, want)
		if strings.Contains(r.stderr, "refs") {
			t.Errorf("reported the reference count refs (guarded by refsMu):\n%s", r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("wrote to stdout in text mode: %q", r.stdout)
		}
	})

	t.Run("context", func(t *testing.T) {
		t.Parallel()
		r := command(t, e2e, bin, "-c", "1", "./...")
		r.wantExit(t, exitFindings)
		r.wantLine(t, want)
		r.wantLine(t, fmt.Sprintf("%d\t%s", line, src))
	})

	t.Run("json", func(t *testing.T) {
		t.Parallel()
		r := command(t, e2e, bin, "-json", "./...")
		r.wantExit(t, exitOK)
		r.wantNoPanic(t)
		if r.stderr != "" {
			t.Errorf("wrote to stderr in -json mode without errors: %q", r.stderr)
		}
		var tree map[string]map[string]json.RawMessage
		if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
			t.Fatalf("stdout is not the JSON tree: %v\n%s", err, r.stdout)
		}
		var diags []struct {
			Category string `json:"category"`
			Posn     string `json:"posn"`
			Message  string `json:"message"`
		}
		raw := tree["example.com/e2e"]["chanown"]
		if raw == nil {
			t.Fatalf("no chanown results for example.com/e2e:\n%s", r.stdout)
		}
		if err := json.Unmarshal(raw, &diags); err != nil {
			t.Fatalf("chanown results for example.com/e2e are not diagnostics: %v\n%s", err, raw)
		}
		posn := fmt.Sprintf("main.go:%d:%d", line, col)
		found := false
		for _, d := range diags {
			if d.Category == analyzer.CategoryShared && d.Message == sharedMessage && strings.HasSuffix(d.Posn, posn) {
				found = true
			}
		}
		if !found {
			t.Errorf("JSON lacks the shared diagnostic at %s:\n%s", posn, r.stdout)
		}
	})

	// go vet prints neither the category nor an absolute file name.
	vetWant := fmt.Sprintf("main.go:%d:%d: %s", line, col, sharedMessage)
	t.Run("vet", func(t *testing.T) {
		t.Parallel()
		r := command(t, e2e, goTool, "vet", "-vettool="+bin, "./...")
		if r.code == 0 {
			t.Errorf("go vet exited 0 despite findings:\n%s", r.stderr)
		}
		r.wantNoPanic(t)
		r.wantLine(t, vetWant)
	})

	t.Run("vet-flag", func(t *testing.T) {
		t.Parallel()
		r := command(t, e2e, goTool, "vet", "-vettool="+bin, "-chanown.exported", "./...")
		if strings.Contains(r.stderr, "not defined") || strings.Contains(r.stderr, "unknown flag") {
			t.Errorf("go vet rejected -chanown.exported:\n%s", r.stderr)
		}
		r.wantNoPanic(t)
		r.wantLine(t, vetWant) // -exported changes nothing in package main
	})

	for _, tc := range []struct {
		name string
		args []string
		code int // -1: any non-zero code
		want string
	}{
		{"unknown-flag", []string{"-nosuch", "./..."}, exitUsage, "flag provided but not defined: -nosuch"},
		{"bad-spawner", []string{"-spawners=nonsense", "./..."}, exitUsage, "invalid spawner"},
		{"bad-category", []string{"-categories=nosuch", "./..."}, exitUsage, `unknown category "nosuch"`},
		{"no-such-dir", []string{"./nosuchdir"}, -1, "nosuchdir"},
		{"no-match", []string{"example.com/e2e/nosuch/..."}, -1, "matched no packages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := command(t, e2e, bin, tc.args...)
			if tc.code >= 0 {
				r.wantExit(t, tc.code)
			} else if r.code == 0 || r.code == exitFindings {
				t.Errorf("exit %d, want an error code", r.code)
			}
			r.wantNoPanic(t)
			checkOneLine(t, tc.args, r.stderr, tc.want)
			if r.stdout != "" {
				t.Errorf("wrote to stdout: %q", r.stdout)
			}
		})
	}

	t.Run("type-error", func(t *testing.T) {
		t.Parallel()
		r := command(t, broken, bin, "./...")
		r.wantExit(t, exitError)
		r.wantNoPanic(t)
		errLine := regexp.MustCompile(`(?m)^chanown: example\.com/broken/bad: .*bad\.go:6:13: cannot use "not an int"`)
		if !errLine.MatchString(r.stderr) {
			t.Errorf("the type error is not printed as one chanown: line:\n%s", r.stderr)
		}
		// The other package is still analysed and reported.
		goodLine, goodCol, _ := declPosition(t, filepath.Join(broken, "good", "good.go"), "mu")
		r.wantLine(t, fmt.Sprintf("good.go:%d:%d: [shared] %s", goodLine, goodCol, brokenGoodMessage))
	})

	t.Run("type-error-json", func(t *testing.T) {
		t.Parallel()
		r := command(t, broken, bin, "-json", "./...")
		r.wantExit(t, exitError)
		r.wantNoPanic(t)
		if !json.Valid([]byte(r.stdout)) {
			t.Errorf("stdout is not JSON:\n%s", r.stdout)
		}
		if !strings.Contains(r.stderr, `cannot use "not an int"`) {
			t.Errorf("the type error is not printed to stderr:\n%s", r.stderr)
		}
	})

	clean := filepath.Join(filepath.Dir(e2e), "golangci")
	t.Run("exit-codes", func(t *testing.T) {
		t.Parallel()
		// The three samples: clean, findings, errors.
		samples := [3]struct{ dir, pattern string }{
			{clean, "./clean"},
			{e2e, "./..."},
			{broken, "./..."},
		}
		for _, mode := range exitCodes {
			for i, s := range samples {
				name, args := bin, append(slices.Clone(mode.args), s.pattern)
				if mode.vet {
					name, args = goTool, append([]string{"vet", "-vettool=" + bin}, args...)
				}
				r := command(t, s.dir, name, args...)
				r.wantNoPanic(t)
				if r.code != mode.codes[i] {
					t.Errorf("%s on %s %s: exit %d, want %d (docs/integrations.md)\n%s",
						mode.mode, filepath.Base(s.dir), s.pattern, r.code, mode.codes[i], r.stderr)
				}
			}
		}
	})

	t.Run("sarif", func(t *testing.T) {
		t.Parallel()
		r := command(t, e2e, bin, "-format=sarif", "./...")
		r.wantExit(t, exitFindings)
		r.wantNoPanic(t)
		if r.stderr != "" {
			t.Errorf("wrote to stderr without errors: %q", r.stderr)
		}
		run := checkSARIF(t, []byte(r.stdout), false)
		base := run["originalUriBaseIds"].(map[string]any)[srcRoot].(map[string]any)["uri"]
		if want := fileURI(e2e, true); base != want {
			t.Errorf("%s is %v, want %s (the directory of go.mod)", srcRoot, base, want)
		}
		found := false
		for _, res := range run["results"].([]any) {
			res := res.(map[string]any)
			loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
			art := loc["artifactLocation"].(map[string]any)
			if art["uriBaseId"] != srcRoot {
				t.Errorf("result at %v is not based on %s", art["uri"], srcRoot)
			}
			region := loc["region"].(map[string]any)
			if res["ruleId"] == analyzer.CategoryShared && art["uri"] == "main.go" &&
				region["startLine"] == float64(line) && region["startColumn"] == float64(col) &&
				res["message"].(map[string]any)["text"] == sharedMessage {
				found = true
				if rel, _ := res["relatedLocations"].([]any); len(rel) == 0 {
					t.Errorf("the shared result has no relatedLocations")
				}
			}
		}
		if !found {
			t.Errorf("SARIF lacks the shared result at main.go:%d:%d:\n%s", line, col, r.stdout)
		}
	})

	t.Run("sarif-errors", func(t *testing.T) {
		t.Parallel()
		r := command(t, broken, bin, "-format=sarif", "./...")
		r.wantExit(t, exitError)
		r.wantNoPanic(t)
		run := checkSARIF(t, []byte(r.stdout), true)
		notes := run["invocations"].([]any)[0].(map[string]any)["toolExecutionNotifications"].([]any)
		if !strings.Contains(fmt.Sprint(notes), `cannot use "not an int"`) || !strings.Contains(fmt.Sprint(notes), "bad/bad.go") {
			t.Errorf("the type error is not a notification with its location: %v", notes)
		}
		if len(run["results"].([]any)) == 0 {
			t.Errorf("the findings of package good are missing next to the error in bad")
		}
		if !strings.Contains(r.stderr, `cannot use "not an int"`) {
			t.Errorf("the type error is not printed to stderr too:\n%s", r.stderr)
		}
	})

	t.Run("sarif-no-match", func(t *testing.T) {
		t.Parallel()
		r := command(t, e2e, bin, "-format=sarif", "example.com/e2e/nosuch/...")
		r.wantExit(t, exitError)
		run := checkSARIF(t, []byte(r.stdout), true)
		if !strings.Contains(fmt.Sprint(run["invocations"]), "matched no packages") {
			t.Errorf("the error is not a notification: %v", run["invocations"])
		}
	})

	t.Run("github", func(t *testing.T) {
		t.Parallel()
		r := command(t, e2e, bin, "-format=github", "./...")
		r.wantExit(t, exitFindings)
		r.wantNoPanic(t)
		if r.stderr != "" {
			t.Errorf("wrote to stderr without errors: %q", r.stderr)
		}
		// shared is design advice: a notice (DESIGN §5 "Severity").
		prefix := fmt.Sprintf("::notice file=main.go,line=%d,col=%d,title=chanown [shared]::%s%%0A\t", line, col, sharedMessage)
		found := false
		for l := range strings.SplitSeq(r.stdout, "\n") {
			if l != "" && !strings.HasPrefix(l, "::notice ") && !strings.HasPrefix(l, "::warning ") {
				t.Errorf("not a workflow command: %q", l)
			}
			found = found || strings.HasPrefix(l, prefix)
		}
		if !found {
			t.Errorf("stdout has no line starting with\n\t%s\nstdout:\n%s", prefix, r.stdout)
		}
	})

	t.Run("github-errors", func(t *testing.T) {
		t.Parallel()
		r := command(t, broken, bin, "-format=github", "./...")
		r.wantExit(t, exitError)
		want := `::error file=bad/bad.go,line=6,col=13,title=chanown::example.com/broken/bad: cannot use "not an int"`
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %s:\n%s", want, r.stdout)
		}
		if !strings.Contains(r.stdout, "::notice file=good/good.go,") {
			t.Errorf("the finding in package good is missing:\n%s", r.stdout)
		}
	})
}

// exitCodes is the exit-code table of docs/integrations.md: for each mode
// (the table's first column), the exit code with no findings, with
// findings, and with errors. TestEndToEnd runs every cell;
// TestExitCodeDocs checks the table.
var exitCodes = []struct {
	mode  string
	args  []string // chanown's arguments before the patterns
	vet   bool     // run as go vet -vettool=chanown args...
	codes [3]int
}{
	{"chanown", nil, false, [3]int{0, 3, 1}},
	{"chanown -format=json", []string{"-format=json"}, false, [3]int{0, 0, 1}},
	{"chanown -json", []string{"-json"}, false, [3]int{0, 0, 1}},
	{"chanown -format=sarif", []string{"-format=sarif"}, false, [3]int{0, 3, 1}},
	{"chanown -format=github", []string{"-format=github"}, false, [3]int{0, 3, 1}},
	{"go vet -vettool=$(which chanown)", nil, true, [3]int{0, 1, 1}},
	{"go vet -json -vettool=$(which chanown)", []string{"-json"}, true, [3]int{0, 0, 1}},
}

// TestExitCodeDocs checks that the exit-code table of
// docs/integrations.md has a row for every mode of exitCodes, with the
// same codes.
func TestExitCodeDocs(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "integrations.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range exitCodes {
		row := regexp.MustCompile("(?m)^\\| `" + regexp.QuoteMeta(mode.mode) + "` +\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|")
		m := row.FindStringSubmatch(string(data))
		if m == nil {
			t.Errorf("docs/integrations.md has no exit-code row for `%s`", mode.mode)
			continue
		}
		for i, want := range mode.codes {
			if got := strings.TrimSpace(m[i+1]); got != strconv.Itoa(want) {
				t.Errorf("docs/integrations.md: `%s`: column %d is %q, want %d", mode.mode, i+1, got, want)
			}
		}
	}
}

// result is the outcome of a command run by command.
type result struct {
	args           []string
	code           int
	stdout, stderr string
}

// command runs name with args in dir, offline and outside any workspace,
// and returns its exit code and output.
func command(t *testing.T, dir, name string, args ...string) result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{args: append([]string{filepath.Base(name)}, args...), stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	default:
		t.Fatalf("running %q: %v", r.args, err)
	}
	return r
}

// wantExit reports an error unless r exited with code.
func (r result) wantExit(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Errorf("%q: exit %d, want %d\nstderr:\n%s", r.args, r.code, code, r.stderr)
	}
}

// wantLine reports an error unless some line of r's stderr ends with
// want (file names may be printed with a directory).
func (r result) wantLine(t *testing.T, want string) {
	t.Helper()
	for line := range strings.SplitSeq(r.stderr, "\n") {
		if strings.HasSuffix(line, want) {
			return
		}
	}
	t.Errorf("%q: stderr has no line ending with\n\t%s\nstderr:\n%s", r.args, want, r.stderr)
}

// wantNoPanic reports an error if r's output holds a panic or a stack
// trace.
func (r result) wantNoPanic(t *testing.T) {
	t.Helper()
	if stackTrace.MatchString(r.stderr) || stackTrace.MatchString(r.stdout) {
		t.Errorf("%q panicked:\n%s", r.args, r.stderr)
	}
}

// checkOneLine reports an error unless stderr is exactly one line,
// starting with "chanown: " and containing want.
func checkOneLine(t *testing.T, args []string, stderr, want string) {
	t.Helper()
	line, ok := strings.CutSuffix(stderr, "\n")
	if !ok || strings.Contains(line, "\n") || !strings.HasPrefix(line, "chanown: ") || !strings.Contains(line, want) {
		t.Errorf("%q: stderr is not one line \"chanown: ...%s...\":\n%s", args, want, stderr)
	}
}

// declPosition returns the line and column of the first declaration of
// name in a var block of file, that is, the first line whose text after
// the indentation starts with name and a space, and the text of that line.
func declPosition(t *testing.T, file, name string) (line, col int, text string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(l, "\t")
		if strings.HasPrefix(trimmed, name+" ") {
			return i + 1, len(l) - len(trimmed) + 1, l
		}
	}
	t.Fatalf("%s: no declaration of %s", file, name)
	return 0, 0, ""
}

// buildChanown builds the command into a temporary directory and returns
// the go command's path and the binary's. It skips the test with -short
// or without a go command.
func buildChanown(t *testing.T) (goTool, bin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}
	bin = filepath.Join(t.TempDir(), "chanown")
	if out, err := exec.Command(goTool, "build", "-buildvcs=false", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return goTool, bin
}

// TestHelp checks chanown help, chanown help TOPIC and -h in process:
// the text on stdout (help) or stderr (-h), exit 0; a bad topic is one
// line and exit 2.
func TestHelp(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  []string // what stdout says
		err  []string // what stderr says
	}{
		{[]string{"help"}, exitOK, append([]string{"usage: chanown", "-categories", "Exit codes", "races", "chanown help chanown"},
			analyzer.Categories...), nil},
		{[]string{"-exported", "help"}, exitOK, []string{"usage: chanown"}, nil},
		{[]string{"help", "wronglock"}, exitOK, []string{"wronglock: A global is accessed under a lock that is not its guard",
			"Level: warning", "in the races preset", analyzer.URL + "#wronglock"}, nil},
		{[]string{"help", "shared"}, exitOK, []string{"Level: note", "not in the races preset", analyzer.URL + "#shared"}, nil},
		{[]string{"help", "races"}, exitOK, []string{"races: the category preset unguarded,wronglock,rlockwrite,escape,directive"}, nil},
		{[]string{"help", "chanown"}, exitOK, []string{"chanown: " + analyzer.Analyzer.Doc}, nil},
		{[]string{"-h"}, exitOK, nil, []string{"usage: chanown", "chanown help", "-categories"}},
		{[]string{"-help"}, exitOK, nil, []string{"usage: chanown", "chanown help"}},
		{[]string{"help", "nosuch"}, exitUsage, nil, []string{`unknown help topic "nosuch" (known: shared, `, "races, chanown)"}},
		{[]string{"help", "shared", "escape"}, exitUsage, nil, []string{"help takes at most one topic"}},
	} {
		var stdout, stderr bytes.Buffer
		code := run(analyzer.DefaultConfig(), "", tc.args, &stdout, &stderr)
		if code != tc.code {
			t.Errorf("run %q: exit %d, want %d\n%s", tc.args, code, tc.code, stderr.String())
		}
		for _, want := range tc.out {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("run %q: stdout does not say %q:\n%s", tc.args, want, stdout.String())
			}
		}
		for _, want := range tc.err {
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("run %q: stderr does not say %q:\n%s", tc.args, want, stderr.String())
			}
		}
		if tc.out == nil && stdout.Len() > 0 {
			t.Errorf("run %q: wrote to stdout:\n%s", tc.args, stdout.String())
		}
		if tc.code == exitUsage {
			checkOneLine(t, tc.args, stderr.String(), tc.err[0])
		} else if tc.err == nil && stderr.Len() > 0 {
			t.Errorf("run %q: wrote to stderr:\n%s", tc.args, stderr.String())
		}
	}
}
