package main

// -fix and -diff of the standalone driver: apply the first suggested
// fix of every diagnostic, or print what applying them would change.
// Both drivers (go vet and the in-process checker) give the fixes in
// the same JSON tree, so one function applies them, as x/tools'
// drivers do: identical fixes (a file of p is analysed in p and in its
// test variant) count once, a fix that overlaps one already taken is
// skipped whole, and each changed file is gofmt'd, with the imports the
// fixes left unused removed.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"

	"golang.org/x/tools/go/ast/astutil"
)

// jsonFix is a suggested fix in a jsonTree.
type jsonFix struct {
	Message string `json:"message"`
	Edits   []struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	} `json:"edits"`
}

// fileEdit is one edit of a file.
type fileEdit struct {
	start, end int
	text       string
}

// fixResult counts what applyFixes did.
type fixResult struct {
	applied, skipped, files int
}

// fixes returns the first suggested fix of every diagnostic of t, each
// distinct fix once, in the order of the diagnostics.
func (t jsonTree) fixes() []jsonFix {
	seen := map[string]bool{}
	var out []jsonFix
	for _, pkg := range slices.Sorted(maps.Keys(t)) {
		for _, name := range slices.Sorted(maps.Keys(t[pkg])) {
			var diags []struct {
				Fixes []jsonFix `json:"suggested_fixes"`
			}
			if json.Unmarshal(t[pkg][name], &diags) != nil {
				continue
			}
			for _, d := range diags {
				if len(d.Fixes) == 0 {
					continue
				}
				f := d.Fixes[0]
				key, _ := json.Marshal(f.Edits)
				if !seen[string(key)] {
					seen[string(key)] = true
					out = append(out, f)
				}
			}
		}
	}
	return out
}

// applyFixes applies fixes to the files, or, with diff, writes to w the
// unified diff that applying them would make instead.
func applyFixes(fixes []jsonFix, diff bool, w io.Writer) (fixResult, error) {
	var res fixResult
	edits := map[string][]fileEdit{}
	for _, f := range fixes {
		if conflicts(edits, f) {
			res.skipped++
			continue
		}
		res.applied++
		for _, e := range f.Edits {
			fe := fileEdit{e.Start, e.End, e.New}
			if !slices.Contains(edits[e.Filename], fe) {
				edits[e.Filename] = append(edits[e.Filename], fe)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(edits)) {
		old, err := os.ReadFile(name)
		if err != nil {
			return res, err
		}
		fixed, err := applyFileEdits(old, edits[name])
		if err != nil {
			return res, fmt.Errorf("%s: %v", name, err)
		}
		if diff {
			io.WriteString(w, unifiedDiff(name, old, fixed))
			continue
		}
		info, err := os.Stat(name)
		if err != nil {
			return res, err
		}
		if err := os.WriteFile(name, fixed, info.Mode().Perm()); err != nil {
			return res, err
		}
		res.files++
	}
	return res, nil
}

// conflicts reports whether an edit of f overlaps an edit taken before
// without being identical to it.
func conflicts(edits map[string][]fileEdit, f jsonFix) bool {
	for _, e := range f.Edits {
		for _, o := range edits[e.Filename] {
			if o == (fileEdit{e.Start, e.End, e.New}) {
				continue
			}
			// Two insertions at one offset have no defined order;
			// otherwise ranges that share bytes overlap.
			if e.Start < o.end && o.start < e.End || e.Start == o.start && (e.Start == e.End || o.start == o.end) {
				return true
			}
		}
	}
	return false
}

// applyFileEdits applies edits (which do not overlap) to src, formats the
// result and removes the imports the edits left unused. A result that
// does not parse is returned unformatted.
func applyFileEdits(src []byte, edits []fileEdit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(a, b fileEdit) int { return a.start - b.start })
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.start < last || e.end > len(src) || e.start > e.end {
			return nil, fmt.Errorf("edit [%d,%d) out of order or range", e.start, e.end)
		}
		out.Write(src[last:e.start])
		out.WriteString(e.text)
		last = e.end
	}
	out.Write(src[last:])
	return tidy(src, out.Bytes()), nil
}

// tidy formats fixed, the edited form of src, and removes the imports
// that src used and fixed no longer does, and the var declarations
// left empty.
func tidy(src, fixed []byte) []byte {
	fset := token.NewFileSet()
	before, err1 := parser.ParseFile(fset, "", src, 0)
	after, err2 := parser.ParseFile(fset, "", fixed, parser.ParseComments)
	if err1 != nil || err2 != nil {
		return fixed
	}
	type imported struct{ name, path string }
	var unused []imported
	for _, imp := range after.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil || imp.Name != nil && (imp.Name.Name == "_" || imp.Name.Name == ".") {
			continue
		}
		if astutil.UsesImport(before, path) && !astutil.UsesImport(after, path) {
			name := ""
			if imp.Name != nil {
				name = imp.Name.Name
			}
			unused = append(unused, imported{name, path})
		}
	}
	for _, imp := range unused {
		astutil.DeleteNamedImport(fset, after, imp.name, imp.path)
	}
	// Fixes of two groups of one var block each leave the specs of the
	// other in it, so that together they may leave it empty.
	after.Decls = slices.DeleteFunc(after.Decls, func(d ast.Decl) bool {
		gd, ok := d.(*ast.GenDecl)
		return ok && gd.Tok == token.VAR && len(gd.Specs) == 0 && gd.Doc == nil
	})
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, after); err != nil {
		return fixed
	}
	return buf.Bytes()
}
