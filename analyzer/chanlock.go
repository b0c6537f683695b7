package analyzer

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Channel locks (DESIGN §1 "lockset at an instruction"): a channel of
// capacity 1 rooted at a global, used as a lock: a send acquires it (a second send blocks
// until a receive), a receive releases it. net's nsswitchConfig does
// this (tryAcquireSema sends in a select with a default, releaseSema
// receives). Such a lock is tracked in locksets under an id that starts
// with chanLockPrefix, so that it never becomes a guard nor a fact; it
// only orders the accesses made holding it (race.go exclusive). A
// channel that some context receives from without having sent on it is
// a handoff queue, not a lock: the semaphore rule (verdict.go
// semaphores) drops it, as it drops a mutex unlocked by another
// goroutine.

// chanLockPrefix starts the lockset id of a channel lock: "<-" and the
// channel's path.
const chanLockPrefix = "<-"

// isChanLock reports whether lockset id names a channel lock.
func isChanLock(id string) bool { return strings.HasPrefix(id, chanLockPrefix) }

// chanLockID returns the lockset id of the channel value ch when it is
// loaded from a global path (exactly, as lockID requires of a mutex)
// whose every store in the package is make(chan T, 1).
func (lf *lockFlow) chanLockID(ch ssa.Value) (string, bool) {
	load, ok := ch.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return "", false
	}
	r, ok := lf.graph.addrRef(load.X)
	if !ok || !r.exact || r.global() == nil || r.hops != 0 {
		return "", false
	}
	path := r.path()
	if !lf.capOne()[path] {
		return "", false
	}
	return chanLockPrefix + path, true
}

// capOne returns the global channel paths whose every store in the
// package's source functions (package initialisers included) is
// make(chan T, 1). It is computed once, in one pass over the
// instructions.
func (lf *lockFlow) capOne() map[string]bool {
	if lf.chanCaps != nil {
		return lf.chanCaps
	}
	caps := map[string]bool{}
	bad := map[string]bool{}
	for _, fn := range lf.graph.prog.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				st, ok := instr.(*ssa.Store)
				if !ok || !isChan(st.Val) {
					continue
				}
				r, ok := lf.graph.addrRef(st.Addr)
				if !ok || r.global() == nil {
					continue
				}
				path := r.path()
				if !r.exact || r.hops != 0 || !isMakeChanOne(st.Val) {
					bad[path] = true
					continue
				}
				caps[path] = true
			}
		}
	}
	for path := range bad {
		delete(caps, path)
	}
	lf.chanCaps = caps
	return caps
}

// isChan reports whether v is a channel.
func isChan(v ssa.Value) bool {
	_, ok := v.Type().Underlying().(*types.Chan)
	return ok
}

// isMakeChanOne reports whether v is make(chan T, 1).
func isMakeChanOne(v ssa.Value) bool {
	mc, ok := v.(*ssa.MakeChan)
	if !ok {
		return false
	}
	c, ok := mc.Size.(*ssa.Const)
	if !ok || c.Value == nil || c.Value.Kind() != constant.Int {
		return false
	}
	n, exact := constant.Int64Val(c.Value)
	return exact && n == 1
}

// chanOp applies a send (acquire) or receive (release) on a channel lock
// to st.
func (lf *lockFlow) chanOp(instr ssa.Instruction, st *lockState) {
	switch instr := instr.(type) {
	case *ssa.Send:
		if id, ok := lf.chanLockID(instr.Chan); ok {
			st.acquire(id, false)
		}
	case *ssa.UnOp:
		if instr.Op != token.ARROW {
			return
		}
		if id, ok := lf.chanLockID(instr.X); ok {
			st.release(id)
		}
	}
}

// releasedChan returns the channel lock that instr, a receive, releases.
func (lf *lockFlow) releasedChan(instr ssa.Instruction) (string, bool) {
	u, ok := instr.(*ssa.UnOp)
	if !ok || u.Op != token.ARROW {
		return "", false
	}
	return lf.chanLockID(u.X)
}

// selectCase returns the select and the index of the case chosen on
// the true edge of a branch on cond: cond is `index == k`, index the
// first component of a select's result.
func selectCase(cond ssa.Value) (*ssa.Select, int, bool) {
	eq, ok := cond.(*ssa.BinOp)
	if !ok || eq.Op != token.EQL {
		return nil, 0, false
	}
	ex, ok := eq.X.(*ssa.Extract)
	k, okc := eq.Y.(*ssa.Const)
	if !ok || !okc || ex.Index != 0 || k.Value == nil || k.Value.Kind() != constant.Int {
		return nil, 0, false
	}
	sel, ok := ex.Tuple.(*ssa.Select)
	if !ok {
		return nil, 0, false
	}
	n, exact := constant.Int64Val(k.Value)
	if !exact || n < 0 || int(n) >= len(sel.States) {
		return nil, 0, false
	}
	return sel, int(n), true
}

// refineSelect returns st on the edge where case k of sel was chosen: a
// send on a channel lock acquires it, a receive releases it.
func (lf *lockFlow) refineSelect(sel *ssa.Select, k int, st lockState) lockState {
	s := sel.States[k]
	id, ok := lf.chanLockID(s.Chan)
	if !ok {
		return st
	}
	out := st.fork()
	if s.Dir == types.SendOnly {
		out.acquire(id, false)
	} else {
		out.release(id)
	}
	return out
}

// trueReturnLocks returns the locks held at every return of fn that may
// return true, beyond those held at every return (acquired): what a
// caller holds on the true branch of `if fn()` (a try-acquire helper,
// like TryLock). Nil unless fn returns a single bool.
func trueReturnLocks(fn *ssa.Function, returns []*ssa.Return, locks []lockset, acquired lockset) lockset {
	if fn.Signature.Results().Len() != 1 || !isBool(fn.Signature.Results().At(0).Type()) {
		return nil
	}
	var out lockset
	first := true
	for i, r := range returns {
		if isFalse(r.Results[0]) {
			continue // returns false: nothing is promised
		}
		if first {
			out, first = locks[i], false
		} else {
			out = out.meet(locks[i])
		}
	}
	var extra lockset
	for _, h := range out {
		if !has(acquired, h.id) {
			extra = append(extra, h)
		}
	}
	return extra
}

// isBool reports whether t is a boolean type.
func isBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// isFalse reports whether v is the constant false.
func isFalse(v ssa.Value) bool {
	c, ok := v.(*ssa.Const)
	return ok && c.Value != nil && c.Value.Kind() == constant.Bool && !constant.BoolVal(c.Value)
}

// splitChanLocks returns the mutexes of ls and its channel locks.
func splitChanLocks(ls lockset) (mutexes, chans lockset) {
	for _, h := range ls {
		if isChanLock(h.id) {
			chans = append(chans, h)
		} else {
			mutexes = append(mutexes, h)
		}
	}
	return mutexes, chans
}
