package analyzer

import (
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// condHeldAt reports whether the lock id is held conditionally at a, in
// its function or through its callers (DESIGN §5 "Conditionally held
// locks"): held on some path, and no path without it is known to reach
// a. A lock taken under `if c` and an access reached under the same c, in
// the function or in a callee, is held wherever the access runs; the
// dataflow, blind to the correlation, only knows it is held on some
// path. The race tier claims "without holding id" only where a path
// without it reaches the access.
func condHeldAt(a *access, id string) bool {
	return has(a.cond, id)
}

// loadedUnderGuard reports whether a, an access through a pointer, and
// b, an access on the same path, cannot race because a loaded the
// pointer holding guard: they touch different memory, or are ordered by
// the guard (DESIGN §5 "Paths conflict with their prefixes"):
//
//   - `p := cfg` under the guard and then `p.Port` without it reads the
//     pointee, not cfg, so a store of cfg under the guard does not race
//     with it; writes of p.Port's memory (cfg.Port = 1, or a store of a
//     struct field on the way) still do. The store of a prefix Q
//     conflicts with the first pointer load on a's path, counting from
//     the root, whose path extends Q, or with a itself if there is none.
//   - `old := cfg; cfg = c` in one critical section detaches the old
//     pointee from the global: accesses through cfg under the guard
//     touch the old one only before the swap, ordered by the guard, and
//     the new one after it, so they do not race with old.Port.
func (dg *diagnoser) loadedUnderGuard(a, b *access, guard string) bool {
	q := b.unit.key
	for _, load := range dg.pointerLoads(a) {
		r, ok := dg.addrRef(load.X)
		if !ok || !r.exact || r.hops != 0 || r.global() == nil {
			return false
		}
		p := r.path()
		if q == p || strings.HasPrefix(p, q+".") {
			// b touches the pointer the load reads, or memory that
			// holds it.
			return b.unit != a.unit && has(dg.loadLocks[load], guard)
		}
		if strings.HasPrefix(q, p+".") && has(b.locks, guard) && has(dg.loadLocks[load], guard) && dg.swappedAfter(load, p, guard) {
			return true // b, under the guard, reaches only pointees other than a's
		}
	}
	return false
}

// swappedAfter reports whether the critical section of guard that the
// pointer load belongs to stores the loaded path after it, in the load's
// block: `old := cfg; cfg = c`. Each instruction after the load is
// visited once.
func (dg *diagnoser) swappedAfter(load *ssa.UnOp, path, guard string) bool {
	b := load.Block()
	st := lockState{locks: dg.loadLocks[load]}
	for _, instr := range b.Instrs[slices.Index(b.Instrs, ssa.Instruction(load))+1:] {
		if s, ok := instr.(*ssa.Store); ok {
			if r, ok := dg.addrRef(s.Addr); ok && r.exact && r.hops == 0 && r.global() != nil && r.path() == path {
				return true
			}
		}
		dg.transfer(instr, &st, nil)
		if !has(st.locks, guard) {
			return false
		}
	}
	return false
}

// pointerLoads returns the loads of pointers on the way from the root of
// a's address to the memory a touches, the root's first: for p.Port with
// p := cfg, the load of cfg (addrSteps).
func (dg *diagnoser) pointerLoads(a *access) []*ssa.UnOp {
	loads, _, ok := addrSteps(a)
	if !ok {
		return nil
	}
	var ptrs []*ssa.UnOp
	for _, l := range slices.Backward(loads) {
		if _, ok := l.Type().Underlying().(*types.Pointer); ok {
			ptrs = append(ptrs, l)
		}
	}
	return ptrs
}

// addrSteps walks a's address towards its root through field
// selections, type changes and loads, one operand per step, at most
// maxRefDepth steps. It returns the loads passed, a's first, and the
// value where the walk stopped; ok is false when it met another unary
// operation or ran out of steps.
func addrSteps(a *access) (loads []*ssa.UnOp, end ssa.Value, ok bool) {
	v := a.addr
	for range maxRefDepth {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.Field:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.UnOp:
			if x.Op != token.MUL {
				return nil, nil, false
			}
			loads = append(loads, x)
			v = x.X
		default:
			return loads, v, true
		}
	}
	return nil, nil, false
}
