package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
)

// badFlagModule is a module of three packages, one with a test, that
// import the standard library: go vet runs the tool for every package
// and, for facts only, for every dependency.
var badFlagModule = map[string]string{
	"go.mod":      "module example.com/badflag\n\ngo 1.22\n",
	"a/a.go":      "package a\n\nimport \"strings\"\n\nfunc A(s string) string { return strings.ToUpper(s) }\n",
	"b/b.go":      "package b\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/badflag/a\"\n)\n\nfunc B() string { return fmt.Sprint(a.A(\"b\")) }\n",
	"b/b_test.go": "package b\n\nimport \"testing\"\n\nfunc TestB(t *testing.T) {\n\tif B() != \"B\" {\n\t\tt.Fatal(B())\n\t}\n}\n",
	"c/c.go":      "package c\n\nimport \"example.com/badflag/b\"\n\nfunc C() string { return b.B() }\n",
}

// writeModule writes files into a new temporary directory and returns it.
func writeModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// badFlagCases are invalid chanown flag values under go vet: the prefix
// of the one line that must report each, what it must also say (the
// valid values or syntax), and whether docs/chanown.md shows the line.
var badFlagCases = []struct {
	flag   string
	prefix string
	says   []string
	doc    bool
}{
	{
		"-chanown.categories=bogus",
		`invalid value "bogus" for flag -chanown.categories: unknown category "bogus"`,
		analyzer.Categories,
		true,
	},
	{
		"-chanown.spawners=nonsense",
		`invalid value "nonsense" for flag -chanown.spawners: invalid spawner "nonsense"`,
		[]string{"pkg/path.Func:N", "(pkg/path.T).M:N"},
		true,
	},
	{
		"-chanown.spawners=example.com/pool.Submit:x",
		`invalid value "example.com/pool.Submit:x" for flag -chanown.spawners: invalid spawner`,
		[]string{"pkg/path.Func:N", "(pkg/path.T).M:N"},
		false,
	},
	{
		"-chanown.self-sync=nodot",
		`invalid value "nodot" for flag -chanown.self-sync: invalid type "nodot"`,
		[]string{"pkg/path.Type"},
		false,
	},
}

// checkVetBadFlag checks the output of go vet run with one invalid
// chanown flag value: exit 1 and, apart from go's "# package" headers,
// one line "prog: <prefix>..." that says every item of says, with no
// usage banner and no "exit status" line. It returns that line.
func checkVetBadFlag(t *testing.T, prog, args string, code int, output, prefix string, says []string) string {
	t.Helper()
	if code != 1 {
		t.Errorf("%s: exit %d, want 1\n%s", args, code, output)
	}
	var lines []string
	for line := range strings.SplitSeq(output, "\n") {
		if line != "" && !strings.HasPrefix(line, "# ") {
			lines = append(lines, line)
		}
	}
	if len(lines) != 1 {
		t.Errorf("%s: %d lines besides the # package headers, want 1:\n%s", args, len(lines), output)
	}
	for _, banner := range []string{"Usage of", "is a tool for static analysis", "exit status"} {
		if strings.Contains(output, banner) {
			t.Errorf("%s: output holds %q:\n%s", args, banner, output)
		}
	}
	if len(lines) == 0 {
		return ""
	}
	if !strings.HasPrefix(lines[0], prog+": "+prefix) {
		t.Errorf("%s: the error line does not start with %q:\n%s", args, prog+": "+prefix, lines[0])
	}
	for _, s := range says {
		if !strings.Contains(lines[0], s) {
			t.Errorf("%s: the error line does not say %q:\n%s", args, s, lines[0])
		}
	}
	return lines[0]
}

// TestVetBadFlag runs go vet -vettool=chanown with invalid chanown flag
// values on a module of several packages: one line for the whole run,
// as docs/chanown.md shows, not an error and usage banner per package.
func TestVetBadFlag(t *testing.T) {
	goTool, bin := buildChanown(t)
	dir := writeModule(t, badFlagModule)
	docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "chanown.md"))
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range badFlagCases {
		t.Run(tc.flag, func(t *testing.T) {
			t.Parallel()
			r := command(t, dir, goTool, "vet", "-vettool="+bin, tc.flag, "./...")
			r.wantNoPanic(t)
			line := checkVetBadFlag(t, "chanown", strings.Join(r.args, " "), r.code, r.stdout+r.stderr, tc.prefix, tc.says)
			if tc.doc && !strings.Contains(string(docs), "\n"+line+"\n") {
				t.Errorf("docs/chanown.md does not show the line go vet prints for %s:\n%s", tc.flag, line)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		t.Parallel()
		tc := badFlagCases[0]
		r := command(t, dir, goTool, "vet", "-json", "-vettool="+bin, tc.flag, "./...")
		checkVetBadFlag(t, "chanown", strings.Join(r.args, " "), r.code, r.stdout+r.stderr, tc.prefix, tc.says)
	})

	// The same flags with valid values: no error.
	t.Run("valid", func(t *testing.T) {
		t.Parallel()
		r := command(t, dir, goTool, "vet", "-vettool="+bin, "-chanown.categories=shared,unguarded",
			"-chanown.spawners=example.com/pool.Submit:0", "-chanown.self-sync=example.com/stats.Counter", "./...")
		r.wantExit(t, 0)
		if r.stderr != "" {
			t.Errorf("%q printed:\n%s", r.args, r.stderr)
		}
	})
}

// TestBadFlagDocs checks the lines docs/chanown.md shows for invalid
// flag values given to the standalone driver.
func TestBadFlagDocs(t *testing.T) {
	docs, err := os.ReadFile(filepath.Join("..", "..", "docs", "chanown.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-categories=bogus", "./..."}, {"-spawners=nonsense", "./..."}} {
		var stdout, stderr strings.Builder
		if code := run(analyzer.DefaultConfig(), "", args, &stdout, &stderr); code != exitUsage {
			t.Errorf("run %q: exit %d, want %d", args, code, exitUsage)
		}
		checkOneLine(t, args, stderr.String(), "invalid value")
		if !strings.Contains(string(docs), "\n$ chanown "+strings.Join(args, " ")+"\n"+stderr.String()) {
			t.Errorf("docs/chanown.md does not show chanown %s printing\n%s", strings.Join(args, " "), stderr.String())
		}
	}
}
