package main

import (
	"slices"
	"strings"
	"testing"
)

// tiersModule is a program with one report of each tier: shared on mu
// (design advice) and unguarded on the read of counts in main (a race).
var tiersModule = map[string]string{
	"go.mod": "module example.com/tiers\n\ngo 1.22\n",
	"main.go": `package main

import (
	"fmt"
	"sync"
)

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

func main() {
	go func() {
		mu.Lock()
		counts["a"]++
		mu.Unlock()
	}()
	mu.Lock()
	counts["b"]++
	mu.Unlock()
	fmt.Println(len(counts))
}
`,
}

// categoriesIn returns the sorted categories of the diagnostics in out.
func categoriesIn(out string) []string {
	var cats []string
	for _, m := range textDiag.FindAllStringSubmatch(out, -1) {
		cats = append(cats, m[1])
	}
	slices.Sort(cats)
	return cats
}

// TestRacesPreset checks the category preset races (DESIGN §5
// "Severity") in the standalone driver and under go vet: it keeps the
// race tier and drops shared, and the exit code follows what is left.
func TestRacesPreset(t *testing.T) {
	goTool, bin := buildChanown(t)
	dir := writeModule(t, tiersModule)

	all := command(t, dir, bin, "./...")
	all.wantExit(t, exitFindings)
	if got, want := categoriesIn(all.stderr), []string{"shared", "unguarded"}; !slices.Equal(got, want) {
		t.Fatalf("%q reported %q, want %q:\n%s", all.args, got, want, all.stderr)
	}

	races := command(t, dir, bin, "-categories=races", "./...")
	races.wantExit(t, exitFindings)
	if got, want := categoriesIn(races.stderr), []string{"unguarded"}; !slices.Equal(got, want) {
		t.Errorf("%q reported %q, want %q:\n%s", races.args, got, want, races.stderr)
	}

	// The preset may be combined with a category.
	both := command(t, dir, bin, "-categories=races,shared", "./...")
	if got, want := categoriesIn(both.stderr), []string{"shared", "unguarded"}; !slices.Equal(got, want) {
		t.Errorf("%q reported %q, want %q:\n%s", both.args, got, want, both.stderr)
	}

	vet := command(t, dir, goTool, "vet", "-vettool="+bin, "-chanown.categories=races", "./...")
	if vet.code == 0 {
		t.Errorf("%q: exit 0, want non-zero for the unguarded report", vet.args)
	}
	// go vet prints no categories: tell the reports by their messages.
	if !strings.Contains(vet.stderr, "counts read without holding mu") || strings.Contains(vet.stderr, "mu guards counts") {
		t.Errorf("%q: want the unguarded report and not the shared one:\n%s", vet.args, vet.stderr)
	}
	if all := command(t, dir, goTool, "vet", "-vettool="+bin, "./..."); !strings.Contains(all.stderr, "mu guards counts") {
		t.Errorf("%q: no shared report:\n%s", all.args, all.stderr)
	}

	// Without the race, the preset leaves nothing: exit 0.
	fixed := writeModule(t, map[string]string{
		"go.mod":  tiersModule["go.mod"],
		"main.go": strings.Replace(tiersModule["main.go"], "\tfmt.Println(len(counts))\n", "\tmu.Lock()\n\tfmt.Println(len(counts))\n\tmu.Unlock()\n", 1),
	})
	clean := command(t, fixed, bin, "-categories=races", "./...")
	clean.wantExit(t, exitOK)
	if got := command(t, fixed, bin, "./..."); !slices.Equal(categoriesIn(got.stderr), []string{"shared"}) {
		t.Errorf("%q: want only the shared report on the fixed program:\n%s", got.args, got.stderr)
	}
}
