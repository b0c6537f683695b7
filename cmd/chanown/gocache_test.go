package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chanown/chanown/cmd/internal/vettool"
)

// TestGoCache checks the standalone driver's go vet path (vet.go): a
// repeat run is answered from go vet's cache and prints exactly what the
// first run printed, the go vet path prints what the in-process driver
// (-gocache=false) prints, and neither depends on the role a package had
// in earlier go vet runs.
func TestGoCache(t *testing.T) {
	goTool, bin := buildChanown(t)
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	formats := [][]string{nil, {"-c", "1"}, {"-json"}, {"-format=sarif"}, {"-format=github"}}

	// For each sample, with a binary that go vet's cache knows nothing
	// of: a first run, a repeat run and an in-process run
	// (-gocache=false) in every format. The repeat run prints the same
	// bytes and exit code as the first, and afterwards go vet has
	// nothing left to run; the in-process run prints the same as the go
	// vet path. In e2e-facts the paths differ only in the related
	// "declared here" lines of another package's globals, which the
	// vettool knows from export data (docs/performance.md): there the
	// primary lines are compared.
	for _, sample := range []string{"e2e", "e2e-facts", "golangci", "e2e-broken"} {
		t.Run(sample, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(testdata, sample)
			self := otherID(t, bin)
			for _, f := range formats {
				args := append(f, "./...")
				first := command(t, dir, self, args...)
				repeat := command(t, dir, self, args...)
				first.wantNoPanic(t)
				if first.code != repeat.code || first.stdout != repeat.stdout || first.stderr != repeat.stderr {
					t.Errorf("%q: the repeat run differs from the first\nfirst: exit %d\n%s%s\nrepeat: exit %d\n%s%s",
						first.args, first.code, first.stdout, first.stderr, repeat.code, repeat.stdout, repeat.stderr)
				}
				if sample == "e2e-facts" && f != nil {
					continue // compared in the text format only
				}
				inproc := command(t, dir, self, append([]string{"-gocache=false"}, args...)...)
				if first.code != inproc.code {
					t.Errorf("%q: exit %d, -gocache=false: exit %d", first.args, first.code, inproc.code)
				}
				if sample == "e2e-facts" {
					vl := primaryDiagnostics(t, dir, "go vet path", first.stderr, true)
					il := primaryDiagnostics(t, dir, "in-process", inproc.stderr, true)
					if strings.Join(vl, "\n") != strings.Join(il, "\n") {
						t.Errorf("%q: primary diagnostics differ\ngo vet path:\n%s\nin-process:\n%s", first.args, indentLines(vl), indentLines(il))
					}
				} else if first.stdout != inproc.stdout || first.stderr != inproc.stderr {
					t.Errorf("%q: the go vet path and -gocache=false differ\ngo vet path:\n%s%s\nin-process:\n%s%s",
						first.args, first.stdout, first.stderr, inproc.stdout, inproc.stderr)
				}
			}
			if sample != "e2e-broken" { // go vet fails there, and caches no failure
				if run := vetMisses(t, goTool, dir, self, "./..."); len(run) > 0 {
					t.Errorf("after a repeat run go vet would still run the tool:\n%s", strings.Join(run, "\n"))
				}
			}
		})
	}

	// go vet caches a package's output whether it ran for the package's
	// diagnostics or only for its facts (vettool.ModuleDepsFlag): after a run
	// that needs b only for its facts, a run that asks for b still
	// reports it; and after that, a run that needs b only for its facts
	// does not report it.
	t.Run("roles", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(testdata, "e2e-facts")
		coldAll := command(t, dir, otherID(t, bin), "./...")
		coldApp := command(t, dir, otherID(t, bin), "./cmd/app")
		if !strings.Contains(coldAll.stderr, "b/b.go:") || strings.Contains(coldApp.stderr, "b/b.go:") {
			t.Fatalf("want reports in b from ./... and none from ./cmd/app\n./...:\n%s\n./cmd/app:\n%s", coldAll.stderr, coldApp.stderr)
		}
		self := otherID(t, bin)
		app := command(t, dir, self, "./cmd/app")
		all := command(t, dir, self, "./...")
		appAgain := command(t, dir, self, "./cmd/app")
		for _, c := range []struct{ got, want result }{{app, coldApp}, {all, coldAll}, {appAgain, coldApp}} {
			if c.got.code != c.want.code || c.got.stderr != c.want.stderr {
				t.Errorf("%q after other runs: exit %d\n%s\nwant exit %d\n%s", c.got.args, c.got.code, c.got.stderr, c.want.code, c.want.stderr)
			}
		}
	})

	// Runs that go vet cannot serve still work, in process.
	t.Run("fallback", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(testdata, "golangci")
		for _, args := range [][]string{
			{"-test=false", "./..."},
			{"file=" + filepath.Join(dir, "sample", "main.go")},
		} {
			r := command(t, dir, bin, args...)
			r.wantExit(t, exitFindings)
			r.wantNoPanic(t)
			r.wantLine(t, "[shared] muA guards hits, shared by main and goroutine started in main; give it one owner goroutine reached over a channel")
		}
	})
}

// vetMisses returns the vettool commands that go vet -n, with the
// arguments that the standalone driver gives go vet, would run: none
// if every package's result is in go vet's cache.
func vetMisses(t *testing.T, goTool, dir, self string, patterns ...string) []string {
	t.Helper()
	args := append([]string{"vet", "-n", "-json", "-vettool=" + self, "-" + vettool.ModuleDepsFlag}, patterns...)
	cmd := exec.Command(goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go vet -n: %v\n%s", err, out)
	}
	var run []string
	for l := range strings.SplitSeq(string(out), "\n") {
		if strings.Contains(l, self) && strings.Contains(l, ".cfg") {
			run = append(run, l)
		}
	}
	return run
}
