package analyzer_test

import (
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestStageOrder checks the layering that docs/developing.md draws: the
// pipeline table there places every non-test file of the package in a
// stage, and a file may use what its own stage and earlier stages
// declare, never a later stage's. The pipeline row ("–": New and run)
// may name everything.
func TestStageOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the package from source")
	}
	stages := docStages(t)
	pkgs, err := packages.Load(&packages.Config{
		Mode:  packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Tests: false,
	}, ".")
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) != 1 || len(pkgs[0].Errors) > 0 {
		t.Fatalf("loading the analyzer: %v", pkgs)
	}
	pkg := pkgs[0]
	stageOf := func(pos token.Pos) (string, int) {
		name := filepath.Base(pkg.Fset.File(pos).Name())
		s, ok := stages[name]
		if !ok {
			t.Fatalf("docs/developing.md's pipeline table does not place %s", name)
		}
		return name, s
	}
	for _, f := range pkg.Syntax {
		stageOf(f.FileStart)
	}
	var bad []string
	for id, obj := range pkg.TypesInfo.Uses {
		if obj.Pkg() != pkg.Types || !obj.Pos().IsValid() {
			continue
		}
		from, fs := stageOf(id.Pos())
		to, ts := stageOf(obj.Pos())
		if fs >= 0 && ts > fs {
			bad = append(bad, pkg.Fset.Position(id.Pos()).String()+": "+from+" (stage "+itoa(fs)+") uses "+obj.Name()+" of "+to+" (stage "+itoa(ts)+")")
		}
	}
	slices.Sort(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// docStages returns the stage of each file that docs/developing.md's
// pipeline table lists: its row number, or -1 for the pipeline row
// ("–"), which may use every stage.
func docStages(t *testing.T) map[string]int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "docs", "developing.md"))
	if err != nil {
		t.Fatal(err)
	}
	stages := map[string]int{}
	in := false
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "| # | stage | files |") {
			in = true
			continue
		}
		if !in {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			break
		}
		cells := strings.Split(line, "|")
		if len(cells) < 4 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		num := strings.TrimSpace(cells[1])
		stage := -1
		if num != "–" {
			if len(num) != 1 || num[0] < '0' || num[0] > '9' {
				t.Fatalf("pipeline table: row %q is not numbered", num)
			}
			stage = int(num[0] - '0')
		}
		for f := range strings.SplitSeq(cells[3], ",") {
			f = strings.Trim(strings.TrimSpace(f), "`")
			if _, dup := stages[f]; dup {
				t.Fatalf("pipeline table: %s is in two rows", f)
			}
			stages[f] = stage
		}
	}
	if len(stages) < 10 {
		t.Fatalf("pipeline table: found %d files, want the whole package", len(stages))
	}
	return stages
}

// itoa formats a stage number.
func itoa(n int) string {
	if n < 0 {
		return "–"
	}
	return string(rune('0' + n))
}
