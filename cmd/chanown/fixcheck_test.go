package main

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// raceTier lists the categories of the race tier, whose reports a fix
// must never add.
var raceTier = []string{"unguarded", "wronglock", "rlockwrite", "escape"}

// TestFixedScenarios measures the fix instead of assuming it (issue 17):
// it applies every fix offered on the scenarios of testdata/src (GOPATH
// mode, default flags) and then requires that the result passes go vet
// (so it type-checks), that chanown offers no fix and adds no race-tier
// report, and that the changed packages' tests pass, under -race where
// the toolchain can.
func TestFixedScenarios(t *testing.T) {
	goTool, bin := buildChanown(t)
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "src"), os.DirFS(filepath.Join("..", "..", "testdata", "src"))); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(root, "src")
	env := append(os.Environ(), "GO111MODULE=off", "GOPATH="+root, "GOFLAGS=", "GOPROXY=off")
	before := chanownTree(t, src, env, bin)
	offered := fixedPackages(before)
	if len(offered) == 0 {
		t.Fatal("no fix offered on the scenarios")
	}
	runEnv(t, src, env, 0, bin, "-gocache=false", "-fix", "./...")
	runEnv(t, src, env, 0, goTool, "vet", "./...")
	after := chanownTree(t, src, env, bin)
	if left := fixedPackages(after); len(left) > 0 {
		t.Errorf("fixes still offered after -fix in %v", slices.Sorted(maps.Keys(left)))
	}
	checkNoNewRaces(t, before, after)
	// A scenario whose test files chanown reports races in (testjoin's
	// goroutines that a test leaks) races by design: its tests run
	// without -race, the others under it.
	racy := racyTestPackages(before, src)
	var tested, testedRacy []string
	for pkg := range offered {
		if tests, _ := filepath.Glob(filepath.Join(src, pkg, "*_test.go")); len(tests) > 0 {
			if racy[pkg] {
				testedRacy = append(testedRacy, "./"+pkg)
			} else {
				tested = append(tested, "./"+pkg)
			}
		}
	}
	if len(tested) > 0 {
		slices.Sort(tested)
		runEnv(t, src, env, 0, append(append([]string{goTool, "test"}, raceFlag(t, goTool)...), tested...)...)
	}
	if len(testedRacy) > 0 {
		slices.Sort(testedRacy)
		runEnv(t, src, env, 0, append([]string{goTool, "test"}, testedRacy...)...)
	}
	t.Logf("scenarios: fixes offered in %d packages, applied, built (go vet clean), %d with tests passed (%d of them without -race: %v)",
		len(offered), len(tested)+len(testedRacy), len(testedRacy), testedRacy)
}

// racyTestPackages returns the packages of tree, as import paths under
// the GOPATH source directory src, with a race-tier report in a
// _test.go file.
func racyTestPackages(tree jsonTree, src string) map[string]bool {
	out := map[string]bool{}
	for _, f := range tree.findings() {
		if !slices.Contains(raceTier, f.category) || !strings.HasSuffix(f.posn.Filename, "_test.go") {
			continue
		}
		if rel, err := filepath.Rel(src, filepath.Dir(f.posn.Filename)); err == nil {
			out[filepath.ToSlash(rel)] = true
		}
	}
	return out
}

// TestFixedExamples applies the fix to every before package of
// docs/examples (in library mode, their //chanown:ignore directives
// removed) and requires what TestFixedScenarios does, with the examples'
// own tests and benchmarks, which test before and after alike, under
// -race where the toolchain can.
func TestFixedExamples(t *testing.T) {
	goTool, bin := buildChanown(t)
	mod := t.TempDir()
	for _, f := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile(filepath.Join("..", "..", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(mod, f), data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	examples := filepath.Join(mod, "docs", "examples")
	if err := os.CopyFS(examples, os.DirFS(filepath.Join("..", "..", "docs", "examples"))); err != nil {
		t.Fatal(err)
	}
	// The verdict test runs the analyzer on the examples as they are;
	// the directives hide the before packages' reports, and their fixes.
	os.Remove(filepath.Join(examples, "verdict_test.go"))
	ignore := regexp.MustCompile(`(?m)^\s*//chanown:ignore .*\n`)
	filepath.WalkDir(examples, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		os.Chmod(path, 0o666)
		return os.WriteFile(path, ignore.ReplaceAll(data, nil), 0o666)
	})
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off")
	before := chanownTree(t, mod, env, bin, "-exported", "./docs/examples/...")
	offered := fixedPackages(before)
	for pkg := range offered {
		if !strings.HasSuffix(pkg, "/before") {
			t.Errorf("a fix is offered on %s, which is not a before package", pkg)
		}
	}
	if len(offered) == 0 {
		t.Fatal("no fix offered on the examples")
	}
	runEnv(t, mod, env, 0, bin, "-gocache=false", "-exported", "-fix", "./docs/examples/...")
	runEnv(t, mod, env, 0, goTool, "vet", "./docs/examples/...")
	after := chanownTree(t, mod, env, bin, "-exported", "./docs/examples/...")
	if left := fixedPackages(after); len(left) > 0 {
		t.Errorf("fixes still offered after -fix in %v", slices.Sorted(maps.Keys(left)))
	}
	checkNoNewRaces(t, before, after)
	args := append(append([]string{goTool, "test", "-count=1", "-bench=.", "-benchtime=20x"}, raceFlag(t, goTool)...), "./docs/examples/...")
	runEnv(t, mod, env, 0, args...)
	t.Logf("examples: fixes offered in %v, applied, built, tests and benchmarks passed", slices.Sorted(maps.Keys(offered)))
}

// raceFlag returns -race if the toolchain can build with the race
// detector (cgo and a C compiler), or nothing, with a log line.
func raceFlag(t *testing.T, goTool string) []string {
	out, err := exec.Command(goTool, "env", "CGO_ENABLED", "CC").Output()
	fields := strings.Fields(string(out))
	if err == nil && len(fields) == 2 && fields[0] == "1" {
		if _, err := exec.LookPath(fields[1]); err == nil {
			return []string{"-race"}
		}
	}
	t.Logf("no cgo or C compiler: tests run without -race")
	return nil
}

// chanownTree runs chanown -gocache=false -format=json in dir with env
// (on ./... unless args say otherwise) and returns its JSON tree.
func chanownTree(t *testing.T, dir string, env []string, bin string, args ...string) jsonTree {
	t.Helper()
	if len(args) == 0 {
		args = []string{"./..."}
	}
	cmd := exec.Command(bin, append([]string{"-gocache=false", "-format=json"}, args...)...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chanown %v: %v\n%s", args, err, out)
	}
	var tree jsonTree
	if err := json.Unmarshal(out, &tree); err != nil {
		t.Fatalf("chanown %v: %v\n%s", args, err, out)
	}
	return tree
}

// fixedPackages returns the packages of tree with a diagnostic that
// offers a fix.
func fixedPackages(tree jsonTree) map[string]bool {
	out := map[string]bool{}
	for pkg, analyzers := range tree {
		if (jsonTree{pkg: analyzers}).fixes() != nil {
			out[pkg] = true
		}
	}
	return out
}

// checkNoNewRaces fails if after has a race-tier report (category and
// message) that before does not.
func checkNoNewRaces(t *testing.T, before, after jsonTree) {
	t.Helper()
	seen := map[string]bool{}
	for _, f := range before.findings() {
		seen[f.category+": "+f.message] = true
	}
	for _, f := range after.findings() {
		if slices.Contains(raceTier, f.category) && !seen[f.category+": "+f.message] {
			t.Errorf("%s: new after the fix: [%s] %s", f.posn, f.category, f.message)
		}
	}
}

// runEnv runs cmd in dir with env, checks its exit code and returns its
// output.
func runEnv(t *testing.T, dir string, env []string, code int, cmd ...string) string {
	t.Helper()
	c := exec.Command(cmd[0], cmd[1:]...)
	c.Dir, c.Env = dir, env
	out, err := c.CombinedOutput()
	got := 0
	if ee, ok := err.(*exec.ExitError); ok {
		got = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", strings.Join(cmd, " "), err)
	}
	if got != code {
		t.Fatalf("%s: exit %d, want %d\n%s", strings.Join(cmd, " "), got, code, out)
	}
	return string(out)
}
