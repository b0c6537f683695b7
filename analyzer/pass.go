package analyzer

import (
	"cmp"
	"go/token"
	"strings"
)

// comparePos orders positions by file name, then offset. token.Pos alone
// orders positions of one file, but across files it follows the order in
// which the driver added them to its FileSet, which go/packages does in
// parallel: sorting by it would make output depend on scheduling.
func comparePos(fset *token.FileSet, a, b token.Pos) int {
	if a == b {
		return 0
	}
	fa, fb := fset.File(a), fset.File(b)
	if fa == fb || fa == nil || fb == nil {
		return cmp.Compare(a, b)
	}
	if c := strings.Compare(fa.Name(), fb.Name()); c != 0 {
		return c
	}
	return cmp.Compare(fa.Offset(a), fb.Offset(b))
}

// isTestFile reports whether pos lies in a _test.go file.
func isTestFile(fset *token.FileSet, pos token.Pos) bool {
	if !pos.IsValid() {
		return false
	}
	return strings.HasSuffix(fset.File(pos).Name(), "_test.go")
}
