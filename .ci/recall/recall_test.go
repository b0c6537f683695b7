package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// labelsA labels three locks of example.com/m: mu is positive in both
// modes, reg only with -exported, and cnt in neither (a refcount).
const labelsA = `# a comment
# module: example.com/m@v1.0.0
package	var	mutex	file	line	concurrent	expect	evidence	unguarded_access	note
example.com/m/a	x	mu	a/a.go	3	yes	flag	go@a/a.go:9	-	-
example.com/m/a	y	mu	a/a.go	4	yes	noflag-init	-	-	-
example.com/m/a	reg	regMu	a/reg.go	5	lib	lib-only	exported Register	-	-
example.com/m/a	n	cnt.mu	a/cnt.go	6	yes	noflag-refcount	-	-	-
example.com/m/b	st.m	st.mu	b/b.go	7	yes	flag	go@b/b.go:20	-	-
example.com/m/a	logger	(instance Logger.mu)	a/a.go	8	lib	noflag-other	-	-	-
example.com/m/a	hosts.byName	hosts	a/hosts.go	9	yes	flag	go@a/hosts.go:30	-	embedded Mutex
`

// treeA is what chanown -json prints: a package and its test variant
// report the same diagnostic; package c names b's lock by package
// name; another report names an unlabelled lock and one a negative one.
const treeA = `{
	"example.com/m/a": {"chanown": [
		{"category": "shared", "posn": "/mod/a/a.go:2:5", "message": "mu guards x, shared by main and goroutine started in f; give it one owner goroutine reached over a channel"},
		{"category": "unguarded", "posn": "/mod/a/a.go:12:2", "message": "x read without holding mu"},
		{"category": "shared", "posn": "/mod/a/cnt.go:5:5", "message": "cnt.mu guards n, shared by main and goroutine started in f; give it one owner goroutine reached over a channel"},
		{"category": "shared", "posn": "/mod/a/hosts.go:9:5", "message": "hosts.Mutex guards hosts.byName, shared by main and goroutine started in f; give it one owner goroutine reached over a channel"}
	]},
	"example.com/m/a [example.com/m/a.test]": {"chanown": [
		{"category": "shared", "posn": "/mod/a/a.go:2:5", "message": "mu guards x, shared by main and goroutine started in f; give it one owner goroutine reached over a channel"}
	]},
	"example.com/m/c": {"chanown": [
		{"category": "shared", "posn": "/mod/c/c.go:9:2", "message": "b.st.mu guards b.st.m, shared by goroutine started in c.run; give it one owner goroutine reached over a channel"},
		{"category": "shared", "posn": "/mod/c/c.go:4:5", "message": "other guards read-mostly z; keep the RWMutex or publish immutable copies via atomic.Pointer"}
	]},
	"example.com/m/d": {"chanown": {"error": "boom"}}
}`

func TestScore(t *testing.T) {
	rows, named, err := parseLabels("labelsA", strings.NewReader(labelsA))
	if err != nil {
		t.Fatal(err)
	}
	if named != "example.com/m@v1.0.0" {
		t.Errorf("module line = %q, want example.com/m@v1.0.0", named)
	}
	ls := &labelSet{Module: "example.com/m", Version: "v1.0.0", Rows: rows}
	reports, failed, err := parseShared([]byte(treeA), "/mod")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"example.com/m/d: boom"}; !slices.Equal(failed, want) {
		t.Errorf("failed = %q, want %q", failed, want)
	}
	if len(reports) != 5 {
		t.Fatalf("got %d shared reports, want 5 (test variant deduplicated): %v", len(reports), reports)
	}

	def := scoreMode(ls, "default", false, reports)
	if got, want := keys(def.Positives), []string{"example.com/m/a.hosts", "example.com/m/a.mu", "example.com/m/b.st.mu"}; !slices.Equal(got, want) {
		t.Errorf("default positives = %q, want %q", got, want)
	}
	if got := keys(def.Found); len(got) != 3 {
		t.Errorf("default found = %q, want every positive (hosts.Mutex is hosts)", got)
	}
	if def.recall() != "100 %" || def.Locks != 5 {
		t.Errorf("default recall %s, %d locks, want 100 %%, 5", def.recall(), def.Locks)
	}
	if _, ok := def.Negative["example.com/m/a.cnt.mu"]; !ok || len(def.Negative) != 1 {
		t.Errorf("default negative = %v, want the report on cnt.mu", def.Negative)
	}
	if _, ok := def.Unlabelled["other (reported in example.com/m/c)"]; !ok || len(def.Unlabelled) != 1 {
		t.Errorf("default unlabelled = %v, want the report on other", def.Unlabelled)
	}

	exp := scoreMode(ls, "-exported", true, reports)
	if got, want := keys(exp.Missed), []string{"example.com/m/a.regMu"}; !slices.Equal(got, want) {
		t.Errorf("-exported missed = %q, want %q", got, want)
	}
	if exp.recall() != "75 %" {
		t.Errorf("-exported recall = %s, want 75 %%", exp.recall())
	}

	var b strings.Builder
	writeTable(&b, ls.title(), []*score{def, exp})
	for _, want := range []string{
		"| default | 3 | 3 | 100 % | 5 (5) | 1 | 1 |",
		"| -exported | 4 | 3 | 75 % | 5 (5) | 1 | 1 |",
		"- -exported: missed `example.com/m/a.regMu`: reg (lib-only)",
		"report on not positive lock `example.com/m/a.cnt.mu`: a/cnt.go:5:5: cnt.mu guards n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

func keys(ks []lockKey) []string {
	var out []string
	for _, k := range ks {
		out = append(out, k.String())
	}
	return out
}

func TestParseLabelsErrors(t *testing.T) {
	for _, bad := range []string{
		"example.com/m\tx\tmu\n",
		"example.com/m\tx\tmu\ta.go\t1\tyes\tmaybe\t-\t-\t-\n",
	} {
		if _, _, err := parseLabels("bad", strings.NewReader(bad)); err == nil {
			t.Errorf("parseLabels accepted %q", bad)
		}
	}
}

func TestModuleOf(t *testing.T) {
	for _, tc := range []struct{ file, named, path, version string }{
		{"docs/recall/github.com_go-task_task_v3@v3.54.0.tsv", "", "github.com/go-task/task/v3", "v3.54.0"},
		{"go.uber.org_zap@v1.28.0.tsv", "", "go.uber.org/zap", "v1.28.0"},
		{"github.com_prometheus_client_golang@v1.25.0.tsv", "github.com/prometheus/client_golang@v1.25.0", "github.com/prometheus/client_golang", "v1.25.0"},
		{"../shared/realcode/std.tsv", "", "std", ""},
	} {
		if p, v := moduleOf(tc.file, tc.named); p != tc.path || v != tc.version {
			t.Errorf("moduleOf(%q) = %q, %q, want %q, %q", tc.file, p, v, tc.path, tc.version)
		}
	}
	if got := pkgName("github.com/go-task/task/v3"); got != "task" {
		t.Errorf("pkgName = %q, want task", got)
	}
}

func TestCheckPositions(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n\nvar hosts struct{ sync.Mutex }\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	ls := &labelSet{Rows: []label{
		{Pkg: "a", Var: "hosts.byName", File: "a.go", Line: "3"},
		{Pkg: "a", Var: "hosts.byAddr", File: "a.go", Line: "2"},
		{Pkg: "a", Var: "x", File: "b.go", Line: "1"},
	}}
	want := []string{
		"a hosts.byAddr: a.go:2 does not mention hosts",
		"a x: no file b.go",
	}
	if got := checkPositions(ls, dir); !slices.Equal(got, want) {
		t.Errorf("checkPositions = %q, want %q", got, want)
	}
}
