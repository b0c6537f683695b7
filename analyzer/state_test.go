package analyzer

// Unit tests of the lockset dataflow's values (state.go): lockset
// operations and lockState fork, merge and equal, without SSA.

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
)

// locksetOf builds a lockset by adding each id in order; an id ending in
// "(R)" is read-held.
func locksetOf(ids ...string) lockset {
	var ls lockset
	for _, id := range ids {
		if name, ok := strings.CutSuffix(id, "(R)"); ok {
			ls = ls.with(name, true)
		} else {
			ls = ls.with(id, false)
		}
	}
	return ls
}

// TestLocksetWith checks that with keeps the set sorted whatever the
// order of insertion, and that a lock held for writing stays so.
func TestLocksetWith(t *testing.T) {
	for _, tc := range []struct {
		ids  []string
		want string
	}{
		{nil, "{}"},
		{[]string{"mu"}, "{mu}"},
		{[]string{"rw(R)"}, "{rw(R)}"},
		{[]string{"b", "a", "c"}, "{a, b, c}"},
		{[]string{"c", "b", "a"}, "{a, b, c}"},
		{[]string{"st.mu", "(*p.T).mu", "mu"}, "{(*p.T).mu, mu, st.mu}"},
		// Adding a held lock again: a write hold wins over a read hold,
		// in either order; two read holds stay a read hold.
		{[]string{"mu", "mu(R)"}, "{mu}"},
		{[]string{"mu(R)", "mu"}, "{mu}"},
		{[]string{"mu(R)", "mu(R)"}, "{mu(R)}"},
		{[]string{"mu", "mu"}, "{mu}"},
	} {
		if got := locksetOf(tc.ids...).String(); got != tc.want {
			t.Errorf("lockset of %q = %s, want %s", tc.ids, got, tc.want)
		}
	}
}

// TestLocksetHas checks has for write-held, read-held and absent locks,
// including ids that sort next to the ones held.
func TestLocksetHas(t *testing.T) {
	ls := locksetOf("b", "d(R)", "f")
	for _, tc := range []struct {
		id       string
		ok, read bool
	}{
		{"b", true, false},
		{"d", true, true},
		{"f", true, false},
		{"a", false, false},
		{"c", false, false},
		{"g", false, false},
		{"d(R)", false, false},
	} {
		ok, read := ls.has(tc.id)
		if ok != tc.ok || read != tc.read {
			t.Errorf("%s.has(%q) = %v, %v; want %v, %v", ls, tc.id, ok, read, tc.ok, tc.read)
		}
	}
	if ok, _ := lockset(nil).has("mu"); ok {
		t.Errorf("nil lockset has mu")
	}
}

// TestLocksetWithout checks that without releases only the given lock.
func TestLocksetWithout(t *testing.T) {
	for _, tc := range []struct {
		ids  []string
		drop string
		want string
	}{
		{[]string{"a", "b", "c"}, "b", "{a, c}"},
		{[]string{"a", "b", "c"}, "a", "{b, c}"},
		{[]string{"a", "b", "c"}, "c", "{a, b}"},
		{[]string{"a", "b(R)"}, "b", "{a}"},
		{[]string{"a", "c"}, "b", "{a, c}"},
		{nil, "a", "{}"},
	} {
		if got := locksetOf(tc.ids...).without(tc.drop).String(); got != tc.want {
			t.Errorf("%s.without(%q) = %s, want %s", locksetOf(tc.ids...), tc.drop, got, tc.want)
		}
	}
}

// TestLocksetImmutable checks that with, without, meet and union return
// new sets and never change their operands: the dataflow keeps the
// states of several blocks that share a backing array.
func TestLocksetImmutable(t *testing.T) {
	ls := locksetOf("a", "c(R)", "e")
	// Leave spare capacity, so that an in-place insert would be possible.
	ls = slices.Grow(ls, 4)
	before := ls.String()
	_ = ls.with("b", false)
	_ = ls.with("c", false) // upgrade of the read hold
	_ = ls.without("a")
	_ = ls.meet(locksetOf("a(R)", "e"))
	_ = ls.union(locksetOf("b", "c", "d"))
	if got := ls.String(); got != before {
		t.Errorf("operations changed their operand: %s, was %s", got, before)
	}
}

// TestLocksetMeet checks meet: the intersection, with a lock read-held on
// either side read-held, commutative and idempotent.
func TestLocksetMeet(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		want string
	}{
		{[]string{"a", "b", "c"}, []string{"b", "c", "d"}, "{b, c}"},
		{[]string{"a"}, []string{"b"}, "{}"},
		{[]string{"a", "b"}, nil, "{}"},
		{[]string{"mu"}, []string{"mu(R)"}, "{mu(R)}"},
		{[]string{"mu(R)"}, []string{"mu(R)"}, "{mu(R)}"},
		{[]string{"mu"}, []string{"mu"}, "{mu}"},
		{[]string{"a", "mu", "z(R)"}, []string{"mu(R)", "z"}, "{mu(R), z(R)}"},
	} {
		a, b := locksetOf(tc.a...), locksetOf(tc.b...)
		if got := a.meet(b).String(); got != tc.want {
			t.Errorf("%s.meet(%s) = %s, want %s", a, b, got, tc.want)
		}
		if got := b.meet(a).String(); got != tc.want {
			t.Errorf("%s.meet(%s) = %s, want %s (meet is commutative)", b, a, got, tc.want)
		}
		if got := a.meet(a).String(); got != a.String() {
			t.Errorf("%s.meet(itself) = %s (meet is idempotent)", a, got)
		}
	}
}

// TestLocksetUnion checks union: every lock of either side, a lock
// write-held on either side write-held, commutative and idempotent.
func TestLocksetUnion(t *testing.T) {
	for _, tc := range []struct {
		a, b []string
		want string
	}{
		{[]string{"a", "c"}, []string{"b", "d"}, "{a, b, c, d}"},
		{[]string{"a"}, nil, "{a}"},
		{nil, nil, "{}"},
		{[]string{"mu"}, []string{"mu(R)"}, "{mu}"},
		{[]string{"mu(R)"}, []string{"mu(R)", "x"}, "{mu(R), x}"},
	} {
		a, b := locksetOf(tc.a...), locksetOf(tc.b...)
		if got := a.union(b).String(); got != tc.want {
			t.Errorf("%s.union(%s) = %s, want %s", a, b, got, tc.want)
		}
		if got := b.union(a).String(); got != tc.want {
			t.Errorf("%s.union(%s) = %s, want %s (union is commutative)", b, a, got, tc.want)
		}
		if got := a.union(a).String(); got != a.String() {
			t.Errorf("%s.union(itself) = %s (union is idempotent)", a, got)
		}
	}
}

// TestLockStateFork checks that a fork can be changed in place without
// changing the state it was forked from.
func TestLockStateFork(t *testing.T) {
	d1, d2 := new(ssa.Defer), new(ssa.Defer)
	s := lockState{locks: locksetOf("a", "b"), defers: []*ssa.Defer{d1}}
	f := s.fork()
	if !f.equal(s) {
		t.Fatalf("fork is not equal to its origin")
	}
	f.locks[0].read = true
	f.defers[0] = d2
	if s.locks.String() != "{a, b}" || s.defers[0] != d1 {
		t.Errorf("changing a fork changed its origin: %s, %v", s.locks, s.defers)
	}
	if f.equal(s) {
		t.Errorf("a changed fork is still equal to its origin")
	}
}

// TestLockStateMerge checks that merge meets the locks and keeps the
// longest common prefix of the deferred calls, and that appending to the
// merged defers does not write into either operand.
func TestLockStateMerge(t *testing.T) {
	d1, d2, d3, d4 := new(ssa.Defer), new(ssa.Defer), new(ssa.Defer), new(ssa.Defer)
	for _, tc := range []struct {
		name       string
		a, b       []*ssa.Defer
		wantDefers []*ssa.Defer
	}{
		{"same", []*ssa.Defer{d1, d2}, []*ssa.Defer{d1, d2}, []*ssa.Defer{d1, d2}},
		{"prefix", []*ssa.Defer{d1, d2, d3}, []*ssa.Defer{d1, d2}, []*ssa.Defer{d1, d2}},
		{"diverge", []*ssa.Defer{d1, d2}, []*ssa.Defer{d1, d3}, []*ssa.Defer{d1}},
		{"first differs", []*ssa.Defer{d2, d1}, []*ssa.Defer{d1, d2}, nil},
		{"none", nil, []*ssa.Defer{d1}, nil},
	} {
		a := lockState{locks: locksetOf("a", "mu", "x"), defers: slices.Clip(tc.a)}
		b := lockState{locks: locksetOf("mu(R)", "x"), defers: slices.Clip(tc.b)}
		// Room after the operands' defers, where an append could land.
		a.defers = slices.Grow(a.defers, 2)
		b.defers = slices.Grow(b.defers, 2)
		aBefore, bBefore := slices.Clone(a.defers), slices.Clone(b.defers)
		m := a.merge(b)
		if got := m.locks.String(); got != "{mu(R), x}" {
			t.Errorf("%s: merged locks = %s, want {mu(R), x}", tc.name, got)
		}
		if !slices.Equal(m.defers, tc.wantDefers) {
			t.Errorf("%s: merged defers = %v, want %v", tc.name, m.defers, tc.wantDefers)
		}
		if mb := b.merge(a); !mb.equal(m) {
			t.Errorf("%s: merge is not commutative: %v vs %v", tc.name, mb, m)
		}
		m.defers = append(m.defers, d4)
		if !slices.Equal(a.defers, aBefore) || !slices.Equal(b.defers, bBefore) {
			t.Errorf("%s: appending to the merged defers changed an operand", tc.name)
		}
		if a.defers = a.defers[:cap(a.defers)]; len(aBefore) < len(a.defers) && a.defers[len(aBefore)] == d4 {
			t.Errorf("%s: appending to the merged defers wrote into a's backing array", tc.name)
		}
	}
}

// TestLockStateEqual checks that equal compares the lock ids, the read
// flags and the deferred calls in order.
func TestLockStateEqual(t *testing.T) {
	d1, d2 := new(ssa.Defer), new(ssa.Defer)
	base := lockState{locks: locksetOf("a", "b"), defers: []*ssa.Defer{d1, d2}}
	for _, tc := range []struct {
		name string
		o    lockState
		want bool
	}{
		{"same", lockState{locks: locksetOf("b", "a"), defers: []*ssa.Defer{d1, d2}}, true},
		{"read flag", lockState{locks: locksetOf("a", "b(R)"), defers: []*ssa.Defer{d1, d2}}, false},
		{"fewer locks", lockState{locks: locksetOf("a"), defers: []*ssa.Defer{d1, d2}}, false},
		{"defer order", lockState{locks: locksetOf("a", "b"), defers: []*ssa.Defer{d2, d1}}, false},
		{"fewer defers", lockState{locks: locksetOf("a", "b"), defers: []*ssa.Defer{d1}}, false},
	} {
		if got := base.equal(tc.o); got != tc.want {
			t.Errorf("%s: equal = %v, want %v", tc.name, got, tc.want)
		}
		if got := tc.o.equal(base); got != tc.want {
			t.Errorf("%s: equal (swapped) = %v, want %v", tc.name, got, tc.want)
		}
	}
}
