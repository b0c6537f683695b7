package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/chanown/chanown/analyzer"
)

// TestSuggestedFix applies the conversion fix of every shared report in
// the fix scenarios and compares each file with its .golden twin:
// fixconvert holds the shapes that convert; fixdecline, one file per
// decline rule, a group that keeps its mutex beside a twin that
// converts (a file without edits has no golden).
func TestSuggestedFix(t *testing.T) {
	for _, pkg := range []string{"fixconvert", "fixdecline"} {
		t.Run(pkg, func(t *testing.T) {
			t.Parallel()
			results := analysistest.RunWithSuggestedFixes(t, testdata, analyzer.Analyzer, pkg)
			checkDiagnostics(t, results)
		})
	}
}
