package analyzer

// Tests that every recursive walk over SSA values and types does work
// that grows linearly with the code it walks (DESIGN §6: a real package
// must never make chanown hang). Each test generates code of growing size
// n whose shape made an earlier walk exponential — webs of phis from
// loops with many continues, arithmetic that reuses its values, struct
// types that repeat a field type — and checks the walk's step counter
// (walkCount) against the size. The counts are exact and repeatable; the
// time is in BenchmarkWalks.
//
// Each bound was checked to fail with the walk's visited set or memo
// removed.

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// walkSizes are the sizes n of the generated code.
var walkSizes = []int{4, 8, 16, 32, 64}

// maxStepsPerInstr bounds the steps of one walk per instruction of the
// function it walks. A ref walk may follow a chain of up to maxRefDepth
// single-operand values from each phi edge, hence the constant.
const maxStepsPerInstr = maxRefDepth + 2

// stepLimit returns the steps after which a walk of code of the given
// size is stopped: far above the bound the tests check, far below a hang.
func stepLimit(size int) int { return 100 * maxStepsPerInstr * size }

// bounded runs walk and reports an error if it was stopped at its step
// limit (errTooManySteps).
func bounded(t *testing.T, n int, walk func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			if r != errTooManySteps {
				panic(r)
			}
			t.Errorf("n=%d: the walk was stopped at its step limit", n)
		}
	}()
	walk()
}

// buildFunc type-checks src, a package p without imports, builds its SSA
// and returns the function named name.
func buildFunc(t testing.TB, src, name string) (*ssa.Function, *types.Package) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	pkg := types.NewPackage("p", "p")
	conf := &types.Config{Importer: importer.Default()}
	ssaPkg, _, err := ssautil.BuildPackage(conf, fset, pkg, []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatalf("build: %v\n%s", err, src)
	}
	fn := ssaPkg.Func(name)
	if fn == nil {
		t.Fatalf("no function %s", name)
	}
	return fn, pkg
}

// instrCount returns the number of instructions of fn.
func instrCount(fn *ssa.Function) int {
	n := 0
	for _, b := range fn.Blocks {
		n += len(b.Instrs)
	}
	return n
}

// phiWeb returns a function whose locals p0…p3 and m0…m3, all aliases of
// the globals g and gm, are rotated among each other by n continues
// spread over two nested loops: every loop header and continue target
// gets phis whose edges are the other phis.
func phiWeb(n int) string {
	var b strings.Builder
	b.WriteString(`package p

type T struct{ a int }

var g T
var gm map[int]int
var sink map[int]int

func web(c []int) int {
	p0, p1, p2, p3 := &g, &g, &g, &g
	m := gm
	m0, m1, m2, m3 := m, m, m, m
	for i := 0; i < len(c); i++ {
		for j := 0; j < c[i]; j++ {
`)
	for k := range n {
		a, z := k%4, (k+1)%4
		loop := "j"
		if k%2 == 1 {
			loop = "i"
		}
		fmt.Fprintf(&b, "\t\t\tif c[%s] == %d {\n\t\t\t\tp%d, p%d = p%d, p%d\n\t\t\t\tm%d, m%d = m%d, m%d\n\t\t\t\tcontinue\n\t\t\t}\n",
			loop, k, a, z, z, a, a, z, z, a)
		if k%2 == 1 {
			// A continue of the outer loop from inside the inner one.
			fmt.Fprintf(&b, "\t\t\tif c[j] == -%d {\n\t\t\t\tp%d, m%d = p%d, m%d\n\t\t\t\tbreak\n\t\t\t}\n", k, a, a, z, z)
		}
	}
	b.WriteString(`		}
	}
	sink = m0
	sink = m1
	sink = m2
	sink = m3
	return p0.a + p1.a + p2.a + p3.a
}
`)
	return b.String()
}

// TestWalkRefLinear checks addrRef on every address of a phi web.
func TestWalkRefLinear(t *testing.T) {
	for _, n := range walkSizes {
		fn, _ := buildFunc(t, phiWeb(n), "web")
		size, most, resolved := instrCount(fn), 0, 0
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				v, ok := instr.(*ssa.FieldAddr)
				if !ok {
					continue
				}
				var w refWalk
				w.steps.limit = stepLimit(size)
				bounded(t, n, func() {
					r, ok := w.walkRef(v, 0)
					if ok && r.global() != nil && r.path() == "p.g.a" {
						resolved++
					}
				})
				most = max(most, w.steps.n)
			}
		}
		t.Logf("n=%d: %d instructions, at most %d steps per walk", n, size, most)
		if resolved != 4 {
			t.Errorf("n=%d: %d of the 4 field addresses resolved to p.g.a", n, resolved)
		}
		if most > maxStepsPerInstr*size {
			t.Errorf("n=%d: a walk took %d steps on %d instructions (bound %d per instruction)", n, most, size, maxStepsPerInstr)
		}
	}
}

// TestAliasUsesLinear checks the walk of escapeOf from the load of gm
// through the phi web.
func TestAliasUsesLinear(t *testing.T) {
	for _, n := range walkSizes {
		fn, _ := buildFunc(t, phiWeb(n), "web")
		var load ssa.Value
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if u, ok := instr.(*ssa.UnOp); ok && u.Op == token.MUL {
					if g, ok := u.X.(*ssa.Global); ok && g.Name() == "gm" {
						load = u
					}
				}
			}
		}
		if load == nil {
			t.Fatalf("n=%d: no load of gm", n)
		}
		size := instrCount(fn)
		steps := walkCount{limit: stepLimit(size)}
		stores := 0
		bounded(t, n, func() {
			for _, r := range aliasUses(load, &steps) {
				if s, ok := r.(*ssa.Store); ok {
					if g, ok := s.Addr.(*ssa.Global); ok && g.Name() == "sink" {
						stores++
					}
				}
			}
		})
		t.Logf("n=%d: %d instructions, %d steps", n, size, steps.n)
		if stores != 4 {
			t.Errorf("n=%d: the walk met %d of the 4 stores to sink", n, stores)
		}
		if steps.n > maxStepsPerInstr*size {
			t.Errorf("n=%d: the walk took %d steps on %d instructions", n, steps.n, size)
		}
	}
}

// arithmetic returns a function that loads the count c, doubles it n
// times (each value used twice), rotates it through a loop with n
// continues, and compares the results with constants. The function
// branches on a value derived n times from a parameter.
func arithmetic(n int) string {
	var b strings.Builder
	b.WriteString(`package p

var c int
var r int

func arith(xs []int, a int) {
	x0 := c
	y0 := a + 1
`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "\tx%d := x%d + x%d\n\ty%d := y%d + y%d\n", i, i-1, i-1, i, i-1, i-1)
	}
	fmt.Fprintf(&b, "\tu, v := x%d, x0\n\tfor i := range xs {\n", n)
	for i := range n {
		fmt.Fprintf(&b, "\t\tif xs[i] == %d {\n\t\t\tu, v = v+u, u\n\t\t\tcontinue\n\t\t}\n", i)
	}
	fmt.Fprintf(&b, `	}
	if u > 0 && v < 1 {
		c = 0
	}
	if y%d == 0 {
		r = 1
	}
}
`, n)
	return b.String()
}

// TestDerivesFromCountLinear checks the walk that decides whether a
// branch compares a count, on a value that derives from no count.
func TestDerivesFromCountLinear(t *testing.T) {
	for _, n := range walkSizes {
		fn, _ := buildFunc(t, arithmetic(n), "arith")
		cmp := derivedCond(t, fn)
		size := instrCount(fn)
		steps := walkCount{limit: stepLimit(size)}
		bounded(t, n, func() {
			if derivesFromCount(cmp.X, map[string]bool{"p.c": true}, map[ssa.Value]bool{}, &steps, addrRef) {
				t.Errorf("n=%d: y%d derives from the count c", n, n)
			}
		})
		t.Logf("n=%d: %d instructions, %d steps", n, size, steps.n)
		if steps.n > maxStepsPerInstr*size {
			t.Errorf("n=%d: the walk took %d steps on %d instructions", n, steps.n, size)
		}
	}
}

// derivedCond returns the comparison y_n == 0 of arithmetic's function:
// the equality whose left operand is a sum.
func derivedCond(t testing.TB, fn *ssa.Function) *ssa.BinOp {
	for _, b := range fn.Blocks {
		if i, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			if cmp, ok := i.Cond.(*ssa.BinOp); ok && cmp.Op == token.EQL {
				if x, ok := cmp.X.(*ssa.BinOp); ok && x.Op == token.ADD {
					return cmp
				}
			}
		}
	}
	t.Fatal("no comparison of a sum")
	return nil
}

// TestContainsLockLinear checks containsLock on struct types that repeat
// one field type n times, four levels deep, with no lock at the bottom.
// (go/types' own check of such types grows as n^levels, which bounds the
// sizes that can be type-checked at all.)
func TestContainsLockLinear(t *testing.T) {
	const levels = 4
	for _, n := range walkSizes[:4] {
		var b strings.Builder
		b.WriteString("package p\n\ntype T0 struct{ a int }\n")
		for l := 1; l <= levels; l++ {
			fmt.Fprintf(&b, "type T%d struct {\n", l)
			for i := range n {
				fmt.Fprintf(&b, "\tf%d T%d\n", i, l-1)
			}
			b.WriteString("}\n")
		}
		fmt.Fprintf(&b, "var g T%d\n\nfunc f() {}\n", levels)
		_, pkg := buildFunc(t, b.String(), "f")
		size := levels * n // fields declared
		s := &lockSearch{seen: map[types.Type]bool{}, steps: walkCount{limit: stepLimit(size)}}
		bounded(t, n, func() {
			if s.contains(pkg.Scope().Lookup("g").Type(), 1) {
				t.Errorf("n=%d: found a lock in a type without one", n)
			}
		})
		t.Logf("n=%d: %d fields, %d steps", n, size, s.steps.n)
		if s.steps.n > 2*size+levels {
			t.Errorf("n=%d: the search took %d steps on %d fields", n, s.steps.n, size)
		}
	}
}

// BenchmarkWalks times the walks of the tests above at the largest size.
func BenchmarkWalks(b *testing.B) {
	n := walkSizes[len(walkSizes)-1]
	web, _ := buildFunc(b, phiWeb(n), "web")
	b.Run("walkRef", func(b *testing.B) {
		for b.Loop() {
			for _, blk := range web.Blocks {
				for _, instr := range blk.Instrs {
					if v, ok := instr.(*ssa.FieldAddr); ok {
						addrRef(v)
					}
				}
			}
		}
	})
	arith, _ := buildFunc(b, arithmetic(n), "arith")
	b.Run("derivesFromCount", func(b *testing.B) {
		cmp := derivedCond(b, arith)
		for b.Loop() {
			derivesFromCount(cmp.X, map[string]bool{"p.c": true}, map[ssa.Value]bool{}, nil, addrRef)
		}
	})
}
