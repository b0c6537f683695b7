package plugin_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// golangciEnv names the environment variable that holds the path of a
// golangci-lint binary built with this plugin. .ci/integrations.sh
// builds one and sets it; without it, TestGolangciLint is skipped.
const golangciEnv = "CHANOWN_GOLANGCI_LINT"

// sampleFlags are the standalone flags equal to the settings in
// testdata/golangci/.golangci.yml, and sampleSettings those settings as
// they appear there.
var (
	sampleFlags    = []string{"-exported", "-spawners=example.com/gclsample/pool.Submit:0"}
	sampleSettings = []string{"exported: true", "- example.com/gclsample/pool.Submit:0"}
)

// defaultConfig enables chanown without settings.
const defaultConfig = `version: "2"
linters:
  default: none
  enable: [chanown]
  settings:
    custom:
      chanown:
        type: module
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
`

// badConfig gives chanown a setting of the wrong type.
const badConfig = `version: "2"
linters:
  default: none
  enable: [chanown]
  settings:
    custom:
      chanown:
        type: module
        settings:
          exported: "yes"
`

// finding is a primary finding as both tools print it, the file name
// relative to the sample module.
type finding struct {
	file         string
	line, column int
	message      string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", f.file, f.line, f.column, f.message)
}

// TestGolangciLint runs a real golangci-lint binary built with the plugin
// on testdata/golangci and checks it against the standalone command:
// the same primary findings (file, line, column, message) except those
// under //nolint:chanown, no related-information issues, settings that
// take effect, a wrongly typed setting that stops it, and SARIF output.
func TestGolangciLint(t *testing.T) {
	bin := os.Getenv(golangciEnv)
	if bin == "" {
		t.Skipf("%s is not set; .ci/integrations.sh builds golangci-lint with the plugin and sets it", golangciEnv)
	}
	sample, err := filepath.Abs(filepath.Join("..", "testdata", "golangci"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	chanown := filepath.Join(tmp, "chanown")
	if out, err := exec.Command("go", "build", "-buildvcs=false", "-o", chanown, "github.com/chanown/chanown/cmd/chanown").CombinedOutput(); err != nil {
		t.Fatalf("go build chanown: %v\n%s", err, out)
	}
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOPROXY=off",
		// A cache of its own: results cached by an older build of the
		// plugin must not hide what this one reports.
		"GOLANGCI_LINT_CACHE="+filepath.Join(tmp, "golangci-cache"))

	config, err := os.ReadFile(filepath.Join(sample, ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sampleSettings {
		if !strings.Contains(string(config), s) {
			t.Fatalf(".golangci.yml lacks the setting %q that sampleFlags %q mirror", s, sampleFlags)
		}
	}

	// The standalone command: primary findings, and proof that the sample
	// has what the checks need.
	standalone := standaloneFindings(t, env, sample, chanown, sampleFlags...)
	nolint := nolintLines(t, sample)
	var want []finding
	suppressed := 0
	for _, f := range standalone.findings {
		if nolint[fmt.Sprintf("%s:%d", f.file, f.line)] {
			suppressed++
			continue
		}
		want = append(want, f)
	}
	if suppressed == 0 {
		t.Errorf("chanown reports nothing on a //nolint:chanown line (%v); the nolint check proves nothing:\n%v", nolint, standalone.findings)
	}
	if standalone.related == 0 {
		t.Errorf("chanown's findings on the sample have no Related entries; the check that the plugin drops them proves nothing")
	}
	if !sameLineTwice(want) {
		t.Errorf("no two findings share a line; uniq-by-line: false is untested:\n%v", want)
	}

	t.Run("config", func(t *testing.T) {
		sarif := filepath.Join(tmp, "golangci.sarif")
		got := golangciFindings(t, env, sample, bin, filepath.Join(sample, ".golangci.yml"), "--output.sarif.path="+sarif)
		if !slices.Equal(got, want) {
			t.Errorf("golangci-lint and chanown %s differ:\n%s", strings.Join(sampleFlags, " "), diffFindings(got, want))
		}
		checkGolangciSARIF(t, sarif, len(got))
	})

	t.Run("defaults", func(t *testing.T) {
		cfg := filepath.Join(tmp, "default.yml")
		if err := os.WriteFile(cfg, []byte(defaultConfig), 0o666); err != nil {
			t.Fatal(err)
		}
		got := golangciFindings(t, env, sample, bin, cfg)
		var want []finding
		for _, f := range standaloneFindings(t, env, sample, chanown).findings {
			if !nolint[fmt.Sprintf("%s:%d", f.file, f.line)] {
				want = append(want, f)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("golangci-lint without settings and chanown without flags differ:\n%s", diffFindings(got, want))
		}
		withSettings := golangciFindings(t, env, sample, bin, filepath.Join(sample, ".golangci.yml"))
		if slices.Equal(got, withSettings) {
			t.Errorf("the settings in .golangci.yml change nothing:\n%v", got)
		}
		lib := func(f finding) bool { return f.file == "lib/lib.go" }
		if slices.ContainsFunc(got, lib) || !slices.ContainsFunc(withSettings, lib) {
			t.Errorf("lib/lib.go should be reported with exported: true only:\n without %v\n with    %v", got, withSettings)
		}
	})

	t.Run("bad-setting", func(t *testing.T) {
		cfg := filepath.Join(tmp, "bad.yml")
		if err := os.WriteFile(cfg, []byte(badConfig), 0o666); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runIn(t, env, sample, bin, "run", "--config", cfg, "./...")
		out := stdout + stderr
		if code == 0 || !strings.Contains(out, "chanown settings") || !strings.Contains(out, "exported") {
			t.Errorf("golangci-lint with exported: \"yes\": exit %d, want an error naming the key exported:\n%s", code, out)
		}
	})
}

// standaloneResult is what chanown -format=json reported.
type standaloneResult struct {
	findings []finding // sorted, each once
	related  int       // Related entries in all
}

// standaloneFindings runs chanown -format=json with flags on ./... in dir.
func standaloneFindings(t *testing.T, env []string, dir, chanown string, flags ...string) standaloneResult {
	t.Helper()
	args := append(append([]string{"-format=json"}, flags...), "./...")
	code, stdout, stderr := runIn(t, env, dir, chanown, args...)
	if code != 0 || stderr != "" {
		t.Fatalf("chanown %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	// The golang.org/x/tools JSON tree: package ID -> analyzer ->
	// diagnostics (or an error).
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("chanown -format=json: %v\n%s", err, stdout)
	}
	var res standaloneResult
	for pkg, byAnalyzer := range tree {
		var diags []struct {
			Posn    string            `json:"posn"`
			Message string            `json:"message"`
			Related []json.RawMessage `json:"related"`
		}
		if err := json.Unmarshal(byAnalyzer["chanown"], &diags); err != nil {
			t.Fatalf("chanown -format=json: package %s: %v\n%s", pkg, err, byAnalyzer["chanown"])
		}
		for _, d := range diags {
			var f finding
			var file string
			// posn is "file:line:col"; the file name may contain ':'.
			i := strings.LastIndexByte(d.Posn, ':')
			j := strings.LastIndexByte(d.Posn[:max(i, 0)], ':')
			if i < 0 || j < 0 {
				t.Fatalf("chanown -format=json: bad posn %q", d.Posn)
			}
			file = d.Posn[:j]
			fmt.Sscan(d.Posn[j+1:i], &f.line)
			fmt.Sscan(d.Posn[i+1:], &f.column)
			f.file = relativeFile(t, dir, file)
			f.message = d.Message
			res.findings = append(res.findings, f)
			res.related += len(d.Related)
		}
	}
	res.findings = sortFindings(res.findings)
	return res
}

// golangciFindings runs golangci-lint run with config on ./... in dir
// and returns chanown's findings. It fails the test if golangci-lint
// reports a related-information issue, or the same issue twice.
func golangciFindings(t *testing.T, env []string, dir, bin, config string, extra ...string) []finding {
	t.Helper()
	jsonOut := filepath.Join(t.TempDir(), "golangci.json")
	args := append([]string{"run", "--config", config, "--path-mode=abs",
		"--output.json.path=" + jsonOut, "--output.text.path=stdout"}, extra...)
	args = append(args, "./...")
	code, stdout, stderr := runIn(t, env, dir, bin, args...)
	if code != 0 && code != 1 { // 1: issues found
		t.Fatalf("golangci-lint %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
	}
	data, err := os.ReadFile(jsonOut)
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("golangci-lint JSON: %v\n%s", err, data)
	}
	var out []finding
	for _, is := range report.Issues {
		if is.FromLinter != "chanown" {
			t.Errorf("issue from linter %q, but only chanown is enabled: %s", is.FromLinter, is.Text)
			continue
		}
		if strings.Contains(is.Text, "(related information)") {
			t.Errorf("golangci-lint reports a Related entry as an issue: %s:%d: %s", is.Pos.Filename, is.Pos.Line, is.Text)
			continue
		}
		out = append(out, finding{relativeFile(t, dir, is.Pos.Filename), is.Pos.Line, is.Pos.Column, is.Text})
	}
	sorted := sortFindings(slices.Clone(out))
	if len(sorted) != len(out) {
		t.Errorf("golangci-lint reports some issues twice (a package and its test variant?):\n%v", out)
	}
	return sorted
}

// checkGolangciSARIF checks the SARIF log golangci-lint wrote: version
// 2.1.0, and one chanown result per issue.
func checkGolangciSARIF(t *testing.T, file string, issues int) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("--output.sarif.path wrote nothing: %v", err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("golangci-lint SARIF: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("golangci-lint SARIF: version %q with %d runs, want 2.1.0 with 1:\n%s", log.Version, len(log.Runs), data)
	}
	n := 0
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "chanown" {
			n++
		}
	}
	if n != issues || n == 0 {
		t.Errorf("golangci-lint SARIF has %d chanown results, want %d (one per issue):\n%s", n, issues, data)
	}
}

// nolintLines returns the "file:line" of every line of the sample that
// carries //nolint:chanown.
func nolintLines(t *testing.T, dir string) map[string]bool {
	t.Helper()
	lines := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "//nolint:chanown") {
				lines[fmt.Sprintf("%s:%d", relativeFile(t, dir, path), i+1)] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// relativeFile returns file, absolute or relative to dir, relative to
// dir with forward slashes.
func relativeFile(t *testing.T, dir, file string) string {
	t.Helper()
	if !filepath.IsAbs(file) {
		file = filepath.Join(dir, file)
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(rel)
}

// sortFindings sorts fs by position and message and drops duplicates.
func sortFindings(fs []finding) []finding {
	slices.SortFunc(fs, func(a, b finding) int {
		if c := strings.Compare(a.file, b.file); c != 0 {
			return c
		}
		if a.line != b.line {
			return a.line - b.line
		}
		if a.column != b.column {
			return a.column - b.column
		}
		return strings.Compare(a.message, b.message)
	})
	return slices.Compact(fs)
}

// sameLineTwice reports whether two findings share a line.
func sameLineTwice(fs []finding) bool {
	seen := map[string]bool{}
	for _, f := range fs {
		k := fmt.Sprintf("%s:%d", f.file, f.line)
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// diffFindings lists the findings only one side has.
func diffFindings(got, want []finding) string {
	var b strings.Builder
	for _, f := range got {
		if !slices.Contains(want, f) {
			fmt.Fprintf(&b, "\tonly golangci-lint: %v\n", f)
		}
	}
	for _, f := range want {
		if !slices.Contains(got, f) {
			fmt.Fprintf(&b, "\tonly chanown:       %v\n", f)
		}
	}
	return b.String()
}

// runIn runs name with args in dir with env and returns its exit code
// and output.
func runIn(t *testing.T, env []string, dir, name string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("running %s %q: %v", name, args, err)
	}
	return code, out.String(), errb.String()
}
