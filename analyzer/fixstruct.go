package analyzer

// The suggested fix when the guard is a field of a global struct, the
// most common shape in real code: var hosts struct{ sync.Mutex; byName
// map[string]byName; ... }, or var cache = struct{ mu sync.RWMutex; m
// map[string]int }{m: map[string]int{}}. The struct, without its guard,
// becomes the owned state: hosts.Lock() becomes hosts := <-hostsOwner,
// so that hosts.byName in the section names the field of the owned
// value without an edit. This is safe when the struct is used only
// through its fields, each inside a section: then the struct is never
// copied or aliased, and its fields are used where the guard was held.

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// structGuard fills in c.guard, c.structType and c.lit for the group g
// whose guard is a field of the global struct c.lock, and returns why
// the fix declines, or "".
func (dg *diagnoser) structGuard(c *conversion, g *group) string {
	root := c.lock
	name, ok := strings.CutPrefix(g.lock.id, dg.globals.qualified(root)+".")
	if !ok || strings.Contains(name, ".") {
		return "the guard is nested deeper than a field of a global struct"
	}
	// Only a struct type written in the declaration: a named type may
	// have methods, other variables and a life beyond this global.
	st, ok := root.Type().(*types.Struct)
	if !ok {
		return "the global holding the guard is not of an anonymous struct type"
	}
	c.guard.index = -1
	for i := range st.NumFields() {
		if f := st.Field(i); f.Name() == name {
			c.guard.field, c.guard.index = f, i
		}
	}
	if c.guard.field == nil || !isLockType(c.guard.field.Type()) {
		return "the guard is not a sync.Mutex or sync.RWMutex field"
	}

	spec := specOf(dg.globals.specs[root], root)
	if spec == nil {
		return "a global of the group has no var declaration"
	}
	if st, ok := spec.Type.(*ast.StructType); ok {
		c.structType = st
	}
	if len(spec.Values) == 1 {
		lit, ok := ast.Unparen(spec.Values[0]).(*ast.CompositeLit)
		if !ok {
			return "the global struct is initialised by other than a composite literal"
		}
		if st, ok := lit.Type.(*ast.StructType); ok && c.structType == nil {
			c.structType = st
		}
		for _, el := range lit.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				return "the global struct's literal has unkeyed fields"
			}
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return "the global struct's literal sets the guard"
			}
		}
		c.lit = lit
	}
	if c.structType == nil {
		return "the global struct's type is not written in its declaration"
	}
	found := false
	for _, f := range c.structType.Fields.List {
		if c.isGuardField(f) {
			if len(f.Names) > 1 {
				return "the guard is declared together with other fields"
			}
			found = true
		}
	}
	if !found {
		// The type checker took the struct from syntax we did not
		// find (var st (struct{...})): nothing to cut the guard from.
		return "the global struct's type is not written in its declaration"
	}
	return ""
}

// isGuardField reports whether the field declaration f declares the
// guard of c.
func (c *conversion) isGuardField(f *ast.Field) bool {
	pos := c.guard.field.Pos()
	return f.Pos() <= pos && pos < f.End()
}

// structUse returns why the fix declines for id, a use of the global
// struct c.lock other than the receiver of a Lock or Unlock of a
// section, or "". The use must select a field other than the guard (or
// a method of such an embedded field): the struct used as a whole
// (copied, passed, compared, its address taken) would be left behind.
// Whether it lies in a section is checked with the uses of the group.
func (dg *diagnoser) structUse(c *conversion, id *ast.Ident) string {
	sel := dg.selectorOf(id)
	if sel == nil {
		return "the global struct holding the guard is used as a whole"
	}
	s := dg.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() == types.MethodExpr {
		return "the global struct holding the guard is used as a whole"
	}
	if s.Index()[0] == c.guard.index {
		// st.mu passed, &st.mu, st.TryLock(), a method value.
		return "the guard is used other than by a Lock and Unlock pair in one block"
	}
	return ""
}

// selectorOf returns the selector expression id.Sel of which id is the
// operand, or nil.
func (dg *diagnoser) selectorOf(id *ast.Ident) *ast.SelectorExpr {
	f := dg.fileOf(id.Pos())
	if f == nil {
		return nil
	}
	var out *ast.SelectorExpr
	ast.Inspect(f, func(n ast.Node) bool {
		if out != nil || n == nil || n.End() <= id.Pos() || id.End() <= n.Pos() {
			return false
		}
		if sel, ok := n.(*ast.SelectorExpr); ok && sel.X == id {
			out = sel
		}
		return true
	})
	return out
}

// structFields returns the body of the state type of c, a conversion
// of a global struct, from after its opening brace: the struct's fields
// without the guard, as the source writes them, with their comments
// and blank lines. The lines of the guard's field are cut out of the
// struct's body; a struct written on one line is rewritten field by
// field.
func (e *editor) structFields(c *conversion) string {
	st := c.structType
	from, to := c.structRange()
	if start, stop, ok := e.wholeLines(from, to); ok {
		first, rest, _ := strings.Cut(e.text(st.Fields.Opening+1, start)+e.text(stop, st.Fields.Closing), "\n")
		// Blank lines the guard leaves at the top would stay.
		rest = strings.TrimLeft(rest, " \t\n")
		rest = strings.TrimRight(rest, " \t\n")
		if rest != "" {
			rest = "\t" + rest + "\n"
		}
		return first + "\n" + rest
	}
	var b strings.Builder
	b.WriteString("\n")
	prevLine := 0
	for _, f := range st.Fields.List {
		if c.isGuardField(f) {
			continue
		}
		start, end := nodeStart(f.Doc, f), f.End()
		if f.Comment != nil {
			end = f.Comment.End()
		}
		line := e.pass.Fset.Position(start).Line
		if prevLine > 0 && line > prevLine+1 {
			b.WriteString("\n")
		}
		prevLine = e.pass.Fset.Position(end).Line
		b.WriteString(e.text(start, end) + "\n")
	}
	return b.String()
}

// structInits returns the keyed elements of c.lit, the initialiser of
// a global struct, one a line.
func (e *editor) structInits(c *conversion) string {
	if c.lit == nil {
		return ""
	}
	var b strings.Builder
	for _, el := range c.lit.Elts {
		fmt.Fprintf(&b, "%s,\n", e.text(el.Pos(), el.End()))
	}
	return b.String()
}

// structRange returns the range of source of the declaration of c's
// global struct that the fix drops rather than moves: the guard's field
// (with its comments), so that a use of sync there is not counted.
func (c *conversion) structRange() (token.Pos, token.Pos) {
	for _, f := range c.structType.Fields.List {
		if c.isGuardField(f) {
			end := f.End()
			if f.Comment != nil {
				end = f.Comment.End()
			}
			return nodeStart(f.Doc, f), end
		}
	}
	return token.NoPos, token.NoPos
}
