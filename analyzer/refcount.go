package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// isRefCount reports whether u is a reference count (DESIGN §1, §5): an
// integer whose every access is ++, --, += k, -= k with constant k,
// assignment of a constant, a comparison, or a read into a local value
// used only in comparisons and local arithmetic.
func isRefCount(u *unit) bool {
	b, ok := u.typ.Underlying().(*types.Basic)
	if !ok || b.Info()&types.IsInteger == 0 {
		return false
	}
	for _, a := range u.refs {
		switch instr := a.instr.(type) {
		case *ssa.UnOp:
			if !localUse(instr, u, map[ssa.Value]bool{}, nil) {
				return false
			}
		case *ssa.Store:
			if !countStore(instr, u) {
				return false
			}
		default:
			return false // passed by pointer, or another shape
		}
	}
	return true
}

// countStore reports whether s stores a constant, or the unit's own value
// plus or minus a constant, into u.
func countStore(s *ssa.Store, u *unit) bool {
	switch v := s.Val.(type) {
	case *ssa.Const:
		return true
	case *ssa.BinOp:
		if v.Op != token.ADD && v.Op != token.SUB {
			return false
		}
		_, yConst := v.Y.(*ssa.Const)
		_, xConst := v.X.(*ssa.Const)
		return (yConst && loadsUnit(v.X, u)) || (xConst && v.Op == token.ADD && loadsUnit(v.Y, u))
	}
	return false
}

// loadsUnit reports whether v is a load of u.
func loadsUnit(v ssa.Value, u *unit) bool {
	l, ok := v.(*ssa.UnOp)
	if !ok || l.Op != token.MUL {
		return false
	}
	r, ok := addrRef(l.X)
	return ok && r.global() != nil && r.path() == u.key
}

// localUse reports whether the value v, loaded from u, flows only into
// comparisons and local integer arithmetic (or back into u as a count
// update). seen holds the values already checked or being checked: each
// value's referrers are visited once, so the work is linear in the
// function however its arithmetic and phis share values.
func localUse(v ssa.Value, u *unit, seen map[ssa.Value]bool, steps *walkCount) bool {
	if seen[v] {
		return true // checked, or being checked around a loop
	}
	seen[v] = true
	refs := v.Referrers()
	if refs == nil {
		return true
	}
	for _, r := range *refs {
		steps.step()
		switch r := r.(type) {
		case *ssa.BinOp:
			switch r.Op {
			case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
				continue
			}
			if !localUse(r, u, seen, steps) {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.SUB && r.Op != token.XOR {
				return false
			}
			if !localUse(r, u, seen, steps) {
				return false
			}
		case *ssa.Convert:
			if b, ok := r.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
				return false
			}
			if !localUse(r, u, seen, steps) {
				return false
			}
		case *ssa.Phi:
			if !localUse(r, u, seen, steps) {
				return false
			}
		case *ssa.Store:
			if !countStore(r, u) {
				return false
			}
			ar, ok := addrRef(r.Addr)
			if !ok || ar.path() != u.key {
				return false
			}
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
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
func decidedByCount(a *access, counts map[string]bool) bool {
	for _, br := range branchGuards(a.instr.Block()) {
		cmp, ok := br.cond.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		if isConst(cmp.Y) && derivesFromCount(cmp.X, counts, map[ssa.Value]bool{}, nil) || isConst(cmp.X) && derivesFromCount(cmp.Y, counts, map[ssa.Value]bool{}, nil) {
			return true
		}
	}
	return false
}

// isLazyInit reports whether the write a runs only on the branch where
// its unit was found nil (if g == nil { g = … }).
func isLazyInit(a *access) bool { return lazyCheck(a) != nil }

// lazyCheck returns the block whose nil check of a's unit decides that the
// write a runs, or nil if a is not a lazy initialisation.
func lazyCheck(a *access) *ssa.BasicBlock {
	for _, br := range branchGuards(a.instr.Block()) {
		cmp, ok := br.cond.Cond.(*ssa.BinOp)
		if !ok || (cmp.Op != token.EQL && cmp.Op != token.NEQ) || br.taken != (cmp.Op == token.EQL) {
			continue
		}
		x, y := cmp.X, cmp.Y
		if isNil(x) {
			x, y = y, x
		}
		if isNil(y) && loadsUnit(x, a.unit) {
			return br.cond.Block()
		}
	}
	return nil
}

// derivesFromCount reports whether v is a load of a count in counts, or
// local arithmetic on one. seen holds the values already checked: each
// is checked once, so the work is linear in the arithmetic that v is made
// of, however its operands share values (x := c+c; y := x+x; …).
func derivesFromCount(v ssa.Value, counts map[string]bool, seen map[ssa.Value]bool, steps *walkCount) bool {
	steps.step()
	if seen[v] {
		return false // checked already, and found not to derive
	}
	seen[v] = true
	switch v := v.(type) {
	case *ssa.UnOp:
		if v.Op == token.MUL {
			r, ok := addrRef(v.X)
			return ok && r.global() != nil && counts[r.path()]
		}
		return derivesFromCount(v.X, counts, seen, steps)
	case *ssa.BinOp:
		return derivesFromCount(v.X, counts, seen, steps) || derivesFromCount(v.Y, counts, seen, steps)
	case *ssa.Convert:
		return derivesFromCount(v.X, counts, seen, steps)
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
