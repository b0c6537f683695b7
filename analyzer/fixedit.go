package analyzer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// fixMessage is the SuggestedFix.Message of the conversion.
const fixMessage = "Move the guarded globals into a value owned over a channel"

// An editor collects the TextEdits of one fix.
type editor struct {
	pass  *analysis.Pass
	edits []analysis.TextEdit
	src   map[*token.File][]byte
	bad   bool // a file could not be read, or a declaration not cut out
}

// text returns the source of [pos, end).
func (e *editor) text(pos, end token.Pos) string {
	src := e.source(pos)
	if src == nil {
		return ""
	}
	tf := e.pass.Fset.File(pos)
	return string(src[tf.Offset(pos):tf.Offset(end)])
}

// source returns the content of the file holding pos.
func (e *editor) source(pos token.Pos) []byte {
	tf := e.pass.Fset.File(pos)
	if src, ok := e.src[tf]; ok {
		return src
	}
	src, err := e.pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		e.bad = true
		src = nil
	}
	e.src[tf] = src
	return src
}

// replace replaces [pos, end) with text.
func (e *editor) replace(pos, end token.Pos, text string) {
	e.edits = append(e.edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

// lines returns the range of the whole lines that hold exactly [pos,
// end) (a declaration with its comments), newline included. It marks
// the editor bad when the range shares a line with other code.
func (e *editor) lines(pos, end token.Pos) (token.Pos, token.Pos) {
	start, stop, ok := e.wholeLines(pos, end)
	if !ok {
		e.bad = true
	}
	return start, stop
}

// wholeLines returns the range of the whole lines that hold exactly
// [pos, end), newline included, and false when the range shares a line
// with other code.
func (e *editor) wholeLines(pos, end token.Pos) (token.Pos, token.Pos, bool) {
	src := e.source(pos)
	if src == nil {
		return pos, end, false
	}
	tf := e.pass.Fset.File(pos)
	start, stop := tf.Offset(pos), tf.Offset(end)
	for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
		start--
	}
	for stop < len(src) && (src[stop] == ' ' || src[stop] == '\t' || src[stop] == '\r') {
		stop++
	}
	if start > 0 && src[start-1] != '\n' || stop < len(src) && src[stop] != '\n' {
		return pos, end, false
	}
	if stop < len(src) {
		stop++
	}
	return tf.Pos(start), tf.Pos(stop), true
}

// cutLines deletes the lines that hold exactly [pos, end).
func (e *editor) cutLines(pos, end token.Pos) {
	start, stop := e.lines(pos, end)
	e.replace(start, stop, "")
}

// specEnd returns the end of spec with its line comment.
func specEnd(vs *ast.ValueSpec) token.Pos {
	if vs.Comment != nil {
		return vs.Comment.End()
	}
	return vs.End()
}

// conversionEdits returns the fix of conversion c: the declarations of
// the guard and the globals become a state type and the channel that
// owns its one value; each section receives the value instead of
// locking, reaches the globals through it, and sends it back instead of
// unlocking. It reports false when the edits cannot be written.
func (dg *diagnoser) conversionEdits(c *conversion) (analysis.SuggestedFix, bool) {
	e := &editor{pass: dg.pass, src: map[*token.File][]byte{}}
	var base string
	if c.guard.field != nil {
		base = c.lock.Name()
	} else {
		base = c.globals[0].Name()
	}
	// The names must not be shadowed where the sections use them.
	spelled := map[string]bool{}
	fns := []ast.Node{}
	for _, s := range c.sections {
		fns = append(fns, s.fn)
	}
	for _, cl := range c.callees {
		fns = append(fns, cl.decl)
	}
	for _, fn := range fns {
		ast.Inspect(fn, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				spelled[id.Name] = true
			}
			return true
		})
	}
	stateType := dg.freshName(base+"State", spelled)
	owner := dg.freshName(base+"Owner", spelled)

	// The sections, in source order so that the first section of a
	// statement list declares the owned value and later ones assign it.
	slices.SortFunc(c.sections, func(a, b *section) int { return comparePos(dg.pass.Fset, a.lock.Pos(), b.lock.Pos()) })
	locals := map[ast.Node]string{}
	declared := map[*ast.Stmt]bool{}
	for _, s := range c.sections {
		local, ok := locals[s.fn]
		if !ok {
			local = dg.localName(s.fn, c.lock, stateType, owner)
			locals[s.fn] = local
		}
		define := ":="
		if declared[&s.list[0]] {
			define = "="
		}
		declared[&s.list[0]] = true
		e.replace(s.lock.Pos(), s.lock.End(), fmt.Sprintf("%s %s <-%s", local, define, owner))
		for _, early := range s.early {
			e.replace(early.Pos(), early.End(), fmt.Sprintf("%s <- %s", owner, local))
		}
		if s.deferred {
			e.replace(s.unlock.Pos(), s.unlock.End(), fmt.Sprintf("defer func() { %s <- %s }()", owner, local))
		} else {
			e.replace(s.unlock.Pos(), s.unlock.End(), fmt.Sprintf("%s <- %s", owner, local))
		}
	}
	for _, cl := range c.callees {
		locals[cl.decl] = dg.localName(cl.decl, c.lock, stateType, owner)
	}
	dg.calleeEdits(e, c, locals, stateType)
	for id, s := range c.uses {
		switch {
		case c.guard.field == nil:
			e.replace(id.Pos(), id.Pos(), locals[s.fn]+".")
		case locals[s.fn] != id.Name:
			// st.f is a field of the owned value, named st unless
			// the function spells st otherwise too.
			e.replace(id.Pos(), id.End(), locals[s.fn])
		}
	}

	// The declarations.
	qual := dg.qualifier(c.file)
	var fields, inits strings.Builder
	lockName := c.lock.Name()
	if c.guard.field != nil {
		lockName += "." + c.guard.field.Name()
		fields.WriteString(e.structFields(c))
		inits.WriteString(e.structInits(c))
	} else {
		fields.WriteString("\n")
	}
	for _, v := range c.globals {
		spec := specOf(dg.globals.specs[v], v)
		i := slices.IndexFunc(spec.Names, func(n *ast.Ident) bool { return n.Pos() == v.Pos() })
		typ := ""
		if spec.Type != nil {
			typ = e.text(spec.Type.Pos(), spec.Type.End())
		} else {
			if !dg.nameable(v.Type()) {
				return analysis.SuggestedFix{}, false
			}
			typ = types.TypeString(v.Type(), qual)
			if strings.Contains(typ, "\x00") {
				return analysis.SuggestedFix{}, false // a package the file does not import
			}
		}
		if i == 0 && spec.Doc != nil {
			fields.WriteString(e.text(spec.Doc.Pos(), spec.Doc.End()) + "\n")
		}
		fmt.Fprintf(&fields, "%s %s", v.Name(), typ)
		if i == len(spec.Names)-1 && spec.Comment != nil {
			fields.WriteString(" " + e.text(spec.Comment.Pos(), spec.Comment.End()))
		}
		fields.WriteString("\n")
		if len(spec.Values) > 0 {
			fmt.Fprintf(&inits, "%s: %s,\n", v.Name(), e.text(spec.Values[i].Pos(), spec.Values[i].End()))
		}
	}
	initial := "&" + stateType + "{}"
	if inits.Len() > 0 {
		initial = "&" + stateType + "{\n" + inits.String() + "}"
	}
	doc := ""
	if c.guard.field != nil {
		// The global struct's own comment describes the state.
		lockSpec := specOf(dg.globals.specs[c.lock], c.lock)
		cg := lockSpec.Doc
		if gd := dg.globals.specs[c.lock]; cg == nil && len(gd.Specs) == 1 {
			cg = gd.Doc
		}
		if cg != nil {
			doc = "//\n" + e.text(cg.Pos(), cg.End()) + "\n"
		}
	}
	decl := fmt.Sprintf(`// %[1]s is the state that %[3]s guarded. Whoever has received it from
// %[2]s owns it, and hands it on by sending it back.
%[6]stype %[1]s struct {%[4]s}

// %[2]s holds the one %[1]s: receiving it takes ownership, sending
// it back hands it on. Its buffer of one makes it a lock, as %[3]s was.
var %[2]s = func(s *%[1]s) chan *%[1]s {
	c := make(chan *%[1]s, 1)
	c <- s
	return c
}(%[5]s)
`, stateType, owner, lockName, fields.String(), initial, doc)

	// Cut out the specs of the guard and the globals; a declaration
	// left without specs goes whole. The new declarations go where the
	// guard's declaration was, or right after it.
	lockDecl := dg.globals.specs[c.lock]
	cut := map[*ast.ValueSpec]bool{}
	var decls []*ast.GenDecl
	for _, v := range append([]*types.Var{c.lock}, c.globals...) {
		gd := dg.globals.specs[v]
		cut[specOf(gd, v)] = true
		if !slices.Contains(decls, gd) {
			decls = append(decls, gd)
		}
	}
	for _, gd := range decls {
		whole := !slices.ContainsFunc(gd.Specs, func(s ast.Spec) bool { return !cut[s.(*ast.ValueSpec)] })
		if whole {
			start, stop := e.lines(nodeStart(gd.Doc, gd), declEnd(gd))
			text := ""
			if gd == lockDecl {
				text = decl
			}
			e.replace(start, stop, text)
			continue
		}
		// Within a var block the new declarations close the block
		// before them and open one after them, unless every spec on
		// that side is cut: each fix then edits only lines of its
		// own, and fixes of two groups of one block do not collide.
		var from, to token.Pos // the range the declarations replace
		if gd == lockDecl {
			lockSpec := specOf(gd, c.lock)
			i := slices.Index(gd.Specs, ast.Spec(lockSpec))
			uncut := func(s ast.Spec) bool { return !cut[s.(*ast.ValueSpec)] }
			before := slices.ContainsFunc(gd.Specs[:i], uncut)
			after := slices.ContainsFunc(gd.Specs[i+1:], uncut)
			from, to = e.lines(nodeStart(lockSpec.Doc, lockSpec), specEnd(lockSpec))
			text := decl
			if before {
				text = ")\n\n" + text
			} else {
				from, _ = e.lines(nodeStart(gd.Doc, gd), gd.Lparen+1)
			}
			if after {
				reopen := "var (\n"
				if !before && gd.Doc != nil {
					reopen = e.text(gd.Doc.Pos(), gd.Doc.End()) + "\n" + reopen
				}
				text += "\n" + reopen
			} else {
				_, to = e.lines(gd.Rparen, gd.Rparen+1)
			}
			e.replace(from, to, text)
		}
		for _, s := range gd.Specs {
			vs := s.(*ast.ValueSpec)
			if !cut[vs] || from <= vs.Pos() && vs.End() <= to {
				continue
			}
			e.cutLines(nodeStart(vs.Doc, vs), specEnd(vs))
		}
	}

	// Remove the import of sync when the guard was its last use.
	dg.dropSyncImport(e, c)
	if e.bad {
		return analysis.SuggestedFix{}, false
	}
	// Edits come from walks whose order may depend on map iteration and
	// on which package variant's files were parsed first: in position
	// order they print the same every run (DESIGN §6). The x/tools
	// checker sorts them again by token.Pos, whose order across files
	// is go/packages' parse order; cmd/chanown puts them back in file
	// order (sortFixEdits).
	slices.SortStableFunc(e.edits, func(a, b analysis.TextEdit) int {
		return cmp.Or(comparePos(dg.pass.Fset, a.Pos, b.Pos), comparePos(dg.pass.Fset, a.End, b.End))
	})
	return analysis.SuggestedFix{Message: fixMessage, TextEdits: e.edits}, true
}

// declEnd returns the end of gd with the line comment of its spec when
// it has no parentheses (var mu sync.Mutex // guards x), which would
// otherwise be left on a line of its own.
func declEnd(gd *ast.GenDecl) token.Pos {
	if gd.Lparen.IsValid() || len(gd.Specs) != 1 {
		return gd.End()
	}
	switch s := gd.Specs[0].(type) {
	case *ast.ValueSpec:
		return specEnd(s)
	case *ast.ImportSpec:
		if s.Comment != nil {
			return s.Comment.End()
		}
	}
	return gd.End()
}

// nodeStart returns the start of n, or of its doc comment.
func nodeStart(doc *ast.CommentGroup, n ast.Node) token.Pos {
	if doc != nil {
		return doc.Pos()
	}
	return n.Pos()
}

// freshName returns name, or name with a number after it, such that it
// names nothing in the package or its files' imports, nor is in taken.
func (dg *diagnoser) freshName(name string, taken map[string]bool) string {
	used := func(n string) bool {
		if taken[n] || dg.pass.Pkg.Scope().Lookup(n) != nil || types.Universe.Lookup(n) != nil {
			return true
		}
		for _, f := range dg.pass.Files {
			for _, imp := range f.Imports {
				if pkgName(dg.pass.TypesInfo, imp) == n {
					return true
				}
			}
		}
		return false
	}
	for i := 1; ; i++ {
		n := name
		if i > 1 {
			n += strconv.Itoa(i)
		}
		if !used(n) {
			return n
		}
	}
}

// localName returns the name of the owned value in the sections of fn:
// the guard's own name, which each group has to itself, so that fixes
// of two groups used in one function do not collide, and which the
// conversion frees; or, if fn spells it otherwise too, a name that no
// identifier of fn spells, so that it neither shadows nor is shadowed.
func (dg *diagnoser) localName(fn ast.Node, lock *types.Var, stateType, owner string) string {
	taken := map[string]bool{stateType: true, owner: true}
	other := false
	ast.Inspect(fn, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			taken[id.Name] = true
			if id.Name == lock.Name() && dg.pass.TypesInfo.Uses[id] != lock {
				other = true
			}
		}
		return true
	})
	if !other {
		return lock.Name()
	}
	for i := 2; ; i++ {
		if n := lock.Name() + strconv.Itoa(i); !taken[n] {
			return n
		}
	}
}

// pkgName returns the name an import spec binds in its file.
func pkgName(info *types.Info, imp *ast.ImportSpec) string {
	if imp.Name != nil {
		return imp.Name.Name
	}
	if pn, ok := info.Implicits[imp].(*types.PkgName); ok {
		return pn.Name()
	}
	return ""
}

// qualifier returns the types.Qualifier that writes types as file f
// names them: packages by their import names in f. A package that f
// does not import by name is written with a NUL byte, which callers
// look for.
func (dg *diagnoser) qualifier(f *ast.File) types.Qualifier {
	names := map[*types.Package]string{}
	for _, imp := range f.Imports {
		var pn *types.PkgName
		if imp.Name != nil {
			pn, _ = dg.pass.TypesInfo.Defs[imp.Name].(*types.PkgName)
		} else {
			pn, _ = dg.pass.TypesInfo.Implicits[imp].(*types.PkgName)
		}
		if pn != nil && pn.Name() != "." && pn.Name() != "_" {
			names[pn.Imported()] = pn.Name()
		}
	}
	return func(p *types.Package) string {
		if p == dg.pass.Pkg {
			return ""
		}
		if n, ok := names[p]; ok {
			return n
		}
		return "\x00" + p.Name()
	}
}

// nameable reports whether t can be written in the declaring file of
// the fix: every named type in it is of this package, or exported by a
// package the file imports by name.
func (dg *diagnoser) nameable(t types.Type) bool {
	ok := true
	var walk func(t types.Type, depth int)
	walk = func(t types.Type, depth int) {
		if !ok || depth > 20 {
			return
		}
		switch t := t.(type) {
		case *types.Alias:
			walk(types.Unalias(t), depth+1)
		case *types.Named:
			obj := t.Obj()
			if obj.Pkg() != nil && obj.Pkg() != dg.pass.Pkg && !obj.Exported() {
				ok = false
			}
			if obj.Parent() != nil && obj.Pkg() != nil && obj.Parent() != obj.Pkg().Scope() {
				ok = false // a local type
			}
			if ta := t.TypeArgs(); ta != nil {
				for i := range ta.Len() {
					walk(ta.At(i), depth+1)
				}
			}
		case *types.Pointer:
			walk(t.Elem(), depth+1)
		case *types.Slice:
			walk(t.Elem(), depth+1)
		case *types.Array:
			walk(t.Elem(), depth+1)
		case *types.Map:
			walk(t.Key(), depth+1)
			walk(t.Elem(), depth+1)
		case *types.Chan:
			walk(t.Elem(), depth+1)
		case *types.Struct:
			for i := range t.NumFields() {
				if !t.Field(i).Exported() && t.Field(i).Pkg() != dg.pass.Pkg {
					ok = false
				}
				walk(t.Field(i).Type(), depth+1)
			}
		case *types.Signature:
			for _, tup := range []*types.Tuple{t.Params(), t.Results()} {
				for i := range tup.Len() {
					walk(tup.At(i).Type(), depth+1)
				}
			}
		case *types.Interface:
			if t.NumMethods() > 0 || t.NumEmbeddeds() > 0 {
				ok = false // written out it would be long; rare
			}
		case *types.TypeParam:
			ok = false
		}
	}
	walk(t, 0)
	return ok
}

// dropSyncImport deletes the import of sync from the file declaring the
// guard when the guard's type was its only use there.
func (dg *diagnoser) dropSyncImport(e *editor, c *conversion) {
	// The fix drops the guard's declaration: the lock's spec, or the
	// guard's field of a global struct, whose other fields it moves.
	lockSpec := specOf(dg.globals.specs[c.lock], c.lock)
	from, to := lockSpec.Pos(), lockSpec.End()
	if c.guard.field != nil {
		from, to = c.structRange()
	}
	var syncName *types.PkgName
	uses := 0
	for id, obj := range dg.pass.TypesInfo.Uses {
		pn, ok := obj.(*types.PkgName)
		if !ok || pn.Imported().Path() != "sync" || dg.fileOf(id.Pos()) != c.file {
			continue
		}
		syncName = pn
		if id.Pos() < from || id.Pos() >= to {
			uses++
		}
	}
	if syncName == nil || uses > 0 {
		return
	}
	for _, d := range c.file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.IMPORT {
			continue
		}
		for _, s := range gd.Specs {
			imp := s.(*ast.ImportSpec)
			path, _ := strconv.Unquote(imp.Path.Value)
			if path != "sync" || imp.Name != nil && imp.Name.Name != syncName.Name() {
				continue
			}
			if len(gd.Specs) == 1 {
				e.cutLines(nodeStart(gd.Doc, gd), declEnd(gd))
			} else {
				end := imp.End()
				if imp.Comment != nil {
					end = imp.Comment.End()
				}
				e.cutLines(nodeStart(imp.Doc, imp), end)
			}
			return
		}
	}
}
