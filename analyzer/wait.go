package analyzer

import (
	"slices"

	"golang.org/x/tools/go/ssa"
)

// groupOf returns the WaitGroup or errgroup.Group that a spawn site
// registers its goroutine with, or nil: the receiver of wg.Go or g.Go,
// or the WaitGroup whose Done the started function calls (go func() {
// defer wg.Done(); … }()).
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
	for _, b := range s.target.Blocks {
		for _, instr := range b.Instrs {
			ci, ok := instr.(ssa.CallInstruction)
			if !ok {
				continue
			}
			call := ci.Common()
			obj := calleeObj(call)
			if obj == nil || obj.Name() != "Done" || !isWaitGroupMethod(obj) || len(call.Args) == 0 {
				continue
			}
			switch recv := call.Args[0].(type) {
			case *ssa.Global:
				return recv
			case *ssa.FreeVar:
				if mc, ok := g.Call.Value.(*ssa.MakeClosure); ok {
					if i := slices.Index(s.target.FreeVars, recv); i >= 0 && i < len(mc.Bindings) {
						return mc.Bindings[i]
					}
				}
			case *ssa.Parameter:
				if i := slices.Index(s.target.Params, recv); i >= 0 && i < len(g.Call.Args) {
					return g.Call.Args[i]
				}
			}
		}
	}
	return nil
}

// waitsBefore returns the receivers of the Wait calls that precede instr
// on every path in its function.
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
