package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/token"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
)

// sarifRequired is the written list of properties that every SARIF log
// chanown writes must have (SARIF 2.1.0, plus what GitHub code scanning
// uses). A path names one property per level; "[]" after a name means
// every element of that array, which must not be empty.
var sarifRequired = []string{
	"$schema",
	"version",
	"runs[].tool.driver.name",
	"runs[].tool.driver.informationUri",
	"runs[].tool.driver.rules[].id",
	"runs[].tool.driver.rules[].shortDescription.text",
	"runs[].tool.driver.rules[].helpUri",
	"runs[].tool.driver.rules[].defaultConfiguration.level",
	"runs[].originalUriBaseIds.%SRCROOT%.uri",
	"runs[].columnKind",
	"runs[].invocations[].executionSuccessful",
	"runs[].invocations[].exitCode",
	"runs[].results",
}

// sarifResultRequired lists the properties every result must have,
// sarifRelatedRequired those of every related location, and
// sarifPhysicalRequired those of every related location with a position.
var (
	sarifResultRequired = []string{
		"ruleId",
		"ruleIndex",
		"level",
		"message.text",
		"locations[].physicalLocation.artifactLocation.uri",
		"locations[].physicalLocation.region.startLine",
		"locations[].physicalLocation.region.startColumn",
		"partialFingerprints." + fingerprintKey,
	}
	sarifRelatedRequired = []string{
		"id",
		"message.text",
	}
	sarifPhysicalRequired = []string{
		"physicalLocation.artifactLocation.uri",
		"physicalLocation.region.startLine",
	}
	sarifNotificationRequired = []string{
		"level",
		"message.text",
	}
)

// lookup checks that the property at path exists in v (decoded JSON).
func lookup(v any, path string) error {
	if path == "" {
		return nil
	}
	name, rest, _ := strings.Cut(path, ".")
	name, all := strings.CutSuffix(name, "[]")
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: parent is not an object", name)
	}
	child, ok := obj[name]
	if !ok || child == nil {
		return fmt.Errorf("%s: missing", name)
	}
	if !all {
		if err := lookup(child, rest); err != nil {
			return fmt.Errorf("%s.%v", name, err)
		}
		return nil
	}
	arr, ok := child.([]any)
	if !ok || len(arr) == 0 {
		return fmt.Errorf("%s: not a non-empty array", name)
	}
	for i, elem := range arr {
		if err := lookup(elem, rest); err != nil {
			return fmt.Errorf("%s[%d].%v", name, i, err)
		}
	}
	return nil
}

// checkSARIF checks a SARIF log written by chanown against the required
// properties and the values they must have, and returns its only run.
// wantErrors says whether the run must report errors.
func checkSARIF(t *testing.T, data []byte, wantErrors bool) map[string]any {
	t.Helper()
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	for _, path := range sarifRequired {
		if err := lookup(log, path); err != nil {
			t.Errorf("SARIF lacks %s: %v", path, err)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	if log["version"] != "2.1.0" {
		t.Errorf("version %v, want 2.1.0", log["version"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	run := runs[0].(map[string]any)

	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	var ruleIDs []string
	for _, r := range driver["rules"].([]any) {
		rule := r.(map[string]any)
		id := rule["id"].(string)
		ruleIDs = append(ruleIDs, id)
		help, err := url.Parse(rule["helpUri"].(string))
		if err != nil || !help.IsAbs() || help.Scheme != "https" || help.String() != analyzer.URL+"#"+id {
			t.Errorf("rule %s: helpUri %v, want the absolute %s#%s", id, rule["helpUri"], analyzer.URL, id)
		}
	}
	for _, cat := range analyzer.Categories {
		if !slices.Contains(ruleIDs, cat) {
			t.Errorf("no rule for category %s (rules %v)", cat, ruleIDs)
		}
	}

	base := run["originalUriBaseIds"].(map[string]any)[srcRoot].(map[string]any)["uri"].(string)
	if u, err := url.Parse(base); err != nil || u.Scheme != "file" || !strings.HasSuffix(base, "/") {
		t.Errorf("%s is %q, want a file: URI ending in /", srcRoot, base)
	}

	inv := run["invocations"].([]any)[0].(map[string]any)
	notes, _ := inv["toolExecutionNotifications"].([]any)
	if wantErrors != (len(notes) > 0) || inv["executionSuccessful"] != !wantErrors {
		t.Errorf("invocation: executionSuccessful %v with %d notifications; want errors: %v", inv["executionSuccessful"], len(notes), wantErrors)
	}
	for i, n := range notes {
		for _, path := range sarifNotificationRequired {
			if err := lookup(n, path); err != nil {
				t.Errorf("notification %d lacks %s: %v", i, path, err)
			}
		}
	}

	fingerprints := map[string]bool{}
	for i, r := range run["results"].([]any) {
		res := r.(map[string]any)
		for _, path := range sarifResultRequired {
			if err := lookup(res, path); err != nil {
				t.Errorf("result %d lacks %s: %v", i, path, err)
			}
		}
		if t.Failed() {
			continue
		}
		idx := int(res["ruleIndex"].(float64))
		if idx < 0 || idx >= len(ruleIDs) || ruleIDs[idx] != res["ruleId"] {
			t.Errorf("result %d: ruleIndex %d does not point at rule %v", i, idx, res["ruleId"])
		}
		checkRelativeURI(t, res["locations"].([]any)[0].(map[string]any))
		fp := res["partialFingerprints"].(map[string]any)[fingerprintKey].(string)
		if fingerprints[fp] {
			t.Errorf("result %d: fingerprint %s is not unique", i, fp)
		}
		fingerprints[fp] = true
		related, _ := res["relatedLocations"].([]any)
		for j, rel := range related {
			required := sarifRelatedRequired
			if rel.(map[string]any)["physicalLocation"] != nil {
				required = append(slices.Clip(required), sarifPhysicalRequired...)
			}
			for _, path := range required {
				if err := lookup(rel, path); err != nil {
					t.Errorf("result %d, related location %d lacks %s: %v", i, j, path, err)
				}
			}
			if !t.Failed() && rel.(map[string]any)["physicalLocation"] != nil {
				checkRelativeURI(t, rel.(map[string]any))
			}
		}
	}
	return run
}

// checkRelativeURI checks that a location under %SRCROOT% has a
// relative URI.
func checkRelativeURI(t *testing.T, loc map[string]any) {
	t.Helper()
	art := loc["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)
	uri := art["uri"].(string)
	if art["uriBaseId"] != srcRoot {
		return
	}
	u, err := url.Parse(uri)
	if err != nil || u.IsAbs() || strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "..") {
		t.Errorf("URI %q under %s is not relative", uri, srcRoot)
	}
}

// TestSARIFRules checks that every category has a rule description.
func TestSARIFRules(t *testing.T) {
	for _, cat := range analyzer.Categories {
		if categorySummaries[cat] == "" {
			t.Errorf("category %s has no SARIF rule description in categorySummaries", cat)
		}
	}
	for cat := range categorySummaries {
		if !slices.Contains(analyzer.Categories, cat) {
			t.Errorf("categorySummaries describes %s, which is not a category", cat)
		}
	}
}

// TestSARIFLevels checks the levels of DESIGN §5 "Severity": shared is
// design advice, a note, in its rule and in every result; the race tier
// and directive are warnings.
func TestSARIFLevels(t *testing.T) {
	var findings []finding
	for i, cat := range analyzer.Categories {
		findings = append(findings, finding{posn: token.Position{Filename: "/x.go", Line: i + 1, Column: 1}, category: cat, message: cat})
	}
	var buf bytes.Buffer
	if err := writeSARIF(&buf, sarifInput{findings: findings, exitCode: exitFindings}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string
						DefaultConfiguration struct{ Level string }
					}
				}
			}
			Results []struct {
				RuleID string
				Level  string
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	want := func(cat string) string {
		if cat == analyzer.CategoryShared {
			return "note"
		}
		return "warning"
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != len(analyzer.Categories) || len(run.Results) != len(analyzer.Categories) {
		t.Fatalf("%d rules and %d results, want %d of each", len(run.Tool.Driver.Rules), len(run.Results), len(analyzer.Categories))
	}
	for _, r := range run.Tool.Driver.Rules {
		if got := r.DefaultConfiguration.Level; got != want(r.ID) {
			t.Errorf("rule %s: default level %q, want %q", r.ID, got, want(r.ID))
		}
	}
	for _, r := range run.Results {
		if r.Level != want(r.RuleID) {
			t.Errorf("result of %s: level %q, want %q", r.RuleID, r.Level, want(r.RuleID))
		}
	}
}

// TestWriteSARIF writes findings in and out of the source root, with
// errors and without, and checks the log.
func TestWriteSARIF(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "dir with space", "é.go")
	if err := os.MkdirAll(filepath.Dir(file), 0o777); err != nil {
		t.Fatal(err)
	}
	// "é" is 2 bytes and 1 UTF-16 unit; "𝄞" is 4 bytes and 2 units.
	src := "package p\n\nvar é, 𝄞, mu int\n"
	if err := os.WriteFile(file, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	at := func(line, col int) token.Position { return token.Position{Filename: file, Line: line, Column: col} }
	findings := []finding{
		{posn: at(3, 14), end: at(3, 16), category: analyzer.CategoryShared, message: "mu guards x",
			related: []relatedInfo{{at(3, 5), "x written here"}, {token.Position{}, "no position"}}},
		{posn: at(3, 5), category: analyzer.CategoryUnguarded, message: "same"},
		{posn: at(3, 9), category: analyzer.CategoryUnguarded, message: "same"},
		{posn: token.Position{Filename: "/elsewhere/x.go", Line: 1, Column: 1}, category: analyzer.CategoryEscape, message: "outside"},
	}

	var buf bytes.Buffer
	if err := writeSARIF(&buf, sarifInput{root: root, findings: findings, exitCode: exitFindings}); err != nil {
		t.Fatal(err)
	}
	run := checkSARIF(t, buf.Bytes(), false)
	results := run["results"].([]any)
	if len(results) != len(findings) {
		t.Fatalf("%d results, want %d", len(results), len(findings))
	}
	physical := func(i int) map[string]any {
		return results[i].(map[string]any)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
	}
	if got := physical(0)["artifactLocation"].(map[string]any); got["uri"] != "dir%20with%20space/%C3%A9.go" || got["uriBaseId"] != srcRoot {
		t.Errorf("location %v, want the escaped relative path based on %s", got, srcRoot)
	}
	region := physical(0)["region"].(map[string]any)
	if region["startColumn"] != 11.0 || region["endColumn"] != 13.0 || region["startLine"] != 3.0 {
		t.Errorf("region %v, want line 3, UTF-16 columns 11 to 13", region)
	}
	if got := physical(3)["artifactLocation"].(map[string]any); got["uri"] != "file:///elsewhere/x.go" || got["uriBaseId"] != nil {
		t.Errorf("a file outside the root has location %v, want an absolute file URI", got)
	}
	if inv := run["invocations"].([]any)[0].(map[string]any); inv["exitCode"] != float64(exitFindings) {
		t.Errorf("exitCode %v, want %d", inv["exitCode"], exitFindings)
	}
	fps := map[int]string{}
	for i := range results {
		fps[i] = results[i].(map[string]any)["partialFingerprints"].(map[string]any)[fingerprintKey].(string)
	}
	h1, n1, _ := strings.Cut(fps[1], ":")
	h2, n2, _ := strings.Cut(fps[2], ":")
	if h1 != h2 || n1 != "1" || n2 != "2" {
		t.Errorf("two findings with the same rule, file and message have fingerprints %s and %s, want hash:1 and hash:2", fps[1], fps[2])
	}

	// A finding keeps its fingerprint when lines are inserted above it.
	moved := slices.Clone(findings)
	for i := range moved {
		moved[i].posn.Line += 10
	}
	buf.Reset()
	if err := writeSARIF(&buf, sarifInput{root: root, findings: moved, exitCode: exitFindings}); err != nil {
		t.Fatal(err)
	}
	movedRun := checkSARIF(t, buf.Bytes(), false)
	for i, r := range movedRun["results"].([]any) {
		if got := r.(map[string]any)["partialFingerprints"].(map[string]any)[fingerprintKey]; got != fps[i] {
			t.Errorf("result %d: fingerprint %v after a move, %v before", i, got, fps[i])
		}
	}

	// Errors go to the invocation; a clean run has results: [].
	buf.Reset()
	errs := []driverError{
		{line: "p: x.go:1:2: bad", msg: "p: bad", posn: at(1, 1)},
		{line: "nothing matched", msg: "nothing matched"},
	}
	if err := writeSARIF(&buf, sarifInput{root: root, errors: errs, exitCode: exitError}); err != nil {
		t.Fatal(err)
	}
	errRun := checkSARIF(t, buf.Bytes(), true)
	if !strings.Contains(buf.String(), `"results": []`) {
		t.Errorf("a run without findings does not have results: []:\n%s", buf.String())
	}
	notes := errRun["invocations"].([]any)[0].(map[string]any)["toolExecutionNotifications"].([]any)
	if len(notes) != 2 || notes[0].(map[string]any)["locations"] == nil || notes[1].(map[string]any)["locations"] != nil {
		t.Errorf("notifications %v, want two, the first with a location", notes)
	}
}

// TestGitHubEscape checks the escaping of workflow command messages and
// properties.
func TestGitHubEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain":         "plain",
		"100%":          "100%25",
		"a\nb\r\nc":     "a%0Ab%0D%0Ac",
		"%0A":           "%250A",
		"key: a, b":     "key: a, b",
		"::warning::no": "::warning::no",
	} {
		if got := escapeData(in); got != want {
			t.Errorf("escapeData(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"dir/a.go":         "dir/a.go",
		"C:/x,y.go":        "C%3A/x%2Cy.go",
		"chanown [shared]": "chanown [shared]",
		"50%\n":            "50%25%0A",
	} {
		if got := escapeProperty(in); got != want {
			t.Errorf("escapeProperty(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWriteGitHub checks the workflow commands for a finding with
// related positions, one outside the root, and errors.
func TestWriteGitHub(t *testing.T) {
	root := filepath.FromSlash("/repo")
	at := func(file string, line, col int) token.Position {
		return token.Position{Filename: filepath.Join(root, filepath.FromSlash(file)), Line: line, Column: col}
	}
	findings := []finding{
		{posn: at("a,b/x.go", 3, 2), category: analyzer.CategoryShared, message: "mu guards m, 100% shared",
			related: []relatedInfo{{at("a,b/x.go", 9, 4), "m written here"}}},
		{posn: token.Position{Filename: filepath.FromSlash("/elsewhere/y.go"), Line: 1, Column: 1}, category: analyzer.CategoryEscape, message: "outside"},
	}
	errs := []driverError{
		{line: "p: ./bad.go:6:13: bad", msg: "p: bad", posn: at("bad.go", 6, 13)},
		{line: "q matched no packages", msg: "q matched no packages"},
	}
	var buf bytes.Buffer
	if err := writeGitHub(&buf, root, findings, errs); err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"::error file=bad.go,line=6,col=13,title=chanown::p: bad",
		"::error title=chanown::q matched no packages",
		"::notice file=a%2Cb/x.go,line=3,col=2,title=chanown [shared]::mu guards m, 100%25 shared%0A\ta,b/x.go:9:4: m written here",
		"::warning file=" + escapeProperty(filepath.FromSlash("/elsewhere/y.go")) + ",line=1,col=1,title=chanown [escape]::outside",
		"",
	}, "\n")
	if got := buf.String(); got != want {
		t.Errorf("writeGitHub wrote\n%s\nwant\n%s", got, want)
	}
}

// TestUTF16Column checks the conversion of byte columns.
func TestUTF16Column(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.go")
	if err := os.WriteFile(file, []byte("ab\n\té𝄞x\n\xffz\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	lines := sourceLines{}
	for _, tc := range []struct{ line, col, want int }{
		{1, 1, 1},
		{1, 3, 3},
		{2, 2, 2},   // after the tab
		{2, 4, 3},   // after é (2 bytes, 1 unit)
		{2, 8, 5},   // after 𝄞 (4 bytes, 2 units)
		{3, 2, 2},   // after an invalid byte
		{2, 99, 99}, // past the end: unchanged
		{9, 5, 5},   // no such line
	} {
		if got := lines.utf16Column(file, tc.line, tc.col); got != tc.want {
			t.Errorf("utf16Column(%d, %d) = %d, want %d", tc.line, tc.col, got, tc.want)
		}
	}
	if got := lines.utf16Column(filepath.Join(t.TempDir(), "missing.go"), 1, 7); got != 7 {
		t.Errorf("utf16Column of a missing file = %d, want 7", got)
	}
}

// TestSourceRoot checks that the source root is the nearest directory
// with a go.mod, else the directory itself.
func TestSourceRoot(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "mod", "a", "b")
	if err := os.MkdirAll(sub, 0o777); err != nil {
		t.Fatal(err)
	}
	if got := sourceRoot(sub); got != sub && filepath.Dir(got) == got {
		t.Errorf("sourceRoot without go.mod = %s", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "mod", "go.mod"), []byte("module m\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if got, want := sourceRoot(sub), filepath.Join(dir, "mod"); got != want {
		t.Errorf("sourceRoot(%s) = %s, want %s", sub, got, want)
	}
	for _, tc := range []struct {
		name string
		rel  string
		ok   bool
	}{
		{filepath.Join(dir, "mod", "a", "x.go"), "a/x.go", true},
		{filepath.Join(dir, "other.go"), filepath.Join(dir, "other.go"), false},
		{"rel.go", "rel.go", false},
	} {
		rel, ok := relativeTo(filepath.Join(dir, "mod"), tc.name)
		if rel != tc.rel || ok != tc.ok {
			t.Errorf("relativeTo(%s) = %s, %v; want %s, %v", tc.name, rel, ok, tc.rel, tc.ok)
		}
	}
}

// TestParsePosition checks the parsing of go/packages error positions.
func TestParsePosition(t *testing.T) {
	for in, want := range map[string]token.Position{
		"/a/b.go:6:13":    {Filename: "/a/b.go", Line: 6, Column: 13},
		"/a/b.go:6":       {Filename: "/a/b.go", Line: 6},
		"C:\\a\\b.go:6:1": {Filename: "C:\\a\\b.go", Line: 6, Column: 1},
		"/a/go.mod":       {Filename: "/a/go.mod"},
	} {
		if got := parsePosition(in); got != want {
			t.Errorf("parsePosition(%q) = %#v, want %#v", in, got, want)
		}
	}
}

// TestResolveFormat checks how -format and -json combine.
func TestResolveFormat(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // "" for a usage error
	}{
		{nil, formatText},
		{[]string{"-json"}, formatJSON},
		{[]string{"-json=false"}, formatText},
		{[]string{"-format=sarif"}, formatSARIF},
		{[]string{"-format=github"}, formatGitHub},
		{[]string{"-format=json", "-json"}, formatJSON},
		{[]string{"-json", "-format=text"}, ""},
		{[]string{"-json=false", "-format=json"}, ""},
		{[]string{"-json=false", "-format=sarif"}, formatSARIF},
	} {
		fs, opts := newFlagSet(analyzer.New(analyzer.DefaultConfig()))
		if err := fs.Parse(tc.args); err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		got, err := outputFormat(fs, opts)
		if tc.want == "" {
			if err == nil {
				t.Errorf("%q: format %s, want a usage error", tc.args, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%q: format %q, %v; want %q", tc.args, got, err, tc.want)
		}
	}
}
