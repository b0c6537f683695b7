package analyzer

// Functions that a critical section calls to do part of its work on the
// group, the fooLocked convention: func readHosts() { ... hosts.byName
// ... }, called as hosts.Lock(); defer hosts.Unlock(); readHosts(). Such
// a function runs while the section holds the guard, so it may hold the
// owned value too: the fix passes it the value as a new first parameter
// (func readHosts(hosts *hostsState), readHosts(hosts)). That is safe
// when every reference to the function is such a call, made directly in
// a section (not by go or defer, not from a function literal): then the
// function runs only while the value is held, as it ran only while the
// guard was.

import (
	"go/ast"
	"go/types"
)

// A callee is a function that takes the owned value as a parameter.
// Its section spans its body, for the checks that sections get; calls
// are its calls, each with the section that makes it.
type callee struct {
	*section
	obj   *types.Func
	decl  *ast.FuncDecl
	calls map[*ast.CallExpr]*section
}

// ownedCallees returns the functions of the package that use the group
// of c and that only sections of c call (see callee). A function that
// uses the group and is also referenced otherwise is not returned: its
// uses then lie outside every section, and the fix declines.
func (dg *diagnoser) ownedCallees(c *conversion) []*callee {
	info := dg.pass.TypesInfo
	var out []*callee
	for _, f := range dg.pass.Files {
		if ast.IsGenerated(f) {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Body == nil || fd.Type.TypeParams != nil || ast.IsExported(fd.Name.Name) || fd.Name.Name == "init" {
				continue
			}
			obj, _ := info.Defs[fd.Name].(*types.Func)
			if obj == nil || !usesState(info, c, fd.Body) || c.hasSection(fd) {
				continue
			}
			cl := &callee{
				section: &section{list: fd.Body.List, body: fd.Body.List, fn: fd, file: f},
				obj:     obj,
				decl:    fd,
				calls:   map[*ast.CallExpr]*section{},
			}
			if dg.onlyCalledInSections(c, cl) {
				out = append(out, cl)
			}
		}
	}
	return out
}

// usesState reports whether body names a global of c's state.
func usesState(info *types.Info, c *conversion, body ast.Node) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.isState(info.Uses[id]) {
			found = true
		}
		return !found
	})
	return found
}

// hasSection reports whether a section of c lies in fd.
func (c *conversion) hasSection(fd *ast.FuncDecl) bool {
	for _, s := range c.sections {
		if fd.Pos() <= s.lock.Pos() && s.lock.End() <= fd.End() {
			return true
		}
	}
	return false
}

// onlyCalledInSections reports whether every reference to cl.obj is the
// function of a call made directly in a section of c (not inside a
// function literal there, not by go or defer, not after an early
// Unlock), and records the calls. A section that read-locks makes the
// callee's checks those of a read-locked section.
func (dg *diagnoser) onlyCalledInSections(c *conversion, cl *callee) bool {
	info := dg.pass.TypesInfo
	refs := 0
	for _, obj := range info.Uses {
		if obj == cl.obj {
			refs++
		}
	}
	for _, s := range c.sections {
		var walk func(n ast.Node)
		walk = func(n ast.Node) {
			ast.Inspect(n, func(m ast.Node) bool {
				switch m := m.(type) {
				case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
					return false // a reference there is not counted
				case *ast.CallExpr:
					if id, ok := m.Fun.(*ast.Ident); ok && info.Uses[id] == cl.obj && !s.afterEarly(m.Pos()) {
						cl.calls[m] = s
						cl.read = cl.read || s.read
						for _, a := range m.Args {
							walk(a)
						}
						return false
					}
				}
				return true
			})
		}
		for _, st := range s.body {
			walk(st)
		}
	}
	return refs > 0 && len(cl.calls) == refs
}

// calleeEdits adds the owned value as the first parameter of each
// callee, and as the first argument of each call of one. The parameter
// takes local, the callee's name for the value; a call passes the name
// its section has.
func (dg *diagnoser) calleeEdits(e *editor, c *conversion, locals map[ast.Node]string, stateType string) {
	for _, cl := range c.callees {
		params := cl.decl.Type.Params
		text := locals[cl.decl] + " *" + stateType
		if params.NumFields() > 0 {
			text += ", "
		}
		e.replace(params.Opening+1, params.Opening+1, text)
		for call, s := range cl.calls {
			arg := locals[s.fn]
			if len(call.Args) > 0 {
				arg += ", "
			}
			e.replace(call.Lparen+1, call.Lparen+1, arg)
		}
	}
}
