package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
)

// Messages of the reports on testdata/e2e-facts, where package b shares
// package a's state between goroutines and package main calls into b.
const (
	factsMuMessage = "a.Mu guards a.Counts, shared by callers of exported functions, " +
		"goroutine started in Start and 1 more; give it one owner goroutine reached over a channel"
	factsNmuMessage = "a.nmu guards a.names, shared by callers of exported functions and " +
		"goroutine started in Start; give it one owner goroutine reached over a channel"
	factsRawMessage     = "a.Counts written without holding a.Mu; goroutine started in Record also accesses it"
	factsMainRawMessage = "a.Counts written without holding a.Mu; goroutine started in main also accesses it"
	// cmd/far imports c, not a: under go vet it knows package a only
	// from c's facts, and must still name a's globals as "a.…".
	factsFarMessage = "a.Mu guards a.Counts, shared by main and goroutine started in main; " +
		"give it one owner goroutine reached over a channel"
)

// vetFindings is go vet's exit code when the vettool reports
// (docs/integrations.md).
const vetFindings = 1

// Labels of the two runs in failure messages.
const (
	standaloneLabel = "chanown ./..."
	vetLabel        = "go vet -vettool=chanown ./..."
)

// A factsDiag is a primary diagnostic of the standalone driver: its
// category and "file:line:col: message".
type factsDiag struct{ category, line string }

// diagLine matches a diagnostic line of either driver: "file:line:col: message".
var diagLine = regexp.MustCompile(`^(.+?\.go):(\d+):(\d+): (.*)$`)

// categoryPrefix matches the "[category] " the standalone driver prints
// before each message.
var categoryPrefix = regexp.MustCompile(`^\[([a-z]+)\] `)

// TestFactsEndToEnd builds the chanown binary and runs it, standalone and
// under go vet, on testdata/e2e-facts, whose reports all depend on facts
// exported for another package: a keeps the state, b starts the
// goroutines that share it (through a's spawner wrapper and go
// statements, holding a's lock through its helpers or not), and main
// starts a goroutine that calls into b. The primary diagnostics (not the
// related lines) must be the expected ones, and the same under both
// drivers.
func TestFactsEndToEnd(t *testing.T) {
	goTool, bin := buildChanown(t)
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "e2e-facts"))
	if err != nil {
		t.Fatal(err)
	}

	// The standalone driver's reports, with their categories. Every one
	// is about package a's globals, reported in b and main.
	want := []factsDiag{
		// a.Mu is shared by b's callers and the goroutines b starts:
		// reported once, in b, at the first goroutine.
		{analyzer.CategoryShared, posOf(t, dir, "b/b.go", "a.Go|(func() {") + ": " + factsMuMessage},
		// a.nmu guards the unexported a.names, written through a.Name.
		{analyzer.CategoryShared, posOf(t, dir, "b/b.go", "a.Go|(func() {") + ": " + factsNmuMessage},
		// b writes a.Counts without a.Mu, which a.Add takes.
		{analyzer.CategoryUnguarded, posOf(t, dir, "b/b.go", `|a.Counts["raw"] = 1`) + ": " + factsRawMessage},
		// main's goroutine calls b.Start, whose fact says it writes
		// a.Counts without a.Mu and that b reports it: one report per
		// fix, in b, not again at the call in main.
		{analyzer.CategoryUnguarded, posOf(t, dir, "cmd/app/main.go", `|a.Counts["main"]++`) + ": " + factsMainRawMessage},
		// c uses a.Counts under a.Mu and starts nothing; cmd/far's
		// goroutines share it through c.
		{analyzer.CategoryShared, posOf(t, dir, "cmd/far/main.go", "|go func() {") + ": " + factsFarMessage},
	}
	byLine := func(x, y factsDiag) int { return strings.Compare(x.line, y.line) }
	slices.SortFunc(want, byLine)

	standalone := command(t, dir, bin, "./...")
	standalone.wantExit(t, exitFindings)
	standalone.wantNoPanic(t)
	if standalone.stdout != "" {
		t.Errorf("%s wrote to stdout in text mode: %q", standaloneLabel, standalone.stdout)
	}
	vet := command(t, dir, goTool, "vet", "-vettool="+bin, "./...")
	vet.wantExit(t, vetFindings)
	vet.wantNoPanic(t)

	var got []factsDiag
	for _, d := range primaryDiagnostics(t, dir, standaloneLabel, standalone.stderr, true) {
		category, line, _ := strings.Cut(d, " ")
		got = append(got, factsDiag{category, line})
	}
	slices.SortFunc(got, byLine)
	if !slices.Equal(got, want) {
		t.Errorf("%s: primary diagnostics\n%s\nwant\n%s", standaloneLabel, formatDiags(got), formatDiags(want))
	}

	var stdLines []string
	for _, d := range got {
		stdLines = append(stdLines, d.line)
	}
	vetLines := primaryDiagnostics(t, dir, vetLabel, vet.stderr, false)
	if len(stdLines) == 0 || len(vetLines) == 0 {
		t.Fatalf("no primary diagnostics: %s printed %d, %s printed %d\n%s:\n%s\n%s:\n%s",
			standaloneLabel, len(stdLines), vetLabel, len(vetLines),
			standaloneLabel, standalone.stderr, vetLabel, vet.stderr)
	}
	// Both drivers print the same primary diagnostics. Under go vet,
	// package a's types come from export data, which has no a.names or
	// a.nmu: the analyzer must take what it needs of them from facts.
	if !slices.Equal(vetLines, stdLines) {
		t.Errorf("the drivers disagree\nonly %s:\n%s\nonly %s:\n%s\n%s:\n%s\n%s:\n%s",
			standaloneLabel, indentLines(difference(stdLines, vetLines)),
			vetLabel, indentLines(difference(vetLines, stdLines)),
			standaloneLabel, indentLines(stdLines), vetLabel, indentLines(vetLines))
	}

	// Only the command: a and b are now dependencies, which go vet runs
	// the vettool on with VetxOnly and the standalone driver does not
	// print, so chanown analyses them only for their facts
	// (analyzer.WithDependencies). main's reports need those facts and
	// must not change.
	var wantApp []string
	for _, l := range stdLines {
		if strings.HasPrefix(l, "cmd/app/") {
			wantApp = append(wantApp, l)
		}
	}
	if len(wantApp) == 0 {
		t.Fatalf("no report in cmd/app among\n%s", indentLines(stdLines))
	}
	appStandalone := command(t, dir, bin, "./cmd/app")
	appStandalone.wantExit(t, exitFindings)
	var appStd []string
	for _, d := range primaryDiagnostics(t, dir, standaloneLabel, appStandalone.stderr, true) {
		_, line, _ := strings.Cut(d, " ")
		appStd = append(appStd, line)
	}
	// go vet caches a package's vet output without regard to VetxOnly
	// (b's reports from the ./... run would be replayed): a copy of the
	// binary with other bytes has another tool ID, so nothing is shared.
	appVet := command(t, dir, goTool, "vet", "-vettool="+otherID(t, bin), "./cmd/app")
	appVet.wantExit(t, vetFindings)
	for label, got := range map[string][]string{
		"chanown ./cmd/app":                 appStd,
		"go vet -vettool=chanown ./cmd/app": primaryDiagnostics(t, dir, vetLabel, appVet.stderr, false),
	} {
		if !slices.Equal(got, wantApp) {
			t.Errorf("%s: primary diagnostics\n%s\nwant those of ./... in cmd/app\n%s", label, indentLines(got), indentLines(wantApp))
		}
	}
}

// primaryDiagnostics returns the sorted primary diagnostics in a driver's
// stderr as "file:line:col: message", the file relative to dir and
// slash-separated, without the related lines: the standalone driver
// indents those with a tab, go vet prints them as "file:line:col: \tmessage".
// With category, each is prefixed with its category and a space: the
// standalone driver prints "[category] " before the message; go vet does
// not print categories. Lines that are none of these (go vet's "# pkg"
// headers aside) are errors.
func primaryDiagnostics(t *testing.T, dir, label, stderr string, category bool) []string {
	t.Helper()
	var out []string
	for line := range strings.SplitSeq(stderr, "\n") {
		if line == "" || strings.HasPrefix(line, "\t") || !category && strings.HasPrefix(line, "# ") {
			continue
		}
		m := diagLine.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("%s: unexpected line on stderr: %q", label, line)
			continue
		}
		file, msg := relativeFile(dir, m[1]), m[4]
		if strings.HasPrefix(msg, "\t") {
			continue // go vet's related line
		}
		d := fmt.Sprintf("%s:%s:%s: %s", file, m[2], m[3], msg)
		if category {
			c := categoryPrefix.FindStringSubmatch(msg)
			if c == nil {
				t.Errorf("%s: diagnostic without a [category]: %q", label, line)
				continue
			}
			d = c[1] + " " + fmt.Sprintf("%s:%s:%s: %s", file, m[2], m[3], msg[len(c[0]):])
		} else if categoryPrefix.MatchString(msg) {
			t.Errorf("%s: diagnostic with a [category]: %q", label, line)
		}
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// relativeFile returns file, as a driver printed it (relative to dir, with
// or without "./", or absolute), relative to dir and slash-separated.
func relativeFile(dir, file string) string {
	file = filepath.FromSlash(file)
	if filepath.IsAbs(file) {
		for _, d := range []string{dir, evalSymlinks(dir)} {
			if rel, err := filepath.Rel(d, file); err == nil && !strings.HasPrefix(rel, "..") {
				file = rel
				break
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(file))
}

// evalSymlinks returns dir with symbolic links resolved, or dir.
func evalSymlinks(dir string) string {
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		return d
	}
	return dir
}

// posOf returns "file:line:col" of the cursor "|" in mark, whose text
// without the cursor occurs exactly once in file (slash-separated,
// relative to dir). Columns count bytes, as go/token does.
func posOf(t *testing.T, dir, file, mark string) string {
	t.Helper()
	before, after, ok := strings.Cut(mark, "|")
	if !ok {
		t.Fatalf("posOf: mark %q has no cursor", mark)
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	if n := strings.Count(src, before+after); n != 1 {
		t.Fatalf("%s: %q occurs %d times, want once", file, before+after, n)
	}
	i := strings.Index(src, before+after) + len(before)
	line := 1 + strings.Count(src[:i], "\n")
	col := i - strings.LastIndexByte(src[:i], '\n')
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}

// formatDiags formats categorised diagnostics one a line, indented.
func formatDiags(ds []factsDiag) string {
	var lines []string
	for _, d := range ds {
		lines = append(lines, "["+d.category+"] "+d.line)
	}
	return indentLines(lines)
}

// indentLines joins lines, each indented with a tab, or says there are none.
func indentLines(lines []string) string {
	if len(lines) == 0 {
		return "\t(none)"
	}
	return "\t" + strings.Join(lines, "\n\t")
}

// difference returns the lines of a that are not in b, counting
// duplicates: both are sorted.
func difference(a, b []string) []string {
	var out []string
	i := 0
	for _, l := range a {
		for i < len(b) && b[i] < l {
			i++
		}
		if i < len(b) && b[i] == l {
			i++
			continue
		}
		out = append(out, l)
	}
	return out
}

// otherID returns a copy of the binary bin with a byte appended: go vet
// keys its cache on the tool's ID, which hashes the file.
func otherID(t *testing.T, bin string) string {
	t.Helper()
	data, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), filepath.Base(bin))
	if err := os.WriteFile(cp, append(data, 0), 0o755); err != nil {
		t.Fatal(err)
	}
	return cp
}
