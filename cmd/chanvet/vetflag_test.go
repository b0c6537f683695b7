package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
)

// TestVetBadFlag runs go vet -vettool=chanvet with invalid chanown flag
// values on a module of several packages: one line "chanvet: ..." for
// the whole run, not an error and usage banner per package.
func TestVetBadFlag(t *testing.T) {
	goTool, bin := buildChanvet(t)
	dir := t.TempDir()
	for name, data := range map[string]string{
		"go.mod":      "module example.com/badflag\n\ngo 1.22\n",
		"a/a.go":      "package a\n\nimport \"strings\"\n\nfunc A(s string) string { return strings.ToUpper(s) }\n",
		"b/b.go":      "package b\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/badflag/a\"\n)\n\nfunc B() string { return fmt.Sprint(a.A(\"b\")) }\n",
		"b/b_test.go": "package b\n\nimport \"testing\"\n\nfunc TestB(t *testing.T) {\n\tif B() != \"B\" {\n\t\tt.Fatal(B())\n\t}\n}\n",
		"c/c.go":      "package c\n\nimport \"example.com/badflag/b\"\n\nfunc C() string { return b.B() }\n",
	} {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		args   []string
		prefix string
		says   []string
	}{
		{
			[]string{"-chanown.categories=bogus"},
			`chanvet: invalid value "bogus" for flag -chanown.categories: unknown category "bogus"`,
			analyzer.Categories,
		},
		{
			[]string{"-chanown", "-chanown.spawners=nonsense"},
			`chanvet: invalid value "nonsense" for flag -chanown.spawners: invalid spawner "nonsense"`,
			[]string{"pkg/path.Func:N", "(pkg/path.T).M:N"},
		},
		{
			[]string{"-printf.funcs=Logf", "-chanown.self-sync=nodot"},
			`chanvet: invalid value "nodot" for flag -chanown.self-sync: invalid type "nodot"`,
			[]string{"pkg/path.Type"},
		},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			args := append(append([]string{"vet", "-vettool=" + bin}, tc.args...), "./...")
			code, out := goVet(t, dir, goTool, args...)
			if code != 1 {
				t.Errorf("go %s: exit %d, want 1\n%s", strings.Join(args, " "), code, out)
			}
			var lines []string
			for line := range strings.SplitSeq(out, "\n") {
				if line != "" && !strings.HasPrefix(line, "# ") {
					lines = append(lines, line)
				}
			}
			if len(lines) != 1 || !strings.HasPrefix(lines[0], tc.prefix) {
				t.Fatalf("go %s: want one line besides the # package headers, starting with\n\t%s\noutput:\n%s",
					strings.Join(args, " "), tc.prefix, out)
			}
			for _, s := range tc.says {
				if !strings.Contains(lines[0], s) {
					t.Errorf("go %s: the error line does not say %q:\n%s", strings.Join(args, " "), s, lines[0])
				}
			}
		})
	}

	t.Run("valid", func(t *testing.T) {
		t.Parallel()
		for _, cats := range []string{"shared", "races"} { // a category, the preset
			args := []string{"vet", "-vettool=" + bin, "-chanown.categories=" + cats, "-printf.funcs=Logf", "./..."}
			if code, out := goVet(t, dir, goTool, args...); code != 0 || out != "" {
				t.Errorf("go %s: exit %d, want 0\n%s", strings.Join(args, " "), code, out)
			}
		}
	})
}
