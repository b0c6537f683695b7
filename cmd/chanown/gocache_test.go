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
// repeat run is answered from go vet's cache, prints exactly what the
// first run printed, and the go vet path prints what the in-process
// driver (-gocache=false) prints.
func TestGoCache(t *testing.T) {
	goTool, bin := buildChanown(t)
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	formats := [][]string{nil, {"-c", "1"}, {"-json"}, {"-format=sarif"}, {"-format=github"}}

	// Cold, then warm: the same bytes and exit code in every format,
	// and go vet has nothing left to run.
	for _, sample := range []string{"e2e", "e2e-facts", "golangci", "e2e-broken"} {
		t.Run("repeat-"+sample, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(testdata, sample)
			self := otherID(t, bin) // nothing in go vet's cache for it
			for _, f := range formats {
				args := append(f, "./...")
				cold := command(t, dir, self, args...)
				warm := command(t, dir, self, args...)
				cold.wantNoPanic(t)
				if cold.code != warm.code || cold.stdout != warm.stdout || cold.stderr != warm.stderr {
					t.Errorf("%q: the repeat run differs from the first\nfirst: exit %d\n%s%s\nrepeat: exit %d\n%s%s",
						cold.args, cold.code, cold.stdout, cold.stderr, warm.code, warm.stdout, warm.stderr)
				}
			}
			if sample != "e2e-broken" { // go vet fails there, and is not cached
				if run := vetMisses(t, goTool, dir, self, "./..."); len(run) > 0 {
					t.Errorf("after a repeat run go vet would still run the tool:\n%s", strings.Join(run, "\n"))
				}
			}
		})
	}

	// The go vet path and the in-process driver print the same. In
	// e2e-facts they differ only in the related "declared here" lines
	// of another package's globals, which the vettool knows from
	// export data (docs/performance.md); the primary lines agree.
	for _, sample := range []string{"e2e", "golangci", "e2e-broken", "e2e-facts"} {
		t.Run("inprocess-"+sample, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(testdata, sample)
			self := otherID(t, bin)
			for _, f := range formats {
				args := append(f, "./...")
				vet := command(t, dir, self, args...)
				inproc := command(t, dir, self, append([]string{"-gocache=false"}, args...)...)
				if vet.code != inproc.code {
					t.Errorf("%q: exit %d, -gocache=false: exit %d", vet.args, vet.code, inproc.code)
				}
				if sample == "e2e-facts" {
					if f != nil {
						continue
					}
					vl := primaryDiagnostics(t, dir, "go vet path", vet.stderr, true)
					il := primaryDiagnostics(t, dir, "in-process", inproc.stderr, true)
					if strings.Join(vl, "\n") != strings.Join(il, "\n") {
						t.Errorf("%q: primary diagnostics differ\ngo vet path:\n%s\nin-process:\n%s", vet.args, indentLines(vl), indentLines(il))
					}
					continue
				}
				if vet.stdout != inproc.stdout || vet.stderr != inproc.stderr {
					t.Errorf("%q: the go vet path and -gocache=false differ\ngo vet path:\n%s%s\nin-process:\n%s%s",
						vet.args, vet.stdout, vet.stderr, inproc.stdout, inproc.stderr)
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
