package analyzer_test

// The syntax-level mutator of scenario sources (fuzz_test.go).

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"slices"

	"golang.org/x/tools/txtar"
)

// chooser turns a byte string into choices. Once the bytes run out every
// choice is 0, so that generation and mutation always end.
type chooser struct {
	data []byte
	i    int
}

// intn returns a choice in [0, n).
func (c *chooser) intn(n int) int {
	if n <= 1 || c.i >= len(c.data) {
		return 0
	}
	b := c.data[c.i]
	c.i++
	return int(b) % n
}

// chance returns true with probability about 1/n (never once the bytes
// run out).
func (c *chooser) chance(n int) bool {
	if c.i >= len(c.data) {
		return false
	}
	return c.intn(n) == n-1
}

func (c *chooser) done() bool { return c.i >= len(c.data) }

// mutateArchive applies syntax-level mutations chosen by choices to the
// statements of the archive's files, and prints the files again.
func mutateArchive(ar *txtar.Archive, choices []byte) *txtar.Archive {
	c := &chooser{data: choices}
	fset := token.NewFileSet()
	type parsed struct {
		name string
		file *ast.File
	}
	var files []parsed
	for _, af := range ar.Files {
		f, err := parser.ParseFile(fset, af.Name, af.Data, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return ar // left to fail in loadArchive
		}
		files = append(files, parsed{af.Name, f})
	}
	if len(files) == 0 {
		return ar
	}
	for n := 0; n < 16 && !c.done(); n++ {
		pf := files[c.intn(len(files))]
		var blocks []*ast.BlockStmt
		ast.Inspect(pf.file, func(n ast.Node) bool {
			if b, ok := n.(*ast.BlockStmt); ok && len(b.List) > 0 {
				blocks = append(blocks, b)
			}
			return true
		})
		if len(blocks) == 0 {
			continue
		}
		mutateBlock(c, blocks[c.intn(len(blocks))])
	}
	out := &txtar.Archive{Comment: ar.Comment}
	for _, pf := range files {
		var buf bytes.Buffer
		if err := format.Node(&buf, fset, pf.file); err != nil {
			return ar
		}
		out.Files = append(out.Files, txtar.File{Name: pf.name, Data: buf.Bytes()})
	}
	return out
}

// mutateBlock applies one mutation to b's statements. Statements that
// declare names, return or branch are only ever kept in place: moving
// them rarely type-checks.
func mutateBlock(c *chooser, b *ast.BlockStmt) {
	i := c.intn(len(b.List))
	s := b.List[i]
	op := c.intn(10)
	if !movable(s) && op != 7 && op != 8 {
		return
	}
	closure := func(body ...ast.Stmt) *ast.CallExpr {
		return &ast.CallExpr{Fun: &ast.FuncLit{
			Type: &ast.FuncType{Params: &ast.FieldList{}},
			Body: &ast.BlockStmt{List: body},
		}}
	}
	switch op {
	case 0: // delete
		b.List = slices.Delete(b.List, i, i+1)
	case 1: // duplicate
		b.List = slices.Insert(b.List, i+1, s)
	case 2: // swap with another statement of the block
		if j := c.intn(len(b.List)); movable(b.List[j]) {
			b.List[i], b.List[j] = b.List[j], b.List[i]
		}
	case 3: // run on a new goroutine
		b.List[i] = &ast.GoStmt{Call: closure(s)}
	case 4: // defer
		b.List[i] = &ast.DeferStmt{Call: closure(s)}
	case 5: // loop
		b.List[i] = &ast.RangeStmt{
			Tok: token.ILLEGAL, X: &ast.BasicLit{Kind: token.INT, Value: "2"},
			Body: &ast.BlockStmt{List: []ast.Stmt{s}},
		}
	case 6: // closure called at once
		b.List[i] = &ast.ExprStmt{X: closure(s)}
	case 7: // go f() -> f(), defer f() -> f(), f() -> go f() or defer f()
		switch s := s.(type) {
		case *ast.GoStmt:
			b.List[i] = &ast.ExprStmt{X: s.Call}
		case *ast.DeferStmt:
			b.List[i] = &ast.ExprStmt{X: s.Call}
		case *ast.ExprStmt:
			if call, ok := s.X.(*ast.CallExpr); ok {
				if c.intn(2) == 0 {
					b.List[i] = &ast.GoStmt{Call: call}
				} else {
					b.List[i] = &ast.DeferStmt{Call: call}
				}
			}
		}
	case 8: // Lock <-> Unlock, RLock -> Lock, RUnlock -> Unlock
		swap := map[string]string{"Lock": "Unlock", "Unlock": "Lock", "RLock": "Lock", "RUnlock": "Unlock"}
		ast.Inspect(s, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && c.intn(2) == 0 {
				if to, ok := swap[sel.Sel.Name]; ok {
					sel.Sel = ast.NewIdent(to)
				}
			}
			return true
		})
	case 9: // move into a branch that may not run
		b.List[i] = &ast.IfStmt{
			Cond: &ast.BinaryExpr{
				X:  &ast.CallExpr{Fun: ast.NewIdent("len"), Args: []ast.Expr{&ast.BasicLit{Kind: token.STRING, Value: `"x"`}}},
				Op: token.GTR, Y: &ast.BasicLit{Kind: token.INT, Value: "0"},
			},
			Body: &ast.BlockStmt{List: []ast.Stmt{s}},
		}
	}
}

// movable reports whether s can be deleted, duplicated, moved or nested
// without breaking the names it declares or the control flow it ends.
func movable(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.DeclStmt, *ast.ReturnStmt, *ast.BranchStmt, *ast.LabeledStmt:
		return false
	case *ast.AssignStmt:
		return s.Tok != token.DEFINE
	}
	return true
}
