package analyzer

import (
	"go/token"
	"testing"
)

// TestSplitPath checks how ids of packages the analysed package does not
// import directly are split and named, the same under every driver.
func TestSplitPath(t *testing.T) {
	for _, tc := range []struct{ id, path, name string }{
		{"example.com/a/b.mu", "example.com/a/b", "b"},
		{"example.com/a/b.st.mu", "example.com/a/b", "b"},
		{"example.com/m/v2.mu", "example.com/m/v2", "m"},
		{"example.com/m/v2/sub.cfg", "example.com/m/v2/sub", "sub"},
		{"os.mu", "os", "os"},
		{"net/http.mu", "net/http", "http"},
		{"gopkg.in/yaml.v3.mu", "gopkg.in/yaml", "yaml"},
		{"v2.mu", "v2", "v2"},
		{"nodot", "", ""},
	} {
		path := splitPath(tc.id)
		if path != tc.path {
			t.Errorf("splitPath(%q) = %q, want %q", tc.id, path, tc.path)
			continue
		}
		if path != "" && pathName(path) != tc.name {
			t.Errorf("pathName(%q) = %q, want %q", path, pathName(path), tc.name)
		}
	}
}

// TestComparePos checks that positions order by file name and offset,
// not by the order the files entered the FileSet (which go/packages
// makes in parallel): the same package must print the same output on
// every run.
func TestComparePos(t *testing.T) {
	fset := token.NewFileSet()
	b := fset.AddFile("b.go", -1, 100) // added first: lower token.Pos
	a := fset.AddFile("a.go", -1, 100)
	pa, pb := a.Pos(10), b.Pos(50)
	if pb >= pa {
		t.Fatalf("setup: b.go's position %d should be below a.go's %d", pb, pa)
	}
	if got := comparePos(fset, pa, pb); got >= 0 {
		t.Errorf("comparePos(a.go:10, b.go:50) = %d, want < 0", got)
	}
	if got := comparePos(fset, a.Pos(20), a.Pos(10)); got <= 0 {
		t.Errorf("comparePos(a.go:20, a.go:10) = %d, want > 0", got)
	}
	if got := comparePos(fset, token.NoPos, pb); got >= 0 {
		t.Errorf("comparePos(NoPos, b.go:50) = %d, want < 0", got)
	}
}
