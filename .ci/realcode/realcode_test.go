package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// treeA is a JSON tree as the standalone driver prints it: a package
// and its test variant report the same diagnostic.
const treeA = `{
	"example.com/a": {
		"chanown": [
			{"category": "shared", "posn": "/m/a/a.go:3:2", "end": "/m/a/a.go:3:4", "message": "mu guards x",
			 "related": [{"posn": "/m/a/a.go:9:1", "end": "/m/a/a.go:9:1", "message": "x written here"}]}
		]
	},
	"example.com/a [example.com/a.test]": {
		"chanown": [
			{"category": "shared", "posn": "/m/a/a.go:3:2", "message": "mu guards x"},
			{"category": "unguarded", "posn": "/m/a/a_test.go:7:1", "message": "y read without mu"}
		]
	}
}
`

func TestParseTree(t *testing.T) {
	res, err := parseTree([]byte(treeA))
	if err != nil {
		t.Fatal(err)
	}
	got := res.primary("/m")
	want := []string{
		"a/a.go:3:2: [shared] mu guards x",
		"a/a_test.go:7:1: [unguarded] y read without mu",
	}
	if !slices.Equal(got, want) {
		t.Errorf("primary = %q, want %q", got, want)
	}
	counts := countCategories(got)
	if counts["shared"] != 1 || counts["unguarded"] != 1 || len(counts) != 2 {
		t.Errorf("countCategories = %v", counts)
	}
}

func TestParseTreeError(t *testing.T) {
	res, err := parseTree([]byte(`{"p": {"chanown": {"error": "boom"}}, "q": {"other": []}}`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"p: boom"}; !slices.Equal(res.Errors, want) {
		t.Errorf("Errors = %q, want %q", res.Errors, want)
	}
	if _, err := parseTree([]byte("chanown: oops\n")); err == nil {
		t.Error("parseTree accepted text that is not JSON")
	}
}

// TestParseVet checks the parsing of go vet -json output: a tree per
// package, "#" header lines, and text that is neither.
func TestParseVet(t *testing.T) {
	out := "# example.com/a\n" +
		"{\n\t\"example.com/a\": {\"chanown\": [{\"category\": \"shared\", \"posn\": \"/m/a/a.go:3:2\", \"message\": \"mu guards x\"}]}\n}\n" +
		"{}\n" +
		"# example.com/b\n" +
		"vet: example.com/b: something failed\n" +
		`{"example.com/b [example.com/b.test]": {"chanown": {"error": "boom"}}}` + "\n" +
		"{not json\n"
	res, other := parseVet([]byte(out))
	if got, want := res.primary("/m"), []string{"a/a.go:3:2: [shared] mu guards x"}; !slices.Equal(got, want) {
		t.Errorf("primary = %q, want %q", got, want)
	}
	if want := []string{"example.com/b [example.com/b.test]: boom"}; !slices.Equal(res.Errors, want) {
		t.Errorf("Errors = %q, want %q", res.Errors, want)
	}
	if want := []string{"vet: example.com/b: something failed", "{not json"}; !slices.Equal(other, want) {
		t.Errorf("other = %q, want %q", other, want)
	}
}

func TestSetDiff(t *testing.T) {
	got := setDiff([]string{"a", "b", "c"}, []string{"b", "d"}, "-", "+")
	if want := []string{"-a", "-c", "+d"}; !slices.Equal(got, want) {
		t.Errorf("setDiff = %q, want %q", got, want)
	}
}

func TestRunDiff(t *testing.T) {
	// A message that names globals in another order.
	b := strings.Replace(treeA, "y read without mu", "y read without mu or nu", 1)
	got := runDiff("/m", []byte(treeA), []byte(b))
	want := []string{
		"run 1 only: example.com/a [example.com/a.test]: a/a_test.go:7:1: [unguarded] y read without mu",
		"run 2 only: example.com/a [example.com/a.test]: a/a_test.go:7:1: [unguarded] y read without mu or nu",
	}
	if !slices.Equal(got, want) {
		t.Errorf("runDiff = %q, want %q", got, want)
	}
	// The same diagnostics in another layout.
	got = runDiff("/m", []byte(treeA), []byte(strings.ReplaceAll(treeA, "\t", "  ")))
	if len(got) != 3 || !strings.Contains(got[0], "same diagnostics") {
		t.Errorf("runDiff of a layout change = %q", got)
	}
	// One more related position.
	c := strings.Replace(treeA, `"x written here"}]`, `"x written here"}, {"posn": "/m/a/a.go:8:1", "message": "x read here"}]`, 1)
	got = runDiff("/m", []byte(treeA), []byte(c))
	if len(got) != 2 || !strings.Contains(got[1], "{related: a/a.go:9:1 x written here; a/a.go:8:1 x read here}") {
		t.Errorf("runDiff of related positions = %q", got)
	}
}

func TestCrashed(t *testing.T) {
	if got := crashed([]byte("chanown: example.com/a: a.go:1:1: undefined: x\n")); got != "" {
		t.Errorf("crashed(type error) = %q, want none", got)
	}
	out := "some output\npanic: runtime error: index out of range\n\ngoroutine 7 [running]:\nmain.f()\n"
	if got := crashed([]byte(out)); !strings.HasPrefix(got, "panic: runtime error") {
		t.Errorf("crashed(panic) = %q", got)
	}
	if got := crashed([]byte(`{"p": {"chanown": {"error": "internal error: no lock"}}}`)); got == "" {
		t.Error("crashed missed an internal error")
	}
}

func TestReplaceSection(t *testing.T) {
	file := filepath.Join(t.TempDir(), "doc.md")
	doc := "# Title\n\n" + beginMarker + "\nold\n" + endMarker + "\n\ntail\n"
	if err := os.WriteFile(file, []byte(doc), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := replaceSection(file, "new\ntable\n"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := "# Title\n\n" + beginMarker + "\nnew\ntable\n" + endMarker + "\n\ntail\n"; string(data) != want {
		t.Errorf("replaced:\n%s\nwant:\n%s", data, want)
	}
	if err := os.WriteFile(file, []byte("no markers\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := replaceSection(file, "x"); err == nil {
		t.Error("replaceSection accepted a file without markers")
	}
}

func TestSelectModules(t *testing.T) {
	subset, err := selectModules(false, "")
	if err != nil {
		t.Fatal(err)
	}
	all, _ := selectModules(true, "")
	if len(subset) == 0 || len(subset) >= len(all) || len(all) != len(modules) {
		t.Errorf("subset %d of %d modules, all %d", len(subset), len(modules), len(all))
	}
	if _, err := selectModules(false, "example.com/none"); err == nil {
		t.Error("selectModules accepted an unknown module")
	}
	seen := map[string]bool{}
	for _, m := range modules {
		if seen[m.Path] || m.Version == "" || m.Shape == "" {
			t.Errorf("module %s: duplicate or incomplete", m)
		}
		seen[m.Path] = true
	}
}

// listOut is go list -e -test -export -json output: b does not build,
// c's tests do not build, d imports b.
const listOut = `{"ImportPath": "m/a"}
{"ImportPath": "m/b", "Error": {"Err": "# m/b\nb/b.go:3:1: undefined: x\n"}}
{"ImportPath": "m/c"}
{"ImportPath": "m/c [m/c.test]", "ForTest": "m/c"}
{"ImportPath": "m/c_test [m/c.test]", "ForTest": "m/c", "Error": {"Err": "c/c_test.go:9:2: undefined: y"}}
{"ImportPath": "m/c.test", "DepsErrors": [{"Err": "c/c_test.go:9:2: undefined: y"}]}
{"ImportPath": "m/d", "DepsErrors": [{"Err": "# m/b\nb/b.go:3:1: undefined: x"}]}
{"ImportPath": "m/e.test"}
`

func TestBuildable(t *testing.T) {
	good, bad, err := buildable([]byte(listOut))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"m/a"}; !slices.Equal(good, want) {
		t.Errorf("good = %q, want %q", good, want)
	}
	want := []string{
		"m/b: b/b.go:3:1: undefined: x",
		"m/c: c/c_test.go:9:2: undefined: y",
		"m/d: b/b.go:3:1: undefined: x",
	}
	if !slices.Equal(bad, want) {
		t.Errorf("bad = %q, want %q", bad, want)
	}
}

func TestDirPatterns(t *testing.T) {
	res := &moduleResult{Module: module{Path: "example.com/m"}, Patterns: []string{"example.com/m", "example.com/m/x/y", "./..."}}
	if got, want := dirPatterns(res), []string{".", "./x/y", "./..."}; !slices.Equal(got, want) {
		t.Errorf("dirPatterns = %q, want %q", got, want)
	}
}
