package vettool

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// parse parses args with a flag set like unitchecker's, with OnFlagError
// installed, and returns what was printed, the exit code (-1 if exit was
// not called) and whether help was called.
func parse(t *testing.T, args []string) (stderr string, code int, help bool) {
	t.Helper()
	fs := flag.NewFlagSet("chanown", flag.ContinueOnError)
	fs.Func("chanown.categories", "categories", func(s string) error {
		if s != "shared" {
			return errors.New(`unknown category "` + s + `" (known: shared)`)
		}
		return nil
	})
	fs.Bool("flags", false, "print analyzer flags in JSON")
	var out strings.Builder
	code = -1
	OnFlagError(fs, "chanown", args, &out, func() { help = true }, func(c int) { code = c })
	fs.Parse(args)
	return out.String(), code, help
}

// writeConfig writes a unit config at dir/name and returns its path.
func writeConfig(t *testing.T, dir, name string, vetxOnly bool) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, name)
	data := `{"ID": "example.com/a", "VetxOnly": false}`
	if vetxOnly {
		data = `{"ID": "example.com/a", "VetxOnly": true}`
	}
	if err := os.WriteFile(file, []byte(data), 0o666); err != nil {
		t.Fatal(err)
	}
	return file
}

const badLine = `chanown: invalid value "bogus" for flag -chanown.categories: unknown category "bogus" (known: shared)` + "\n"

// TestOnFlagError checks which runs report a bad flag, as one line with
// exit code 2, and which exit 0 without a word.
func TestOnFlagError(t *testing.T) {
	tmp := t.TempDir()
	work := filepath.Join(tmp, "go-build1234")
	root1 := writeConfig(t, filepath.Join(work, "b001"), "vet.cfg", false)
	root2 := writeConfig(t, filepath.Join(work, "b002"), "vet.cfg", false)
	dep := writeConfig(t, filepath.Join(tmp, "go-build99", "b007"), "vet.cfg", true)
	other1 := writeConfig(t, filepath.Join(tmp, "cache", "b001"), "vet.cfg", false)
	other2 := writeConfig(t, filepath.Join(tmp, "cache", "b002"), "vet.cfg", false)

	for _, tc := range []struct {
		name   string
		args   []string
		stderr string
		code   int
	}{
		{"good", []string{"-chanown.categories=shared", root1}, "", -1},
		{"by hand", []string{"-chanown.categories=bogus", "-flags"}, badLine, ExitUsage},
		{"unknown flag", []string{"-nosuch", root1 + ".x"}, "chanown: flag provided but not defined: -nosuch\n", ExitUsage},
		{"no such config", []string{"-chanown.categories=bogus", filepath.Join(work, "b009", "vet.cfg")}, badLine, ExitUsage},
		{"dependency", []string{"-chanown.categories=bogus", dep}, "", 0},
		// The first run of a go command's work directory reports, the
		// others are silent.
		{"first", []string{"-chanown.categories=bogus", root1}, badLine, ExitUsage},
		{"second", []string{"-chanown.categories=bogus", root2}, "", 0},
		{"again", []string{"-chanown.categories=bogus", root1}, "", 0},
		// Outside a go work directory, every run reports.
		{"other driver", []string{"-chanown.categories=bogus", other1}, badLine, ExitUsage},
		{"other driver again", []string{"-chanown.categories=bogus", other2}, badLine, ExitUsage},
	} {
		stderr, code, help := parse(t, tc.args)
		if stderr != tc.stderr || code != tc.code || help {
			t.Errorf("%s: %q: printed %q, exit %d, help %v; want %q, exit %d", tc.name, tc.args, stderr, code, help, tc.stderr, tc.code)
		}
	}
	if _, err := os.Stat(filepath.Join(work, "chanown-flag-error")); err != nil {
		t.Errorf("the first run did not claim the report: %v", err)
	}
	if _, err := os.Stat(filepath.Join(tmp, "chanown-flag-error")); err == nil {
		t.Errorf("a run outside a go work directory claimed the report")
	}

	// -help is not an error: unitchecker's usage, as before.
	if stderr, code, help := parse(t, []string{"-help", root1}); stderr != "" || code != -1 || !help {
		t.Errorf("-help: printed %q, exit %d, help %v; want only help", stderr, code, help)
	}
}

// TestOneLine checks that an error on several lines is printed as one.
func TestOneLine(t *testing.T) {
	if got, want := OneLine("bad value:\n\tsecond line\nthird\n\n"), "bad value: second line; third"; got != want {
		t.Errorf("oneLine = %q, want %q", got, want)
	}
}
