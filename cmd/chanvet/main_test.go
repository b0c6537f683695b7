package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/suite/vet"
)

// printfFinding and sharedFinding are the two findings chanvet reports
// on testdata/vetsample, one from the vet suite and one from chanown.
const (
	printfFinding = `main.go:31:14: fmt.Printf format %d has arg "many" of wrong type string`
	sharedFinding = "main.go:12:2: mu guards counts, shared by main and goroutine started in main; " +
		"give it one owner goroutine reached over a channel; a fix is offered"
)

// TestSuite checks that chanvet runs every analyzer of the vet suite
// and chanown, each once, and that together they are valid.
func TestSuite(t *testing.T) {
	s := suite(false)
	var names []string
	for _, a := range s {
		names = append(names, a.Name)
	}
	for _, a := range vet.Suite {
		if !slices.Contains(s, a) {
			t.Errorf("vet analyzer %s is missing", a.Name)
		}
	}
	if !slices.Contains(names, "chanown") {
		t.Errorf("chanown is missing: %v", names)
	}
	sorted := slices.Sorted(slices.Values(names))
	if len(slices.Compact(sorted)) != len(names) {
		t.Errorf("analyzer names are not unique: %v", names)
	}
	if err := analysis.Validate(s); err != nil {
		t.Error(err)
	}
}

// TestDocsVetDifferences compares chanvet's suite with the analyzers of
// the go command's own vet ("go tool vet help") and checks that
// docs/integrations.md names every analyzer that only one of them runs.
func TestDocsVetDifferences(t *testing.T) {
	out, err := exec.Command("go", "tool", "vet", "help").CombinedOutput()
	if err != nil {
		t.Skipf("go tool vet help: %v\n%s", err, out)
	}
	_, list, ok := strings.Cut(string(out), "Registered analyzers:")
	if !ok {
		t.Fatalf("go tool vet help lists no analyzers:\n%s", out)
	}
	list, _, _ = strings.Cut(list, "\n\n\n")
	var goVet []string
	for _, m := range regexp.MustCompile(`(?m)^    (\w+) `).FindAllStringSubmatch(list, -1) {
		goVet = append(goVet, m[1])
	}
	if len(goVet) < 10 {
		t.Fatalf("parsed only %v from go tool vet help:\n%s", goVet, out)
	}
	var ours []string
	for _, a := range vet.Suite {
		ours = append(ours, a.Name)
	}
	docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "integrations.md"))
	if err != nil {
		t.Fatal(err)
	}
	check := func(names, others []string, which string) {
		for _, name := range names {
			if !slices.Contains(others, name) && !strings.Contains(string(docs), "`"+name+"`") {
				t.Errorf("%s runs %s and the other does not; docs/integrations.md does not say so", which, name)
			}
		}
	}
	check(ours, goVet, "chanvet")
	check(goVet, ours, "the go command's vet")
}

// TestEndToEnd builds chanvet and runs it under go vet: it must report a
// vet finding and a chanown finding, accept chanown's flags, and exit as
// docs/integrations.md says.
func TestEndToEnd(t *testing.T) {
	goTool, bin := buildChanvet(t)
	sample, err := filepath.Abs(filepath.Join("testdata", "vetsample"))
	if err != nil {
		t.Fatal(err)
	}
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name    string
		args    []string
		want    []string
		notWant []string
	}{
		{"both", nil, []string{printfFinding, sharedFinding}, nil},
		{"chanown-flag", []string{"-chanown.exported"}, []string{printfFinding, sharedFinding}, nil},
		{"only-chanown", []string{"-chanown"}, []string{sharedFinding}, []string{printfFinding}},
		{"without-chanown", []string{"-chanown=false"}, []string{printfFinding}, []string{sharedFinding}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := append(append([]string{"vet", "-vettool=" + bin}, tc.args...), "./...")
			code, out := goVet(t, sample, goTool, args...)
			if code != 1 {
				t.Errorf("go %s: exit %d, want 1\n%s", strings.Join(args, " "), code, out)
			}
			for _, want := range tc.want {
				if !hasLine(out, want) {
					t.Errorf("go %s: no line ending with\n\t%s\noutput:\n%s", strings.Join(args, " "), want, out)
				}
			}
			for _, no := range tc.notWant {
				if hasLine(out, no) {
					t.Errorf("go %s: reported %s", strings.Join(args, " "), no)
				}
			}
		})
	}

	// The chanvet row of the exit-code table in docs/integrations.md:
	// no findings, findings, errors.
	t.Run("exit-codes", func(t *testing.T) {
		t.Parallel()
		docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "integrations.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile("(?m)^\\| `go vet -vettool=\\$\\(which chanvet\\)` +\\| 0 +\\| 1 +\\| 1 +\\|").Match(docs) {
			t.Errorf("docs/integrations.md has no exit-code row `go vet -vettool=$(which chanvet)` | 0 | 1 | 1 |")
		}
		for _, tc := range []struct {
			dir, pattern string
			code         int
		}{
			{filepath.Join(testdata, "golangci"), "./clean", 0},
			{sample, "./...", 1},
			{filepath.Join(testdata, "e2e-broken"), "./...", 1},
		} {
			code, out := goVet(t, tc.dir, goTool, "vet", "-vettool="+bin, tc.pattern)
			if code != tc.code {
				t.Errorf("go vet -vettool=chanvet %s in %s: exit %d, want %d\n%s", tc.pattern, tc.dir, code, tc.code, out)
			}
		}
	})
}

// buildChanvet builds the command into a temporary directory and returns
// the go command's path and the binary's. It skips the test with -short
// or without a go command.
func buildChanvet(t *testing.T) (goTool, bin string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not found: %v", err)
	}
	bin = filepath.Join(t.TempDir(), "chanvet")
	if out, err := exec.Command(goTool, "build", "-buildvcs=false", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return goTool, bin
}

// goVet runs the go command with args in dir, offline, and returns its
// exit code and combined output.
func goVet(t *testing.T, dir, goTool string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	}
	t.Fatalf("go %q: %v", args, err)
	return 0, ""
}

// hasLine reports whether some line of out ends with want.
func hasLine(out, want string) bool {
	for line := range strings.SplitSeq(out, "\n") {
		if strings.HasSuffix(line, want) {
			return true
		}
	}
	return false
}

// TestModuleDeps checks -report-module-deps (vettool.ModuleDepsFlag) on
// testdata/e2e-facts, where cmd/app imports b: with it, a go vet run
// that needs b only for its facts does not keep a later run that asks
// for b from reporting it, as go vet's cache otherwise does.
func TestModuleDeps(t *testing.T) {
	goTool, bin := buildChanvet(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "e2e-facts"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	// A copy with other bytes has another tool ID: nothing cached.
	self := filepath.Join(t.TempDir(), "chanvet")
	if err := os.WriteFile(self, append(data, 0), 0o755); err != nil {
		t.Fatal(err)
	}
	flag := "-report-module-deps"
	goVet(t, dir, goTool, "vet", "-vettool="+self, flag, "./cmd/app")
	_, out := goVet(t, dir, goTool, "vet", "-vettool="+self, flag, "./...")
	if !strings.Contains(out, "b/b.go:") {
		t.Errorf("go vet %s ./... after ./cmd/app reports nothing in b:\n%s", flag, out)
	}
}
