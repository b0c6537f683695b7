package analyzer

import "golang.org/x/tools/go/ssa"

// A testCall is a call from a function in a test file to one outside
// test files, with the locks the test holds there.
type testCall struct {
	fn     *ssa.Function // the caller, in a test file
	instr  ssa.Instruction
	callee *ssa.Function
	locks  lockset
	cond   lockset // the locks the test holds conditionally there
}

// noteTestCall records the call instr of callee made by the test-file
// function fn holding locks, when the use at instr is a call (or a
// deferred call, when it runs).
func (set *accessSet) noteTestCall(fn *ssa.Function, instr ssa.Instruction, callee *ssa.Function, deferred bool, locks, cond lockset) {
	for _, u := range set.graph.uses[callee] {
		if u.instr == instr && (u.kind == useCall && !deferred || u.kind == useDefer && deferred) {
			set.testCalls = append(set.testCalls, testCall{fn, instr, callee, locks, cond})
			return
		}
	}
}

// testCallAccesses records, at each call from a test file to a function
// whose entry locks (held by all its non-test callers) the test does not
// hold, the accesses that function makes, with the test's locks instead
// of the missing ones. They are placed at the call, in the test file, so
// a test that calls a fooLocked helper without its lock is reported
// there if a context concurrent with that test touches the memory, and
// the helper itself stays judged by its non-test callers (DESIGN §5
// "Test files"). Only the callee's own accesses count, not those of the
// functions it calls in turn. The work is one pass over the accesses and
// one over each call's callee's accesses.
func (set *accessSet) testCallAccesses() {
	if len(set.testCalls) == 0 {
		return
	}
	byFn := map[*ssa.Function][]*access{}
	for _, a := range set.accesses {
		if !a.viaFact && !a.preset {
			byFn[a.fn] = append(byFn[a.fn], a)
		}
	}
	for _, tc := range set.testCalls {
		var missing []string
		for _, h := range set.entryLocks[tc.callee] {
			if held, read := tc.locks.has(h.id); !held || read && !h.read {
				missing = append(missing, h.id)
			}
		}
		if len(missing) == 0 {
			continue
		}
		inside := ""
		if tc.callee.Pkg != nil {
			inside = set.globals.show(tc.callee.Pkg.Pkg.Path() + "." + funcName(tc.callee))
		}
		mutexes, chans := splitChanLocks(tc.locks)
		condMutexes, _ := splitChanLocks(tc.cond)
		// The locks the non-test callers hold conditionally are not
		// held at the test's call unless the test holds them.
		var notHeld []string
		for _, h := range set.entryCond[tc.callee] {
			if !has(tc.locks, h.id) && !has(tc.cond, h.id) {
				notHeld = append(notHeld, h.id)
			}
		}
		for _, a := range byFn[tc.callee] {
			locks, held, cond := a.locks, a.chans, a.cond
			for _, id := range missing {
				locks, held, cond = locks.without(id), held.without(id), cond.without(id)
			}
			for _, id := range notHeld {
				cond = cond.without(id)
			}
			b := &access{unit: a.unit, fn: tc.fn, instr: tc.instr, pos: sitePos(tc.instr), write: a.write,
				locks: locks.union(mutexes), cond: cond.union(condMutexes), chans: held.union(chans), inside: inside, callerLocks: mutexes}
			set.addRef(a.unit, b)
			set.accesses = append(set.accesses, b)
		}
	}
}
