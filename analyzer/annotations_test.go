package analyzer

// Unit tests of the //chanown: directives (annotations.go): parsing one
// comment, and which diagnostics a parsed directive covers.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestParseDirective checks every form of //chanown: comment that
// parseDirective tells apart (docs/chanown.md "Suppressing a report").
func TestParseDirective(t *testing.T) {
	for _, tc := range []struct {
		text    string
		cats    []string
		problem string
	}{
		// Valid: a reason, with or without a category list first.
		{"//chanown:ignore hot path", nil, ""},
		{"//chanown:ignore shared hot path", []string{"shared"}, ""},
		{"//chanown:ignore shared,escape hot path", []string{"shared", "escape"}, ""},
		{"//chanown:ignore directive reason", []string{"directive"}, ""},
		{"//chanown:ignore   shared   reason  ", []string{"shared"}, ""},
		// A first word that is not a list of known categories is part of
		// the reason, and the directive covers every category.
		{"//chanown:ignore shared,bogus reason", nil, ""},
		{"//chanown:ignore races reason", nil, ""}, // a preset, not a category
		{"//chanown:ignore Shared reason", nil, ""},
		{"//chanown:ignore shared, reason", nil, ""},
		// Malformed: no reason.
		{"//chanown:ignore", nil, "chanown:ignore needs a reason"},
		{"//chanown:ignore ", nil, "chanown:ignore needs a reason"},
		{"//chanown:ignore    ", nil, "chanown:ignore needs a reason"},
		{"//chanown:ignore shared", []string{"shared"}, "chanown:ignore needs a reason"},
		{"//chanown:ignore shared,escape", []string{"shared", "escape"}, "chanown:ignore needs a reason"},
		// Malformed: an unknown verb.
		{"//chanown:ignroe shared hot path", nil, `unknown chanown directive "chanown:ignroe"`},
		{"//chanown:ignores reason", nil, `unknown chanown directive "chanown:ignores"`},
		{"//chanown:", nil, `unknown chanown directive "chanown:"`},
		{"//chanown: ignore reason", nil, `unknown chanown directive "chanown:"`},
	} {
		c := &ast.Comment{Slash: 100, Text: tc.text}
		d := parseDirective(c)
		if d.problem != tc.problem {
			t.Errorf("parseDirective(%q).problem = %q, want %q", tc.text, d.problem, tc.problem)
		}
		if !slices.Equal(d.cats, tc.cats) {
			t.Errorf("parseDirective(%q).cats = %q, want %q", tc.text, d.cats, tc.cats)
		}
		if d.pos != c.Slash || d.end != c.End() {
			t.Errorf("parseDirective(%q) spans %d-%d, want the comment %d-%d", tc.text, d.pos, d.end, c.Slash, c.End())
		}
	}
}

// directiveSrc is the file of TestDirectiveCovers, parsed but not
// type-checked. Each diagnostic is placed at a marker, a word that occurs
// once in the file.
const directiveSrc = `package p

import "sync"

//chanown:ignore shared doc of one var
var muA sync.Mutex

var muB sync.Mutex //chanown:ignore same line reason

//chanown:ignore escape doc of a grouped block
var (
	gx int
	gy int

	gz int
)

var (
	//chanown:ignore doc of one spec in a group
	specOne int
	specTwo int
)

//chanown:ignore shared doc of a function
func docFunc() {
	_ = 1

	_ = bodyFar
}

func body() {
	//chanown:ignore line above
	_ = lineBelow
	_ = twoBelow
	//chanown:ignore
	_ = afterMalformed
	//chanown:ignroe typo
	_ = afterUnknown
}

var other int
`

// TestDirectiveCovers checks which diagnostics the directives of a file
// cover: same line, line below, a declaration's doc comment covering the
// whole declaration, the categories listed, never a malformed one, and
// never a line of another file.
func TestDirectiveCovers(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", directiveSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	// A second file whose lines coincide with the first's.
	f2, err := parser.ParseFile(fset, "q.go", directiveSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	ds := parseDirectives(&analysis.Pass{Fset: fset, Files: []*ast.File{f}})
	if len(ds.list) != 8 {
		t.Fatalf("parseDirectives found %d directives, want 8", len(ds.list))
	}
	at := func(file *ast.File, marker string) token.Pos {
		i := strings.Index(directiveSrc, marker)
		if i < 0 || strings.Count(directiveSrc, marker) != 1 {
			t.Fatalf("marker %q must occur once", marker)
		}
		return fset.File(file.FileStart).Pos(i)
	}
	for _, tc := range []struct {
		marker string
		cat    string
		other  bool // in the second file
		want   bool
	}{
		{"muA", CategoryShared, false, true},     // declaration doc, listed category
		{"muA", CategoryUnguarded, false, false}, // declaration doc, other category
		{"muB", CategoryShared, false, true},     // same line, all categories
		{"muB", CategoryEscape, false, true},
		{"gx", CategoryEscape, false, true}, // a grouped block's doc covers the block
		{"gz", CategoryEscape, false, true}, // five lines below the directive
		{"gz", CategoryShared, false, false},
		{"specOne", CategoryShared, false, true}, // a spec's doc covers the spec
		{"specTwo", CategoryShared, false, false},
		{"bodyFar", CategoryShared, false, true}, // a function's doc covers its body
		{"lineBelow", CategoryWrongLock, false, true},
		{"twoBelow", CategoryWrongLock, false, false},
		{"afterMalformed", CategoryShared, false, false}, // no reason: covers nothing
		{"afterUnknown", CategoryShared, false, false},
		{"other", CategoryShared, false, false},
		// The same lines of another file are not covered.
		{"muB", CategoryShared, true, false},
		{"lineBelow", CategoryWrongLock, true, false},
	} {
		file := f
		if tc.other {
			file = f2
		}
		diag := analysis.Diagnostic{Pos: at(file, tc.marker), Category: tc.cat}
		var by []int
		for i, d := range ds.list {
			if d.covers(fset, diag) {
				by = append(by, i)
			}
		}
		if got := len(by) > 0; got != tc.want {
			t.Errorf("diagnostic at %s (%s, file %s): covered by directives %v, want covered %v",
				tc.marker, tc.cat, fset.File(diag.Pos).Name(), by, tc.want)
		}
	}
}
