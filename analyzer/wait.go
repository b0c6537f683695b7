package analyzer

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// groupOf returns the WaitGroup or errgroup.Group that a spawn site
// registers its goroutine with, or nil: the receiver of wg.Go or g.Go,
// or the WaitGroup whose Done the started function calls as its last
// action on every path to a return (go func() { defer wg.Done(); … }()),
// so that a Wait on it returns only after the goroutine is done. A Done
// called earlier (a start signal: startwg.Done() at the top) orders
// nothing after the goroutine's other work, and a goroutine that never
// returns is never waited for.
func groupOf(s spawnSite) ssa.Value {
	if c, ok := s.instr.(*ssa.Call); ok {
		if obj := calleeObj(&c.Call); obj != nil && obj.Signature().Recv() != nil && len(c.Call.Args) > 0 {
			return c.Call.Args[0]
		}
		return nil
	}
	g, ok := s.instr.(*ssa.Go)
	if !ok {
		return nil
	}
	var group ssa.Value
	agree := func(call *ssa.CallCommon) bool {
		obj := calleeObj(call)
		if obj == nil || obj.Name() != "Done" || !isWaitGroupMethod(obj) || len(call.Args) == 0 {
			return false
		}
		v := atGoStmt(g, s.target, call.Args[0])
		if v == nil || group != nil && !sameGroup(v, group) {
			return false
		}
		group = v
		return true
	}
	returns := 0
	for _, b := range s.target.Blocks {
		if len(b.Instrs) == 0 || b == s.target.Recover {
			continue // the recover block returns after a panic, once the defers ran
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); !ok {
			continue
		}
		returns++
		switch last := lastAction(b).(type) {
		case *ssa.Call:
			if !agree(&last.Call) {
				return nil
			}
		case *ssa.RunDefers:
			if d := firstDefer(s.target); d == nil || !agree(&d.Call) {
				return nil
			}
		default:
			return nil
		}
	}
	if returns == 0 {
		return nil
	}
	return group
}

// waitsBefore returns the receivers of the Wait calls that precede instr
// on every path in its function, and the channels (chanKey) received
// from there.
func waitsBefore(instr ssa.Instruction) []ssa.Value {
	var out []ssa.Value
	b := instr.Block()
	for _, wb := range instr.Parent().Blocks {
		if !wb.Dominates(b) {
			continue
		}
		for _, w := range wb.Instrs {
			if wb == b && w == instr {
				break
			}
			if u, ok := w.(*ssa.UnOp); ok && u.Op == token.ARROW {
				out = append(out, chanKey(u.X))
				continue
			}
			c, ok := w.(*ssa.Call)
			if !ok {
				continue
			}
			if _, ok := matchSpec(calleeObj(&c.Call), waitSpecs); ok && len(c.Call.Args) > 0 {
				out = append(out, c.Call.Args[0])
			}
		}
	}
	return out
}

// sameGroup reports whether x and y denote the same WaitGroup or group.
func sameGroup(x, y ssa.Value) bool {
	if x == nil || y == nil {
		return false
	}
	if x == y {
		return true
	}
	rx, okx := addrRef(x)
	ry, oky := addrRef(y)
	return okx && oky && rx.exact && ry.exact && rx.global() != nil && rx.root == ry.root && rx.path() == ry.path()
}

// joinChan returns the channel, as a value of the site's function (a
// local channel or the address it is loaded from), that the goroutine
// target started at site sends on or closes as its last action on every
// path to a return (DESIGN §5 "Test files": a receive on it joins the
// goroutine), or nil. A deferred close(ch) registered first in the
// entry block runs last. Each block is looked at once.
func joinChan(site ssa.Instruction, target *ssa.Function) ssa.Value {
	g, ok := site.(*ssa.Go)
	if !ok {
		return nil
	}
	var ch ssa.Value
	agree := func(v ssa.Value) bool {
		k := spawnerChan(g, target, v)
		if k == nil || ch != nil && k != ch {
			return false
		}
		ch = k
		return true
	}
	returns := 0
	for _, b := range target.Blocks {
		if len(b.Instrs) == 0 || b == target.Recover {
			continue // the recover block returns after a panic, once the defers ran
		}
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); !ok {
			continue
		}
		returns++
		last := lastAction(b)
		switch last := last.(type) {
		case *ssa.Send:
			if !agree(last.Chan) {
				return nil
			}
		case *ssa.Call:
			if !isClose(&last.Call) || !agree(last.Call.Args[0]) {
				return nil
			}
		case *ssa.RunDefers:
			d := firstDefer(target)
			if d == nil || !isClose(&d.Call) || !agree(d.Call.Args[0]) {
				return nil
			}
		default:
			return nil
		}
	}
	if returns == 0 {
		return nil
	}
	return ch
}

// lastAction returns the last instruction of b, before its Return, that
// has an effect: a call, send, store, or the running of defers.
func lastAction(b *ssa.BasicBlock) ssa.Instruction {
	for i := len(b.Instrs) - 2; i >= 0; i-- {
		switch instr := b.Instrs[i].(type) {
		case ssa.CallInstruction, *ssa.Send, *ssa.Store, *ssa.MapUpdate, *ssa.RunDefers:
			return instr
		case *ssa.UnOp:
			if instr.Op == token.ARROW {
				return instr
			}
		}
	}
	return nil
}

// firstDefer returns the first Defer of fn's entry block, which runs
// last of all, or nil.
func firstDefer(fn *ssa.Function) *ssa.Defer {
	for _, instr := range fn.Blocks[0].Instrs {
		if d, ok := instr.(*ssa.Defer); ok {
			return d
		}
	}
	return nil
}

// isClose reports whether call is close(ch).
func isClose(call *ssa.CallCommon) bool {
	b, ok := call.Value.(*ssa.Builtin)
	return ok && b.Name() == "close" && len(call.Args) == 1
}

// spawnerChan maps the channel v of the started function target to the
// value that denotes it in the function of the go statement g: a
// captured channel to its binding, a parameter to its argument, a channel
// loaded from a captured variable or a global to that variable's
// address. Nil when it cannot.
func spawnerChan(g *ssa.Go, target *ssa.Function, v ssa.Value) ssa.Value {
	outer := func(x ssa.Value) ssa.Value {
		w := atGoStmt(g, target, x)
		if _, ok := x.(*ssa.Parameter); ok && w != nil {
			return chanKey(w)
		}
		return w
	}
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		return outer(load.X) // the variable's address
	}
	return outer(v)
}

// atGoStmt maps x, a global, free variable or parameter of target, the
// function the go statement g starts, to the value that denotes it at g:
// the global itself, the closure's binding, the call's argument. Nil for
// any other value.
func atGoStmt(g *ssa.Go, target *ssa.Function, x ssa.Value) ssa.Value {
	switch x := x.(type) {
	case *ssa.Global:
		return x
	case *ssa.FreeVar:
		if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
			if i := slices.Index(target.FreeVars, x); i >= 0 && i < len(mc.Bindings) {
				return mc.Bindings[i]
			}
		}
	case *ssa.Parameter:
		if i := slices.Index(target.Params, x); i >= 0 && i < len(g.Call.Args) {
			return g.Call.Args[i]
		}
	}
	return nil
}

// chanKey returns what identifies the channel v in its function: the
// address it is loaded from, or v.
func chanKey(v ssa.Value) ssa.Value {
	if load, ok := v.(*ssa.UnOp); ok && load.Op == token.MUL {
		return load.X
	}
	return v
}

// receives reports whether instr receives from the channel ch (as
// spawnerChan names it).
func receives(instr ssa.Instruction, ch ssa.Value) bool {
	u, ok := instr.(*ssa.UnOp)
	return ok && u.Op == token.ARROW && chanKey(u.X) == ch
}
