package analyzer

import "golang.org/x/tools/go/ssa"

// A gateSet collects, while collectAccesses walks callers before their
// callees, the locks held wherever a bool parameter of a function that
// inherits its callers' locks may be true: the meet of the locks held at
// every call that does not pass the constant false, where a call that
// passes a bool parameter of its own adds that parameter's gate.
//
// A path on which a caller passes false never takes the branch the
// parameter guards, so a lock that every other caller holds is held on
// every path to that branch (DESIGN §1 "lockset at an instruction": the
// locks held on every path; docs/design.md "Locks implied by a bool
// argument"). The shape is caddy's provisionContext(cfg,
// replaceAdminServer): the load path passes true holding rawCfgMu,
// Validate passes false holding nothing, and only the true branch
// replaces the admin servers.
type gateSet struct {
	held map[*ssa.Function]map[int]lockset
}

func newGateSet() *gateSet {
	return &gateSet{held: map[*ssa.Function]map[int]lockset{}}
}

// contribute records the call of callee at call, made by caller holding
// locks; callerGates are the caller's own gates. A nil call (callee passed
// as a callback) says nothing of the arguments: every parameter may be
// true there, with locks held. Each call is visited once per use, so the
// work is linear in the calls times the callee's parameters.
func (g *gateSet) contribute(callee *ssa.Function, call *ssa.CallCommon, locks lockset, callerGates map[*ssa.Parameter]lockset) {
	var args []ssa.Value
	if call != nil && call.StaticCallee() == callee && len(call.Args) == len(callee.Params) {
		args = call.Args
	}
	for k, p := range callee.Params {
		if !isBool(p.Type()) {
			continue
		}
		held := locks
		if args != nil {
			if isFalse(args[k]) {
				continue // this call never takes the parameter's branch
			}
			if q, ok := args[k].(*ssa.Parameter); ok {
				held = held.union(callerGates[q])
			}
		}
		byParam := g.held[callee]
		if byParam == nil {
			byParam = map[int]lockset{}
			g.held[callee] = byParam
		}
		if prev, ok := byParam[k]; ok {
			byParam[k] = prev.meet(held)
		} else {
			byParam[k] = held
		}
	}
}

// of returns fn's gates: for each bool parameter that some call may pass
// true, the locks held at every such call. The caller asks only once
// every call of fn has contributed (collectAccesses' completeness test).
func (g *gateSet) of(fn *ssa.Function) map[*ssa.Parameter]lockset {
	var out map[*ssa.Parameter]lockset
	for k, held := range g.held[fn] {
		if len(held) == 0 {
			continue
		}
		if out == nil {
			out = map[*ssa.Parameter]lockset{}
		}
		out[fn.Params[k]] = held
	}
	return out
}
