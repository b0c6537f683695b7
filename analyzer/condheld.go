package analyzer

import "golang.org/x/tools/go/ssa"

// A condHeld tells, after the lockset dataflow of one function, which of
// the locks held on some path but not on every path to a block are held
// conditionally (DESIGN §5 "Conditionally held locks"): no path without
// the lock is known to reach the block. A path without the lock is
// known to reach b when b post-dominates a split of the lock, a block
// that some edge enters without the lock while another path holds it:
// every run through the split then reaches b, the run without the lock
// included. Otherwise the runs without the lock may all turn away
// before b, and they do when a later branch tests the condition the
// lock was taken under (`if unix { mu.Lock() }` … `if unix { use() }`),
// or a callee's, which the dataflow cannot correlate.
type condHeld struct {
	splits map[string][]*ssa.BasicBlock // by lock id, in block order
	memo   map[[2]int]bool              // postDominates by (b, split) indices
}

// newCondHeld returns the condHeld of a function whose dataflow ended
// with the block entry states in; nil when every lock held on some path
// to a block is held on every path to it, as in most functions, which
// then pay nothing more. Otherwise the locks held on some path on each
// edge are computed again from in, one pass over the blocks.
func (lf *lockFlow) newCondHeld(fn *ssa.Function, in []*lockState, gates map[*ssa.Parameter]lockset) *condHeld {
	need := false
	for _, st := range in {
		// may is a superset of locks: a longer may holds more.
		if st != nil && len(st.may) > len(st.locks) {
			need = true
			break
		}
	}
	if !need {
		return nil
	}
	// out[p][i] holds the locks held on some path on the edge from
	// block p to its i-th successor.
	out := make([][]lockset, len(fn.Blocks))
	for _, p := range fn.Blocks {
		if in[p.Index] == nil {
			continue
		}
		st := in[p.Index].fork()
		for _, instr := range p.Instrs {
			lf.transfer(instr, &st, nil)
		}
		out[p.Index] = make([]lockset, len(p.Succs))
		for i := range p.Succs {
			out[p.Index][i] = lf.refineEdge(p, i, st, gates).may
		}
	}
	c := &condHeld{splits: map[string][]*ssa.BasicBlock{}, memo: map[[2]int]bool{}}
	for _, b := range fn.Blocks {
		st := in[b.Index]
		if st == nil {
			continue
		}
		for _, h := range st.may {
			if has(st.locks, h.id) {
				continue
			}
			for _, p := range b.Preds {
				if c.entersWithout(p, b, h.id, out) {
					c.splits[h.id] = append(c.splits[h.id], b)
					break
				}
			}
		}
	}
	return c
}

// entersWithout reports whether an edge from the reachable block p to b
// carries no lock id on any path.
func (c *condHeld) entersWithout(p, b *ssa.BasicBlock, id string, out [][]lockset) bool {
	for i, s := range p.Succs {
		if s == b && out[p.Index] != nil && !has(out[p.Index][i], id) {
			return true
		}
	}
	return false
}

// cond returns the locks of may, the locks held on some path to an
// instruction of b, that are neither in locks, held on every path, nor
// known to be missing on a path that reaches b: the conditionally held
// ones. c may be nil.
func (c *condHeld) cond(b *ssa.BasicBlock, locks, may lockset) lockset {
	if c == nil || len(may) == len(locks) {
		return nil
	}
	var out lockset
	for _, h := range may {
		if has(locks, h.id) || c.missingReaches(b, h.id) {
			continue
		}
		out = append(out, h) // may is sorted, and so is out
	}
	return out
}

// missingReaches reports whether b post-dominates a split of lock id.
func (c *condHeld) missingReaches(b *ssa.BasicBlock, id string) bool {
	for _, s := range c.splits[id] {
		if c.postDominates(b, s) {
			return true
		}
	}
	return false
}

// postDominates reports whether every path from block s to an exit of
// its function (a block without successors: a return or a panic) passes
// through b. One walk over the blocks from s, with a visited set, per
// (b, s) pair, memoised.
func (c *condHeld) postDominates(b, s *ssa.BasicBlock) bool {
	if b == s {
		return true
	}
	k := [2]int{b.Index, s.Index}
	if v, ok := c.memo[k]; ok {
		return v
	}
	v := true
	seen := map[*ssa.BasicBlock]bool{s: true, b: true}
	work := []*ssa.BasicBlock{s}
	for len(work) > 0 && v {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		if len(x.Succs) == 0 {
			v = false
			break
		}
		for _, y := range x.Succs {
			if !seen[y] {
				seen[y] = true
				work = append(work, y)
			}
		}
	}
	c.memo[k] = v
	return v
}
