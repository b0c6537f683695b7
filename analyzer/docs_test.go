package analyzer_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
	"golang.org/x/tools/go/analysis"
)

// readDocs returns the text of docs/chanown.md.
func readDocs(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "docs", "chanown.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestDocsCategories checks that docs/chanown.md has a "## <category>"
// section for every diagnostic category, since drivers link to
// URL#<category>.
func TestDocsCategories(t *testing.T) {
	docs := readDocs(t)
	for _, cat := range analyzer.Categories {
		heading := regexp.MustCompile(`(?m)^## ` + regexp.QuoteMeta(cat) + `\s*$`)
		if !heading.MatchString(docs) {
			t.Errorf("docs/chanown.md has no %q heading for category %s", "## "+cat, cat)
		}
	}
}

// TestDocsFlags checks that docs/chanown.md documents every analyzer
// flag, as -name in the text and as a row of the flags table whose
// default matches the code: hand-written flag docs drift otherwise.
func TestDocsFlags(t *testing.T) {
	docs := readDocs(t)
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		if !strings.Contains(docs, "-"+f.Name) {
			t.Errorf("docs/chanown.md never mentions flag -%s", f.Name)
		}
		row := regexp.MustCompile("(?m)^\\| *`-?" + regexp.QuoteMeta(f.Name) + "` *\\|([^|]*)\\|")
		m := row.FindStringSubmatch(docs)
		if m == nil {
			t.Errorf("docs/chanown.md flags table has no row for %s", f.Name)
			return
		}
		if def := strings.TrimSpace(m[1]); f.DefValue != "" && !strings.Contains(def, "`"+f.DefValue+"`") {
			t.Errorf("docs/chanown.md gives flag %s the default %s, the code has %q", f.Name, def, f.DefValue)
		}
	})
}

// TestValidate checks the Analyzer's static well-formedness.
func TestValidate(t *testing.T) {
	if err := analysis.Validate([]*analysis.Analyzer{analyzer.Analyzer}); err != nil {
		t.Fatal(err)
	}
}

// TestFlagsNotShared checks that analyzers made by New have their own
// flag state: setting a flag of one changes neither another one nor the
// package-level Analyzer.
func TestFlagsNotShared(t *testing.T) {
	a := analyzer.New(analyzer.Config{})
	b := analyzer.New(analyzer.Config{})
	for name, value := range map[string]string{
		analyzer.ExportedFlag:   "true",
		analyzer.SpawnersFlag:   "example.com/pool.Submit:0",
		analyzer.SelfSyncFlag:   "example.com/pool.Pool",
		analyzer.CategoriesFlag: "shared",
	} {
		if err := a.Flags.Set(name, value); err != nil {
			t.Fatalf("Set(%s, %q): %v", name, value, err)
		}
		if got := a.Flags.Lookup(name).Value.String(); got != value {
			t.Errorf("after Set(%s, %q), a's flag is %q", name, value, got)
		}
		for _, other := range []*analysis.Analyzer{b, analyzer.Analyzer} {
			f := other.Flags.Lookup(name)
			if got := f.Value.String(); got != f.DefValue {
				t.Errorf("setting %s on one analyzer changed another: %q, want the default %q", name, got, f.DefValue)
			}
		}
	}
}

// TestFlagsInvalid checks that invalid flag values are rejected when set.
func TestFlagsInvalid(t *testing.T) {
	a := analyzer.New(analyzer.Config{})
	for name, value := range map[string]string{
		analyzer.SpawnersFlag:   "nonsense",
		analyzer.SelfSyncFlag:   "NoPackage",
		analyzer.CategoriesFlag: "shared,nosuch",
	} {
		if err := a.Flags.Set(name, value); err == nil {
			t.Errorf("Set(%s, %q) succeeded, want an error", name, value)
		}
	}
}

// TestParseSpawner checks the spawners syntax of DESIGN §5: the package
// path is everything before the last dot outside parentheses, and N
// counts parameters from 0, receiver excluded.
func TestParseSpawner(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want analyzer.Spawner
	}{
		{"time.AfterFunc:1", analyzer.Spawner{Pkg: "time", Name: "AfterFunc", ArgIndex: 1}},
		{"example.com/pool.Submit:0", analyzer.Spawner{Pkg: "example.com/pool", Name: "Submit"}},
		{"gopkg.in/pool.v2.Go:3", analyzer.Spawner{Pkg: "gopkg.in/pool.v2", Name: "Go", ArgIndex: 3}},
		{"(golang.org/x/sync/errgroup.Group).Go:0",
			analyzer.Spawner{Pkg: "golang.org/x/sync/errgroup", Recv: "Group", Name: "Go"}},
		{"(*golang.org/x/sync/errgroup.Group).TryGo:0",
			analyzer.Spawner{Pkg: "golang.org/x/sync/errgroup", Recv: "Group", Name: "TryGo"}},
		{"(*gopkg.in/pool.v2.Pool).Submit:12",
			analyzer.Spawner{Pkg: "gopkg.in/pool.v2", Recv: "Pool", Name: "Submit", ArgIndex: 12}},
	} {
		got, err := analyzer.ParseSpawner(tc.in)
		if err != nil {
			t.Errorf("ParseSpawner(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseSpawner(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
		// String gives the flag syntax back.
		if again, err := analyzer.ParseSpawner(got.String()); err != nil || again != got {
			t.Errorf("ParseSpawner(%q) = %+v, %v; want %+v", got.String(), again, err, got)
		}
	}

	for _, in := range []string{
		"",
		"nonsense",
		"Func:0",                // no package path
		".Func:0",               // empty package path
		"pkg.:0",                // no function name
		"pkg.Func",              // no argument index
		"pkg.Func:",             // empty argument index
		"pkg.Func:x",            // not a number
		"pkg.Func:-1",           // negative
		"pkg.Func:0:1",          // two indexes
		"pkg/path/.Func:0",      // package path ends in a slash
		"pkg path.Func:0",       // space in the package path
		"pkg.1Func:0",           // not an identifier
		"(pkg.T.M:0",            // unbalanced parenthesis
		"(pkg.T):0",             // no method
		"(pkg.T).:0",            // empty method name
		"(pkg.T)M:0",            // no dot before the method
		"(T).M:0",               // receiver without a package path
		"(*).M:0",               // empty receiver
		"(pkg.T).M.N:0",         // method name is not an identifier
		"(pkg.T).M:-2",          // negative
		"(example.com/p.T).M:z", // not a number
	} {
		sp, err := analyzer.ParseSpawner(in)
		if err == nil {
			t.Errorf("ParseSpawner(%q) = %+v, want an error", in, sp)
			continue
		}
		if !strings.Contains(err.Error(), "invalid spawner") {
			t.Errorf("ParseSpawner(%q) error %q does not say %q", in, err, "invalid spawner")
		}
	}
}

// TestCategoriesUnique checks that the category list has no duplicates,
// so that docs sections and URL fragments are unambiguous.
func TestCategoriesUnique(t *testing.T) {
	cats := slices.Clone(analyzer.Categories)
	slices.Sort(cats)
	if len(slices.Compact(cats)) != len(analyzer.Categories) {
		t.Errorf("duplicate categories in %q", analyzer.Categories)
	}
}

// TestRacesPreset checks that the categories flag accepts the preset
// races alone and combined with categories, and that the race tier is
// every category but shared.
func TestRacesPreset(t *testing.T) {
	for _, value := range []string{"races", "shared,races"} {
		if err := analyzer.New(analyzer.Config{}).Flags.Set(analyzer.CategoriesFlag, value); err != nil {
			t.Errorf("Set(categories, %q): %v", value, err)
		}
	}
	if err := (analyzer.Config{Categories: []string{analyzer.PresetRaces}}).Validate(); err != nil {
		t.Errorf("Validate with the races preset: %v", err)
	}
	var want []string
	for _, cat := range analyzer.Categories {
		if !analyzer.IsAdvice(cat) {
			want = append(want, cat)
		}
	}
	if got := analyzer.Presets[analyzer.PresetRaces]; !slices.Equal(got, want) {
		t.Errorf("races preset = %q, want every category but the advice: %q", got, want)
	}
	if !analyzer.IsAdvice(analyzer.CategoryShared) {
		t.Error("shared is not advice")
	}
}

// designCitation matches a citation of docs/design.md in text whose
// comment lines have been joined: DESIGN, then one or more §N, joined by
// ",", ";" or "and", each followed by any quoted heading titles
// (DESIGN §5 "Cost", DESIGN §4 and §5 "Modules", DESIGN §2, §5
// "Messages", "Read-mostly groups").
var designCitation = regexp.MustCompile(`DESIGN((?:(?:,|;|\s+and)?\s*§\d+(?:\s+"[^"\n]*"(?:(?:,|\s+and)\s*"[^"\n]*")*)?)+)`)

// designRef matches one §N and its titles inside a citation.
var designRef = regexp.MustCompile(`§(\d+)((?:\s+"[^"\n]*"(?:(?:,|\s+and)\s*"[^"\n]*")*)?)`)

// designTitle matches one quoted title.
var designTitle = regexp.MustCompile(`"([^"\n]*)"`)

// designHeadings returns the headings of docs/design.md by section
// number: "## N. Title" opens section N, and every deeper heading inside
// it is one of its titles, also without a trailing parenthesis
// ("shared (D1)" is also "shared").
func designHeadings(t *testing.T, text string) map[string]map[string]bool {
	t.Helper()
	section := regexp.MustCompile(`^## (\d+)\. \S`)
	sub := regexp.MustCompile(`^###+ (.+?)\s*$`)
	headings := map[string]map[string]bool{}
	current := ""
	for line := range strings.Lines(text) {
		if m := section.FindStringSubmatch(line); m != nil {
			current = m[1]
			headings[current] = map[string]bool{}
		} else if strings.HasPrefix(line, "## ") {
			current = ""
		} else if m := sub.FindStringSubmatch(line); m != nil && current != "" {
			headings[current][m[1]] = true
			if i := strings.Index(m[1], " ("); i > 0 {
				headings[current][m[1][:i]] = true
			}
		}
	}
	if len(headings) < 6 {
		t.Fatalf("docs/design.md has %d numbered sections, want §1 to §6", len(headings))
	}
	return headings
}

// joinComments returns text with each line break, and the indentation
// and comment markers (//, #) that follow it, replaced by one space, so
// that a citation broken over comment lines reads as one; and the line
// of text where each byte of the result comes from.
func joinComments(text string) (string, []int) {
	var b strings.Builder
	var lines []int
	n := 0
	for line := range strings.Lines(text) {
		n++
		line = strings.TrimRight(line, "\r\n")
		if n > 1 {
			line = strings.TrimLeft(line, " \t")
			for _, marker := range []string{"//", "#"} {
				line = strings.TrimLeft(strings.TrimPrefix(line, marker), " \t")
			}
			b.WriteByte(' ')
			lines = append(lines, n)
		}
		b.WriteString(line)
		for range len(line) {
			lines = append(lines, n)
		}
	}
	return b.String(), lines
}

// TestDesignCitations checks that every citation of the design contract
// in the repository, "DESIGN §N" or "DESIGN §N "Title"", in Go files,
// markdown and scripts, names a numbered section of docs/design.md and,
// if it quotes a title, a heading inside that section.
func TestDesignCitations(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "design.md"))
	if err != nil {
		t.Fatal(err)
	}
	headings := designHeadings(t, string(data))
	citations := 0
	err = filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".md", ".sh", ".yml", ".yaml":
		default:
			if filepath.Base(path) != "run" {
				return nil
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.Contains(string(data), "DESIGN") {
			return nil
		}
		text, lines := joinComments(string(data))
		for _, m := range designCitation.FindAllStringSubmatchIndex(text, -1) {
			citations++
			where := fmt.Sprintf("%s:%d", filepath.ToSlash(path[len("../"):]), lines[m[0]])
			for _, ref := range designRef.FindAllStringSubmatch(text[m[2]:m[3]], -1) {
				titles, ok := headings[ref[1]]
				if !ok {
					t.Errorf("%s: DESIGN §%s: docs/design.md has no section %s", where, ref[1], ref[1])
					continue
				}
				for _, title := range designTitle.FindAllStringSubmatch(ref[2], -1) {
					if !titles[title[1]] {
						t.Errorf("%s: DESIGN §%s %q: section %s of docs/design.md has no heading %q", where, ref[1], title[1], ref[1], title[1])
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if citations < 50 {
		t.Errorf("found %d citations of DESIGN §, want the 100 or so the code has: is the pattern broken?", citations)
	}
}
