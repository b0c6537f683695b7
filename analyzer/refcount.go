package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// isRefCount reports whether u is a reference count (DESIGN §1, §5
// "Reference counts in SSA"): an integer whose every write is ++, --,
// += n, -= n (any integer n) or the assignment of a constant. Its loads
// may flow anywhere as values (compared, returned by a getter, printed,
// passed by value); only its address leaving a load or store (&n passed
// to a function, stored, converted) disqualifies it, since a pointer can
// write anything. refs are u's accesses; addrTaken holds the paths whose
// address does.
func isRefCount(u *unit, refs []*access, addrTaken map[string]bool, refOf refResolver) bool {
	b, ok := u.typ.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 {
		return false
	}
	// The address of the count, or of a struct or array that holds
	// it, lets a pointer write it.
	for key := u.key; ; {
		if addrTaken[key] {
			return false
		}
		i := strings.LastIndex(key, ".")
		if i <= strings.LastIndex(key, "/") {
			break
		}
		key = key[:i]
	}
	for _, a := range refs {
		switch instr := a.instr.(type) {
		case *ssa.UnOp:
			// A load: its value may go anywhere.
		case *ssa.Store:
			if !countStore(instr, u, refOf) {
				return false
			}
		default:
			return false // passed by pointer, or another shape
		}
	}
	return true
}

// countStore reports whether s stores a constant, or the unit's own value
// plus or minus an integer, into u.
func countStore(s *ssa.Store, u *unit, refOf refResolver) bool {
	switch v := s.Val.(type) {
	case *ssa.Const:
		return true
	case *ssa.BinOp:
		switch v.Op {
		case token.ADD:
			return loadsUnit(v.X, u, refOf) || loadsUnit(v.Y, u, refOf)
		case token.SUB:
			return loadsUnit(v.X, u, refOf) // n - k, not k - n
		}
	}
	return false
}

// loadsUnit reports whether v is a load of u.
func loadsUnit(v ssa.Value, u *unit, refOf refResolver) bool {
	l, ok := v.(*ssa.UnOp)
	if !ok || l.Op != token.MUL {
		return false
	}
	r, ok := refOf(l.X)
	return ok && r.global() != nil && r.path() == u.key
}

// addressTaken returns the paths of globals whose address is used other
// than to load from it, store into it or select a field or element of it
// (whose own uses are checked in turn): &n passed to a function, stored,
// converted or captured. Passing it as the receiver of a singleton method
// is none of these: the method's accesses are the global's. It looks at each operand of each instruction of
// the package's source functions once.
func (cl *classifier) addressTaken() map[string]bool {
	if cl.addrTaken != nil {
		return cl.addrTaken
	}
	cl.addrTaken = map[string]bool{}
	var rands []*ssa.Value
	for _, fn := range cl.prog.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				rands = instr.Operands(rands[:0])
				for _, rand := range rands {
					v := *rand
					switch v.(type) {
					case *ssa.Global, *ssa.FieldAddr, *ssa.IndexAddr:
					default:
						continue
					}
					if !isPointer(v.Type()) || usesAddress(instr, v) || cl.singletonRecv(instr, v) {
						continue
					}
					if r, ok := cl.graph.addrRef(v); ok && r.global() != nil && r.exact && r.hops == 0 {
						cl.addrTaken[r.path()] = true
					}
				}
			}
		}
	}
	return cl.addrTaken
}

// singletonRecv reports whether instr passes v as the receiver of a
// singleton method, whose accesses through it are the global's own and
// are checked as such.
func (cl *classifier) singletonRecv(instr ssa.Instruction, v ssa.Value) bool {
	c, ok := instr.(ssa.CallInstruction)
	if !ok || c.Common().IsInvoke() || len(c.Common().Args) == 0 || c.Common().Args[0] != v {
		return false
	}
	fn := staticCallee(c.Common())
	return fn != nil && len(fn.Params) > 0 && cl.graph.singletons[fn.Params[0]] != nil
}

// usesAddress reports whether instr uses the address v only as an
// address: to load from it, store into it (not store it), select a
// field or element of it, or for debugging.
func usesAddress(instr ssa.Instruction, v ssa.Value) bool {
	switch instr := instr.(type) {
	case *ssa.UnOp:
		return instr.Op == token.MUL
	case *ssa.Store:
		return instr.Addr == v && instr.Val != v
	case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.DebugRef:
		return true
	}
	return false
}

// branchGuards returns the branches that decide whether block b runs:
// for each dominating block ending in an If, the side whose successor has
// it as only predecessor and dominates b. It climbs the dominator tree
// once (Dominates is constant time): linear in b's dominators.
func branchGuards(b *ssa.BasicBlock) []branch {
	var out []branch
	for d := b.Idom(); d != nil; d = d.Idom() {
		if len(d.Instrs) == 0 {
			continue
		}
		ifi, ok := d.Instrs[len(d.Instrs)-1].(*ssa.If)
		if !ok {
			continue
		}
		for i, s := range d.Succs {
			if len(s.Preds) == 1 && s.Dominates(b) {
				out = append(out, branch{ifi, i == 0})
			}
		}
	}
	return out
}

// A branch is one side of an If.
type branch struct {
	cond  *ssa.If
	taken bool // the true side
}

// decidedByCount reports whether the write a runs only on a branch decided
// by comparing a reference count in counts with a constant (DESIGN §5:
// control-dependent on such a comparison).
func decidedByCount(a *access, counts map[string]bool, refOf refResolver) bool {
	for _, br := range branchGuards(a.instr.Block()) {
		cmp, ok := br.cond.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		if isConst(cmp.Y) && derivesFromCount(cmp.X, counts, map[ssa.Value]bool{}, nil, refOf) || isConst(cmp.X) && derivesFromCount(cmp.Y, counts, map[ssa.Value]bool{}, nil, refOf) {
			return true
		}
	}
	return false
}

// isLazyInit reports whether the write a runs only on the branch where
// its unit was found nil (if g == nil { g = … }).
func isLazyInit(a *access, refOf refResolver) bool { return lazyCheck(a, refOf) != nil }

// lazyCheck returns the block whose nil check of a's unit decides that the
// write a runs, or nil if a is not a lazy initialisation.
func lazyCheck(a *access, refOf refResolver) *ssa.BasicBlock {
	for _, br := range branchGuards(a.instr.Block()) {
		cmp, ok := br.cond.Cond.(*ssa.BinOp)
		if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) || br.taken != (cmp.Op == token.EQL) {
			continue
		}
		x, y := cmp.X, cmp.Y
		if isNil(x) {
			x, y = y, x
		}
		if isNil(y) && loadsUnit(x, a.unit, refOf) {
			return br.cond.Block()
		}
	}
	return nil
}

// derivesFromCount reports whether v is a load of a count in counts, or
// local arithmetic on one. seen holds the values already checked: each
// is checked once, so the work is linear in the arithmetic that v is made
// of, however its operands share values (x := c+c; y := x+x; …).
func derivesFromCount(v ssa.Value, counts map[string]bool, seen map[ssa.Value]bool, steps *walkCount, refOf refResolver) bool {
	steps.step()
	if seen[v] {
		return false // checked already, and found not to derive
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			r, ok := refOf(v.X)
			return ok && r.global() != nil && counts[r.path()]
		}
		return derivesFromCount(v.X, counts, seen, steps, refOf)
	case *ssa.BinOp:
		return derivesFromCount(v.X, counts, seen, steps, refOf) || derivesFromCount(v.Y, counts, seen, steps, refOf)
	case *ssa.Convert:
		return derivesFromCount(v.X, counts, seen, steps, refOf)
	}
	return false
}

func isConst(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() != constant.Unknown
}

func isNil(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.IsNil()
}
