package analyzer

// Unit tests of the ref walk (refs.go): which memory the address of each
// store in a small function refers to, on SSA built from source.

import (
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// refsSrc is the package of the ref tests. Each store writes its own
// constant, which names it in TestRefStores; each load is stored into
// sink, in order.
const refsSrc = `package p

type S struct {
	a  int
	in struct{ b int }
	p  *S
}

var (
	g, h int
	st   S
	arr  [4]int
	sl   []int
	ps   = &S{}
	sink int
)

func f(c, d bool, n int) {
	g = 1
	st.a = 2
	st.in.b = 3
	arr[2] = 4
	sl[1] = 5
	ps.a = 6
	q := &st.in
	q.b = 7
	p := ps
	p.a = 8
	var r *int
	if c {
		r = &st.a
	} else {
		r = &st.a
	}
	*r = 9
	var r2 *int
	if c {
		r2 = &st.a
	} else {
		r2 = &ps.a
	}
	*r2 = 10
	var r3 *int
	if c {
		r3 = &g
	}
	*r3 = 11
	r4 := &h
	for i := 0; i < n; i++ {
		if d {
			r4 = &h
		}
	}
	*r4 = 12
	var r5 *int
	if c {
		r5 = &g
	} else {
		r5 = &h
	}
	*r5 = 16
	sink = st.in.b
	v := st.in
	sink = v.b
}

func m(s *S, x S) {
	s.a = 13
	s.in.b = 14
	s.p.a = 15
}
`

// refsPkg builds the SSA of refsSrc as package example.com/p.
func refsPkg(t testing.TB) *ssa.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", refsSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg := types.NewPackage("example.com/p", "p")
	ssaPkg, _, err := ssautil.BuildPackage(&types.Config{}, fset, pkg, []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	return ssaPkg
}

// refStores returns the address of each store of a constant in fn, by
// the constant, and the values stored into sink, in order.
func refStores(t testing.TB, fn *ssa.Function) (addrs map[int64]ssa.Value, sunk []ssa.Value) {
	t.Helper()
	addrs = map[int64]ssa.Value{}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			st, ok := instr.(*ssa.Store)
			if !ok {
				continue
			}
			if c, ok := st.Val.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.Int {
				v, _ := constant.Int64Val(c.Value)
				addrs[v] = st.Addr
			} else if g, ok := st.Addr.(*ssa.Global); ok && g.Name() == "sink" {
				sunk = append(sunk, st.Val)
			}
		}
	}
	return addrs, sunk
}

// A refWant is the expected ref of an address: ok false means no ref.
type refWant struct {
	ok     bool
	path   string
	exact  bool
	hops   int
	global bool
}

// checkRef compares r, ok with want.
func checkRef(t *testing.T, what string, r ref, ok bool, want refWant) {
	t.Helper()
	if ok != want.ok {
		t.Errorf("%s: ok = %v (ref %s), want %v", what, ok, refPath(r), want.ok)
		return
	}
	if !ok {
		return
	}
	got := refWant{ok, r.path(), r.exact, r.hops, r.global() != nil}
	if got != want {
		t.Errorf("%s: ref = %+v, want %+v", what, got, want)
	}
}

// refPath is r.path() for a ref with a root, else "none".
func refPath(r ref) string {
	if r.root == nil {
		return "none"
	}
	return r.path()
}

// TestRefStores checks addrRef on the address of every store of refsSrc.
func TestRefStores(t *testing.T) {
	pkg := refsPkg(t)
	const p = "example.com/p."
	wants := map[int64]refWant{
		1:  {true, p + "g", true, 0, true},       // a global
		2:  {true, p + "st.a", true, 0, true},    // a field of a global struct
		3:  {true, p + "st.in.b", true, 0, true}, // a nested field
		4:  {true, p + "arr", false, 0, true},    // an element of a global array
		5:  {true, p + "sl", false, 0, true},     // an element of a global slice
		6:  {true, p + "ps.a", true, 0, true},    // through a global pointer: var ps = &S{}
		7:  {true, p + "st.in.b", true, 0, true}, // through a local pointer copy
		8:  {true, p + "ps.a", true, 0, true},    // through a local copy of the global pointer
		9:  {true, p + "st.a", true, 0, true},    // a phi of two identical refs
		10: {false, "", false, 0, false},         // a phi of two different globals
		11: {true, p + "g", true, 0, true},       // a phi of nil and a global
		12: {true, p + "h", true, 0, true},       // loop phis of one global
		16: {false, "", false, 0, false},         // a phi of g and h
		13: {true, "s.a", true, 0, false},        // a field of a pointer parameter
		14: {true, "s.in.b", true, 0, false},     // a nested field of one
		15: {true, "s.p", false, 1, false},       // past a pointer field of a parameter
	}
	addrs, sunk := refStores(t, pkg.Func("f"))
	mAddrs, _ := refStores(t, pkg.Func("m"))
	for c, a := range mAddrs {
		addrs[c] = a
	}
	if len(addrs) != len(wants) {
		t.Fatalf("found %d stores of constants, want %d", len(addrs), len(wants))
	}
	for c, want := range wants {
		r, ok := addrRef(addrs[c])
		checkRef(t, "store of "+constant.MakeInt64(c).String(), r, ok, want)
	}
	// Loads: st.in.b is the global's field; v.b reads a local copy.
	if len(sunk) != 2 {
		t.Fatalf("found %d stores into sink, want 2", len(sunk))
	}
	for i, want := range []refWant{
		{true, p + "st.in.b", true, 0, true},
		{false, "", false, 0, false},
	} {
		load, ok := sunk[i].(*ssa.UnOp)
		if !ok || load.Op != token.MUL {
			t.Fatalf("sink store %d stores %s, not a load", i, sunk[i])
		}
		r, ok := addrRef(load.X)
		checkRef(t, "load "+load.X.String(), r, ok, want)
	}
}

// TestRefRoots checks the roots of a walk: pointer parameters but not
// struct ones, rootName, and a singleton receiver resolved to its global.
func TestRefRoots(t *testing.T) {
	pkg := refsPkg(t)
	m := pkg.Func("m")
	s, x := m.Params[0], m.Params[1]
	if r, ok := addrRef(s); !ok || r.path() != "s" || rootName(s) != "s" {
		t.Errorf("addrRef(s) = %v, %v (rootName %q), want the parameter s", refPath(r), ok, rootName(s))
	}
	if r, ok := addrRef(x); ok {
		t.Errorf("addrRef(x) = %s for a struct parameter, want none", r.path())
	}
	st := pkg.Var("st")
	if got := rootName(st); got != "example.com/p.st" {
		t.Errorf("rootName(st) = %q, want example.com/p.st", got)
	}
	addrs, _ := refStores(t, m)
	w := refWalk{singleton: func(v ssa.Value) *ssa.Global {
		if v == s {
			return st
		}
		return nil
	}}
	for c, want := range map[int64]refWant{
		13: {true, "example.com/p.st.a", true, 0, true},
		14: {true, "example.com/p.st.in.b", true, 0, true},
	} {
		r, ok := w.walkRef(addrs[c], 0)
		checkRef(t, "singleton store of "+constant.MakeInt64(c).String(), r, ok, want)
	}
}
