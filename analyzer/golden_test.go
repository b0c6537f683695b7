package analyzer_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/chanown/chanown/analyzer"
)

// goldenScenariosEnv names the file to which TestGoldenScenarios writes
// the scenario list for .ci/golden.sh.
const goldenScenariosEnv = "CHANOWN_GOLDEN_SCENARIOS"

// TestGoldenScenarios renders every scenario of TestAnalyzer and
// TestRacePort as the command line that analyses it: the analyzer flags
// that differ from the default, then the patterns. It checks that the
// flags give back the scenario's configuration, and, when
// $CHANOWN_GOLDEN_SCENARIOS names a file, writes there one line per
// scenario,
//
//	name<TAB>flags<TAB>patterns
//
// flags and patterns each separated by spaces (flags may be empty).
// .ci/golden.sh runs the chanown binaries of two revisions on these, in
// GOPATH mode under testdata, and compares their output.
func TestGoldenScenarios(t *testing.T) {
	var lines []string
	for _, sc := range scenarios {
		flags := flagsOf(t, sc.newAnalyzer())
		lines = append(lines, fmt.Sprintf("%s\t%s\t%s", sc.name, strings.Join(flags, " "), strings.Join(sc.patterns, " ")))
	}
	for _, p := range racePorts {
		lines = append(lines, fmt.Sprintf("%s\t\t%s", p.pkg, p.pkg))
	}
	if file := os.Getenv(goldenScenariosEnv); file != "" {
		if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

// flagsOf returns the flags, as -name=value, on which a differs from the
// default analyzer, and checks that setting them on a new default
// analyzer gives every flag of a's value.
func flagsOf(t *testing.T, a *analysis.Analyzer) []string {
	t.Helper()
	var flags []string
	a.Flags.VisitAll(func(f *flag.Flag) {
		if v := f.Value.String(); v != analyzer.Analyzer.Flags.Lookup(f.Name).Value.String() {
			flags = append(flags, "-"+f.Name+"="+v)
		}
	})
	b := analyzer.New(analyzer.DefaultConfig())
	for _, fl := range flags {
		name, value, _ := strings.Cut(strings.TrimPrefix(fl, "-"), "=")
		if err := b.Flags.Set(name, value); err != nil {
			t.Errorf("%s: %v", fl, err)
		}
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		if got, want := b.Flags.Lookup(f.Name).Value.String(), f.Value.String(); got != want {
			t.Errorf("flags %q give -%s=%q, want %q", flags, f.Name, got, want)
		}
	})
	return flags
}
