package analyzer

// The suggested fix of a shared report: the group's globals move into
// one value that a channel of capacity 1 holds, and each critical section
// of the guard takes the value from the channel (mu.Lock) and gives it
// back (mu.Unlock). A channel of capacity 1 holding one value is a lock:
// the receive that takes the value is synchronised after the send that
// gave it back (the memory model's rule for buffered channels), as a
// Lock is after the Unlock before it. So the fix changes no behaviour
// when every access of the group lies in such a section, and this file
// decides when it does; fixedit.go writes the edits. docs/ownership.md
// ("The suggested fix") lists the declines.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// fixOffered ends the message of a shared report that carries a fix.
const fixOffered = "; a fix is offered"

// debugFix prints why each group declines the fix.
const debugFix = false

// A section is one critical section of the guard: a Lock statement and
// its Unlock statement in the same statement list (or a deferred Unlock
// right after the Lock, in a function body), and the statements between.
type section struct {
	list     []ast.Stmt // the statement list holding lock and unlock
	lock     *ast.ExprStmt
	unlock   ast.Stmt // *ast.ExprStmt, or *ast.DeferStmt when deferred
	deferred bool
	// early are Unlocks inside the section, each right before a
	// return: mu.Unlock(); return (the branch leaves the function).
	early []*ast.ExprStmt
	read  bool       // RLock and RUnlock
	body  []ast.Stmt // the statements the section covers
	fn    ast.Node   // the outermost declaration holding it (for names)
	file  *ast.File
}

// covers reports whether pos lies inside the statements of s.
func (s *section) covers(pos token.Pos) bool {
	return len(s.body) > 0 && s.body[0].Pos() <= pos && pos < s.body[len(s.body)-1].End()
}

// afterEarly reports whether pos lies after an early Unlock of s, in
// the return that follows it, where the group is no longer held.
func (s *section) afterEarly(pos token.Pos) bool {
	for _, e := range s.early {
		if e.End() <= pos && s.inReturnAfter(e, pos) {
			return true
		}
	}
	return false
}

// inReturnAfter reports whether pos lies in the return statement that
// follows the early Unlock e.
func (s *section) inReturnAfter(e *ast.ExprStmt, pos token.Pos) bool {
	found := false
	for _, st := range s.body {
		ast.Inspect(st, func(n ast.Node) bool {
			var list []ast.Stmt
			switch n := n.(type) {
			case *ast.BlockStmt:
				list = n.List
			case *ast.CaseClause:
				list = n.Body
			case *ast.CommClause:
				list = n.Body
			}
			for k, x := range list {
				if x == ast.Stmt(e) && k+1 < len(list) && list[k+1].Pos() <= pos && pos < list[k+1].End() {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// A conversion is what the fix of one group needs: the guard, the
// group's globals in declaration order, and the sections of the guard.
// When the guard is a field of a global struct (st.mu, hosts.Mutex),
// lock is that global, guard.field the guard, and the struct's other
// fields are the state (fixstruct.go); globals is then empty.
type conversion struct {
	lock     *types.Var
	guard    guardRef
	globals  []*types.Var
	sections []*section
	file     *ast.File // the file declaring the lock and the globals
	uses     map[*ast.Ident]*section

	// callees are the functions that sections call and that use the
	// group: they take the owned value as a parameter.
	callees []*callee

	// Of a guard in a global struct: the struct type and the
	// initialiser as declared (lit is nil without one).
	structType *ast.StructType
	lit        *ast.CompositeLit
}

// A guardRef says how code names the guard: the package-level variable
// that holds it, and the field of that variable's struct that is the
// guard (index is its place among the fields), or a nil field when the
// variable is the mutex itself.
type guardRef struct {
	root  *types.Var
	field *types.Var
	index int
}

// isState reports whether obj is one of the globals whose uses move
// into the owned value: a global of the group, or the global struct
// that holds the guard.
func (c *conversion) isState(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	if !ok {
		return false
	}
	if c.guard.field != nil {
		return v == c.lock
	}
	return slices.Contains(c.globals, v)
}

// offerFix gives d, the shared report of g, the fix that converts the
// group to channel-owned state, when the conversion is safe (see
// convertible), and says so in the message. Only the owner-goroutine
// advice (kind msgShared) gets a fix: a read-mostly group keeps its
// RWMutex, and lazy initialisation wants sync.OnceValue.
func (dg *diagnoser) offerFix(d *analysis.Diagnostic, g *group, kind int) {
	if kind != msgShared {
		return
	}
	c, why := dg.convertible(g)
	if c == nil {
		if debugFix {
			println("chanown: no fix for", g.lock.id+":", why)
		}
		return
	}
	fix, ok := dg.conversionEdits(c)
	if !ok {
		return
	}
	d.SuggestedFixes = []analysis.SuggestedFix{fix}
	d.Message += fixOffered
}

// convertible returns the conversion of g, or nil and why it declines.
// It works from syntax and types alone: every use of the guard must be
// the Lock or Unlock of a section, and every use of the group's globals
// must lie in a section (their own declarations aside).
func (dg *diagnoser) convertible(g *group) (*conversion, string) {
	info := dg.pass.TypesInfo
	lock := g.lock.obj
	if g.lock.foreign || lock.Pkg() != dg.pass.Pkg || lock.Exported() {
		return nil, "the guard is not an unexported package-level mutex of this package"
	}
	c := &conversion{lock: lock, guard: guardRef{root: lock}, uses: map[*ast.Ident]*section{}}
	if g.lock.id != dg.globals.qualified(lock) {
		// A field of a global struct: the struct becomes the state.
		if why := dg.structGuard(c, g); why != "" {
			return nil, why
		}
	} else if !isLockType(lock.Type()) {
		return nil, "the guard is not a sync.Mutex or sync.RWMutex variable"
	}
	for _, f := range g.units {
		u := f.u
		if u.foreign || u.synthetic || u.obj.Pkg() != dg.pass.Pkg {
			return nil, "the group has globals of another package"
		}
		if c.guard.field != nil {
			if u.obj != lock {
				return nil, "the guard in a global struct guards globals outside it"
			}
			continue
		}
		if u.obj == lock {
			return nil, "the guard lies inside a global of its group"
		}
		if u.obj.Exported() {
			// Other packages may use it, without the guard.
			return nil, "a global of the group is exported"
		}
		if !slices.Contains(c.globals, u.obj) {
			c.globals = append(c.globals, u.obj)
		}
	}
	slices.SortFunc(c.globals, func(a, b *types.Var) int { return comparePos(dg.pass.Fset, a.Pos(), b.Pos()) })
	isGlobal := c.isState

	// Declarations: the lock and the globals in one file, each in a
	// spec of its own (or of group members only) that can be moved.
	declFile := dg.fileOf(lock.Pos())
	if declFile == nil || ast.IsGenerated(declFile) {
		return nil, "the guard is declared in a generated file"
	}
	c.file = declFile
	for _, v := range append([]*types.Var{lock}, c.globals...) {
		if dg.fileOf(v.Pos()) != declFile {
			return nil, "the group is declared in more than one file"
		}
		gd := dg.globals.specs[v]
		spec := specOf(gd, v)
		if gd == nil || spec == nil {
			return nil, "a global of the group has no var declaration"
		}
		if len(spec.Values) > 0 && len(spec.Values) != len(spec.Names) {
			return nil, "a global of the group is declared by a multi-value initialiser"
		}
		for _, n := range spec.Names {
			obj := info.Defs[n]
			if obj != lock && !isGlobal(obj) {
				return nil, "a declaration mixes the group with other variables"
			}
			if obj == lock && len(spec.Names) > 1 {
				return nil, "the guard is declared together with other variables"
			}
		}
		for _, val := range spec.Values {
			if !isInertInit(info, val) {
				// Moving it could reorder side effects of
				// package initialisation.
				return nil, "an initialiser of the group calls a function"
			}
		}
	}

	// Sections, and the uses of the guard outside them.
	lockIdents := map[*ast.Ident]bool{}
	for _, f := range dg.pass.Files {
		for _, s := range dg.findSections(f, c.guard) {
			if s.unlock == nil {
				return nil, "a Lock of the guard has no Unlock in the same block"
			}
			c.sections = append(c.sections, s)
			lockIdents[dg.guardRoot(s.lock.X, c.guard)] = true
			lockIdents[dg.guardRoot(unlockCall(s.unlock), c.guard)] = true
			for _, e := range s.early {
				lockIdents[dg.guardRoot(e.X, c.guard)] = true
			}
		}
	}
	for id, obj := range info.Uses {
		if obj == lock && !lockIdents[id] {
			if c.guard.field != nil {
				if why := dg.structUse(c, id); why != "" {
					return nil, why
				}
				continue
			}
			// TryLock, &mu, sync.NewCond(&mu), a method value, an
			// Unlock in another function than its Lock.
			return nil, "the guard is used other than by a Lock and Unlock pair in one block"
		}
	}
	if len(c.sections) == 0 {
		return nil, "the guard is never locked in this package"
	}
	for _, s := range c.sections {
		if ast.IsGenerated(s.file) {
			return nil, "a critical section lies in a generated file"
		}
		for _, t := range c.sections {
			if s != t && s.covers(t.lock.Pos()) {
				return nil, "the guard is locked inside its own critical section"
			}
		}
	}

	// Every use of the group lies in a section, or in a function
	// called only from sections, which gets the owned value as a
	// parameter (fixcallee.go).
	c.callees = dg.ownedCallees(c)
	for id, obj := range info.Uses {
		if !isGlobal(obj) || lockIdents[id] {
			continue
		}
		var in *section
		for _, s := range c.sections {
			if s.covers(id.Pos()) {
				in = s
				break
			}
		}
		for _, cl := range c.callees {
			if in == nil && cl.covers(id.Pos()) {
				in = cl.section
			}
		}
		if in == nil || in.afterEarly(id.Pos()) {
			return nil, "a global of the group is used outside a critical section of its guard"
		}
		c.uses[id] = in
	}
	if why := dg.checkSections(c, isGlobal); why != "" {
		return nil, why
	}
	if why := dg.checkHiddenTests(c); why != "" {
		return nil, why
	}
	return c, ""
}

// fileOf returns the analysed file holding pos.
func (dg *diagnoser) fileOf(pos token.Pos) *ast.File {
	for _, f := range dg.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// specOf returns the spec of gd that declares v.
func specOf(gd *ast.GenDecl, v *types.Var) *ast.ValueSpec {
	if gd == nil {
		return nil
	}
	for _, s := range gd.Specs {
		vs := s.(*ast.ValueSpec)
		for _, n := range vs.Names {
			if n.Pos() == v.Pos() {
				return vs
			}
		}
	}
	return nil
}

// isInertInit reports whether the initialiser e calls no function other
// than builtins and conversions, so that evaluating it elsewhere in
// package initialisation is unobservable.
func isInertInit(info *types.Info, e ast.Expr) bool {
	inert := true
	ast.Inspect(e, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // not called here
		case *ast.CallExpr:
			if tv, ok := info.Types[n.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
				return true
			}
			inert = false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				inert = false
			}
		}
		return inert
	})
	return inert
}

// guardRoot returns the identifier of the global in a call x.Op() whose
// receiver is the guard g: mu.Lock(), st.mu.Lock(), or st.Lock()
// through the embedded guard; or nil.
func (dg *diagnoser) guardRoot(e ast.Expr, g guardRef) *ast.Ident {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	info := dg.pass.TypesInfo
	root := func(e ast.Expr) *ast.Ident {
		id, _ := ast.Unparen(e).(*ast.Ident)
		if id == nil || info.Uses[id] != g.root {
			return nil
		}
		return id
	}
	if g.field == nil {
		return root(sel.X)
	}
	if inner, ok := ast.Unparen(sel.X).(*ast.SelectorExpr); ok {
		// st.mu.Lock(), or st.Mutex.Lock()
		s := info.Selections[inner]
		if s == nil || s.Kind() != types.FieldVal || s.Obj() != g.field || len(s.Index()) != 1 {
			return nil
		}
		return root(inner.X)
	}
	// st.Lock(): a method of the embedded guard.
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || len(s.Index()) != 2 || s.Index()[0] != g.index {
		return nil
	}
	return root(sel.X)
}

// unlockCall returns the call of an Unlock statement of a section.
func unlockCall(s ast.Stmt) ast.Expr {
	switch s := s.(type) {
	case *ast.ExprStmt:
		return s.X
	case *ast.DeferStmt:
		return s.Call
	}
	return nil
}

// lockOp returns the operation of a statement that is exactly a call
// of a method of the guard g without arguments, or opNone.
func (dg *diagnoser) lockOp(e ast.Expr, g guardRef) lockOpKind {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) > 0 || dg.guardRoot(call, g) == nil {
		return opNone
	}
	fn, _ := typeutil.Callee(dg.pass.TypesInfo, call).(*types.Func)
	return lockMethod(fn)
}

// findSections returns the critical sections of lock in f: in every
// statement list, a statement lock.Lock() (or RLock) paired with the
// first later lock.Unlock() (RUnlock) of the same list, or, in a
// function body, with a defer lock.Unlock() right after it. A Lock
// without such a partner is returned with a nil unlock.
func (dg *diagnoser) findSections(f *ast.File, lock guardRef) []*section {
	var out []*section
	var outer ast.Node // the enclosing declaration
	bodies := map[*ast.BlockStmt]bool{}
	visit := func(n ast.Node) bool {
		var list []ast.Stmt
		body := false
		switch n := n.(type) {
		case *ast.FuncDecl:
			outer = n
			bodies[n.Body] = true
		case *ast.GenDecl:
			outer = n
		case *ast.FuncLit:
			bodies[n.Body] = true
		case *ast.BlockStmt:
			list, body = n.List, bodies[n]
		case *ast.CaseClause:
			list = n.Body
		case *ast.CommClause:
			list = n.Body
		}
		for i, st := range list {
			es, ok := st.(*ast.ExprStmt)
			if !ok {
				continue
			}
			op := dg.lockOp(es.X, lock)
			if op != opLock && op != opRLock {
				continue
			}
			s := &section{list: list, lock: es, read: op == opRLock, file: f, fn: outer}
			want := opUnlock
			if s.read {
				want = opRUnlock
			}
			if body && i+1 < len(list) {
				if ds, ok := list[i+1].(*ast.DeferStmt); ok && dg.lockOp(ds.Call, lock) == want {
					s.unlock, s.deferred, s.body = ds, true, list[i+2:]
				}
			}
			for j := i + 1; s.unlock == nil && j < len(list); j++ {
				if us, ok := list[j].(*ast.ExprStmt); ok && dg.lockOp(us.X, lock) == want {
					s.unlock, s.body = us, list[i+1:j]
					s.early = dg.earlyUnlocks(s.body, lock, want)
				}
			}
			out = append(out, s)
		}
		return true
	}
	ast.Inspect(f, visit) // the analyzer does not require inspect (matter.go)
	return out
}

// earlyUnlocks returns the statements lock.Op() (op: Unlock or RUnlock)
// nested in body, outside function literals, that a return follows in
// their statement list: an early exit from the section.
func (dg *diagnoser) earlyUnlocks(body []ast.Stmt, lock guardRef, op lockOpKind) []*ast.ExprStmt {
	var out []*ast.ExprStmt
	scan := func(list []ast.Stmt) {
		for k, st := range list {
			es, ok := st.(*ast.ExprStmt)
			if !ok || dg.lockOp(es.X, lock) != op || k+1 >= len(list) {
				continue
			}
			if _, ok := list[k+1].(*ast.ReturnStmt); ok {
				out = append(out, es)
			}
		}
	}
	for _, st := range body {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.BlockStmt:
				scan(n.List)
			case *ast.CaseClause:
				scan(n.Body)
			case *ast.CommClause:
				scan(n.Body)
			}
			return true
		})
	}
	return out
}

// checkSections checks what the sections do with the group and the
// guard, and returns why the fix declines, or "".
func (dg *diagnoser) checkSections(c *conversion, isGlobal func(types.Object) bool) string {
	info := dg.pass.TypesInfo
	lockers := dg.guardLockers(c)
	for _, s := range c.sections {
		// A goto could jump over the receive that declares the
		// owned value; labels make the section's extent unclear.
		why := ""
		ast.Inspect(s.fn, func(n ast.Node) bool {
			if _, ok := n.(*ast.LabeledStmt); ok {
				why = "a function with a critical section has labels"
			}
			return why == ""
		})
		if why != "" {
			return why
		}
		for _, st := range s.body {
			ast.Inspect(st, func(n ast.Node) bool {
				if why != "" {
					return false
				}
				why = dg.checkNode(c, s, n, isGlobal, lockers)
				return why == ""
			})
			if why != "" {
				return why
			}
		}
	}
	for _, cl := range c.callees {
		why := ""
		for _, st := range cl.body {
			ast.Inspect(st, func(n ast.Node) bool {
				if why != "" {
					return false
				}
				why = dg.checkNode(c, cl.section, n, isGlobal, lockers)
				return why == ""
			})
		}
		if why != "" {
			return why
		}
	}
	// Addresses of the globals, anywhere.
	for id, s := range c.uses {
		_ = s
		if addressTakenAt(info, c, id) {
			return "the address of a global of the group is taken"
		}
	}
	return ""
}

// checkNode checks one node inside section s, and returns why the fix
// declines, or "".
func (dg *diagnoser) checkNode(c *conversion, s *section, n ast.Node, isGlobal func(types.Object) bool, lockers map[*types.Func]bool) string {
	info := dg.pass.TypesInfo
	escapes := func(e ast.Expr) bool {
		root, ok := groupPath(info, e, isGlobal)
		return ok && root && isReference(info.TypeOf(e))
	}
	switch n := n.(type) {
	case *ast.ReturnStmt:
		for _, r := range n.Results {
			if escapes(r) {
				// The state would leave the owner as an alias (the
				// escape category): the fix would not make it safe.
				return "a critical section returns a map, slice or pointer of the group"
			}
		}
	case *ast.SendStmt:
		if escapes(n.Value) {
			return "a critical section sends a map, slice or pointer of the group"
		}
		if s.read {
			return "a read-locked section communicates on a channel"
		}
	case *ast.GoStmt:
		for _, a := range n.Call.Args {
			if escapes(a) {
				return "a critical section passes a map, slice or pointer of the group to a goroutine"
			}
		}
	case *ast.SelectStmt:
		if s.read {
			// Readers of an RWMutex run together and may wait for
			// each other; holders of the value cannot.
			return "a read-locked section communicates on a channel"
		}
	case *ast.UnaryExpr:
		if n.Op == token.ARROW && s.read {
			return "a read-locked section communicates on a channel"
		}
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			id, ok := ast.Unparen(rootExpr(lhs)).(*ast.Ident)
			if !ok {
				continue
			}
			if v, ok := info.Uses[id].(*types.Var); ok && isPackageVar(v) && !isGlobal(v) && !dg.apis.isSelfSync(v.Type()) {
				return "the guard also guards globals outside the group"
			}
			if i < len(n.Rhs) && len(n.Lhs) == len(n.Rhs) && escapes(n.Rhs[i]) && !isGlobal(info.Uses[id]) {
				if v, ok := info.Uses[id].(*types.Var); ok && isPackageVar(v) {
					return "a critical section stores a map, slice or pointer of the group in another global"
				}
			}
		}
	case *ast.IncDecStmt:
		if id, ok := ast.Unparen(rootExpr(n.X)).(*ast.Ident); ok {
			if v, ok := info.Uses[id].(*types.Var); ok && isPackageVar(v) && !isGlobal(v) && !dg.apis.isSelfSync(v.Type()) {
				return "the guard also guards globals outside the group"
			}
		}
	case *ast.FuncLit:
		// A function literal that uses the group must run inside the
		// section: called at once, or passed to a sorting or search
		// helper that calls it before returning.
		uses := false
		ast.Inspect(n.Body, func(m ast.Node) bool {
			if id, ok := m.(*ast.Ident); ok && isGlobal(info.Uses[id]) {
				uses = true
			}
			return !uses
		})
		if uses && !calledInPlace(info, s, n) {
			return "a function literal in a critical section uses the group and may run later"
		}
	case *ast.CallExpr:
		if !s.read {
			return ""
		}
		// Readers of an RWMutex may hold it together: a read-locked
		// section that locks the guard again (through a call) works
		// with an RWMutex and deadlocks with a single owned value.
		tv := info.Types[n.Fun]
		if tv.IsType() || tv.IsBuiltin() {
			return ""
		}
		fn := typeutil.StaticCallee(info, n)
		if fn == nil {
			if _, isMethod := typeutil.Callee(info, n).(*types.Func); isMethod {
				return "" // an interface method: other packages' code
			}
			return "a read-locked section calls a function value"
		}
		if lockers[fn] {
			return "a read-locked section calls a function that locks the guard"
		}
	}
	return ""
}

// calledInPlace reports whether lit, inside section s, runs before the
// section ends: it is called where it stands, or passed to a function
// of sort, slices or maps, which call their function arguments before
// they return.
func calledInPlace(info *types.Info, s *section, lit *ast.FuncLit) bool {
	var parent *ast.CallExpr
	var stmt ast.Node
	for _, st := range s.body {
		ast.Inspect(st, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.GoStmt, *ast.DeferStmt:
				if n.Pos() <= lit.Pos() && lit.End() <= n.End() {
					stmt = n
				}
			case *ast.CallExpr:
				if ast.Unparen(n.Fun) == lit || slices.ContainsFunc(n.Args, func(a ast.Expr) bool { return ast.Unparen(a) == lit }) {
					parent = n
				}
			}
			return parent == nil
		})
	}
	if parent == nil {
		return calledLocally(info, s, lit)
	}
	if stmt != nil {
		if gs, ok := stmt.(*ast.GoStmt); ok && gs.Call == parent {
			return false
		}
		if ds, ok := stmt.(*ast.DeferStmt); ok && ds.Call == parent {
			return false
		}
	}
	if ast.Unparen(parent.Fun) == lit {
		return true
	}
	fn := typeutil.StaticCallee(info, parent)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "sort", "slices", "maps":
		return true
	}
	return false
}

// calledLocally reports whether lit, inside section s, is the value of
// a local function variable (f := func(...) {...}) that is only ever
// called, directly in the section and not by a go or defer statement
// nor from inside another function literal: then it runs before the
// section ends, like a literal called in place (os/signal's Notify
// and cancel keep their loop bodies so).
func calledLocally(info *types.Info, s *section, lit *ast.FuncLit) bool {
	var v types.Object
	for _, st := range s.body {
		ast.Inspect(st, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == 1 && len(as.Rhs) == 1 && ast.Unparen(as.Rhs[0]) == lit {
				if id, ok := as.Lhs[0].(*ast.Ident); ok {
					v = info.Defs[id]
				}
			}
			return v == nil
		})
	}
	if v == nil {
		return false
	}
	calls := 0
	ok := true
	var walk func(n ast.Node, nested bool)
	walk = func(n ast.Node, nested bool) {
		ast.Inspect(n, func(m ast.Node) bool {
			switch m := m.(type) {
			case *ast.FuncLit:
				if m != lit {
					walk(m.Body, true)
				}
				return false
			case *ast.GoStmt, *ast.DeferStmt:
				// go v() and defer v() do not run v in place.
				call := goOrDeferCall(m)
				walk(call.Fun, nested)
				for _, a := range call.Args {
					walk(a, nested)
				}
				if id, isID := ast.Unparen(call.Fun).(*ast.Ident); isID && info.Uses[id] == v {
					ok = false
				}
				return false
			case *ast.CallExpr:
				if id, isID := ast.Unparen(m.Fun).(*ast.Ident); isID && info.Uses[id] == v {
					if nested {
						ok = false
					}
					calls++
					for _, a := range m.Args {
						walk(a, nested)
					}
					return false
				}
			case *ast.Ident:
				if info.Uses[m] == v {
					ok = false // used as a value: stored, passed, returned
				}
			}
			return ok
		})
	}
	for _, st := range s.body {
		walk(st, false)
	}
	if !ok {
		return false
	}
	// Every use is one of those calls: none after the section.
	uses := 0
	for _, obj := range info.Uses {
		if obj == v {
			uses++
		}
	}
	return uses == calls
}

// guardLockers returns the functions of the package that lock the
// guard, directly or through static calls of the package.
func (dg *diagnoser) guardLockers(c *conversion) map[*types.Func]bool {
	info := dg.pass.TypesInfo
	calls := map[*types.Func][]*types.Func{}
	out := map[*types.Func]bool{}
	for _, s := range c.sections {
		if fd, ok := s.fn.(*ast.FuncDecl); ok {
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
				out[fn] = true
			}
		}
	}
	for _, f := range dg.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			caller, _ := info.Defs[fd.Name].(*types.Func)
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				if call, ok := n.(*ast.CallExpr); ok {
					if fn := typeutil.StaticCallee(info, call); fn != nil && fn.Pkg() == dg.pass.Pkg {
						calls[caller] = append(calls[caller], fn.Origin())
					}
				}
				return true
			})
		}
	}
	for changed := true; changed; {
		changed = false
		for caller, callees := range calls {
			if out[caller] {
				continue
			}
			if slices.ContainsFunc(callees, func(f *types.Func) bool { return out[f] }) {
				out[caller], changed = true, true
			}
		}
	}
	return out
}

// checkHiddenTests returns why the fix declines when the package's own
// test files name the lock, a global of the group or a callee that takes
// the owned value: the fix would leave them behind. The non-test variant
// of the package does not see its test files, so it reads them from the
// package's directory; the test variant, which does, asks the same
// question of the same files, so that both variants offer the same fix
// and print the same message (DESIGN §5 "Test files": one report for a
// package and its test variant).
func (dg *diagnoser) checkHiddenTests(c *conversion) string {
	if len(dg.pass.Files) == 0 {
		return ""
	}
	names := map[string]bool{c.lock.Name(): true}
	for _, v := range c.globals {
		names[v.Name()] = true
	}
	for _, cl := range c.callees {
		names[cl.obj.Name()] = true // a test calling it would lack the value
	}
	var tests []*ast.File
	inPass := false
	for _, f := range dg.pass.Files {
		if strings.HasSuffix(dg.pass.Fset.File(f.Pos()).Name(), "_test.go") {
			tests = append(tests, f)
			inPass = true
		}
	}
	if !inPass {
		dir := filepath.Dir(dg.pass.Fset.File(dg.pass.Files[0].Pos()).Name())
		entries, err := os.ReadDir(dir)
		if err != nil {
			return "" // not a directory of files: nothing hidden there
		}
		fset := token.NewFileSet()
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
			if err != nil {
				return "a test file of the package does not parse"
			}
			tests = append(tests, f)
		}
	}
	for _, f := range tests {
		if f.Name.Name != dg.pass.Pkg.Name() {
			continue // an external test package sees no unexported names
		}
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok && names[id.Name] {
				found = true
			}
			return !found
		})
		if found {
			return "a test file of the package names the group or its guard"
		}
	}
	return ""
}

// rootExpr returns the expression an access path starts from: x of
// x.f[i].g.
func rootExpr(e ast.Expr) ast.Expr {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return e
		}
	}
}

// groupPath reports whether e is a global of the group or a field path
// of one (x, x.f.g), and whether the path has no index or dereference,
// so that its value is the group's own storage.
func groupPath(info *types.Info, e ast.Expr, isGlobal func(types.Object) bool) (plain, ok bool) {
	plain = true
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			if sel := info.Selections[x]; sel == nil || sel.Kind() != types.FieldVal {
				return false, false
			}
			e = x.X
		case *ast.Ident:
			return plain, isGlobal(info.Uses[x])
		default:
			return false, false
		}
	}
}

// isReference reports whether values of t alias memory: maps, slices,
// pointers, channels and functions.
func isReference(t types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Underlying().(type) {
	case *types.Map, *types.Slice, *types.Pointer, *types.Chan, *types.Signature:
		return true
	}
	return false
}

// isPackageVar reports whether v is a package-level variable.
func isPackageVar(v *types.Var) bool {
	return v.Pkg() != nil && v.Parent() == v.Pkg().Scope()
}

// addressTakenAt reports whether use id of a global of c has its address
// taken: &x, &x.f, &x[i] of an array, x[:] of an array, or a method
// value of a pointer method.
func addressTakenAt(info *types.Info, c *conversion, id *ast.Ident) bool {
	s := c.uses[id]
	var path []ast.Node
	for _, st := range s.body {
		if st.Pos() <= id.Pos() && id.End() <= st.End() {
			path = enclosing(st, id)
			break
		}
	}
	// Walk up from the identifier through selections and array
	// indexing, the paths that stay in the global's storage.
	var cur ast.Node = id
	for i := len(path) - 2; i >= 0; i-- {
		switch p := path[i].(type) {
		case *ast.ParenExpr:
		case *ast.SelectorExpr:
			if p.X != cur {
				return false
			}
			if sel := info.Selections[p]; sel != nil && sel.Kind() == types.MethodVal {
				if _, ptr := sel.Obj().Type().(*types.Signature).Recv().Type().(*types.Pointer); ptr {
					// A call of a pointer method is an access; a
					// method value keeps the address.
					if i > 0 {
						if call, ok := path[i-1].(*ast.CallExpr); ok && call.Fun == p {
							return false
						}
					}
					return true
				}
				return false
			}
		case *ast.IndexExpr:
			if p.X != cur {
				return false
			}
			if _, isArray := info.TypeOf(p.X).Underlying().(*types.Array); !isArray {
				return false
			}
		case *ast.SliceExpr:
			if p.X != cur {
				return false
			}
			_, isArray := info.TypeOf(p.X).Underlying().(*types.Array)
			return isArray
		case *ast.UnaryExpr:
			return p.Op == token.AND
		default:
			return false
		}
		cur = path[i]
	}
	return false
}

// enclosing returns the nodes from root down to target.
func enclosing(root ast.Node, target ast.Node) []ast.Node {
	var stack, out []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if out != nil {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		stack = append(stack, n)
		if n == target {
			out = slices.Clone(stack)
		}
		return true
	})
	return out
}

// goOrDeferCall returns the call of a go or defer statement.
func goOrDeferCall(n ast.Node) *ast.CallExpr {
	if g, ok := n.(*ast.GoStmt); ok {
		return g.Call
	}
	return n.(*ast.DeferStmt).Call
}
