package analyzer

import (
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A held lock in a lockset: the lock's id and whether it is only
// read-held (RLock).
type held struct {
	id   string
	read bool
}

// A lockset is the set of locks held on every path to a point, sorted by
// id. Global locks have ids that are their paths ("mu", "st.mu"); instance
// locks have ids that start with "(" (see instanceLockID).
type lockset []held

// has reports whether ls holds id, and whether only for reading.
func (ls lockset) has(id string) (ok, read bool) {
	i, found := slices.BinarySearchFunc(ls, id, func(h held, id string) int { return strings.Compare(h.id, id) })
	if !found {
		return false, false
	}
	return true, ls[i].read
}

// with returns ls with id held (write-held unless read).
func (ls lockset) with(id string, read bool) lockset {
	i, found := slices.BinarySearchFunc(ls, id, func(h held, id string) int { return strings.Compare(h.id, id) })
	out := slices.Clone(ls)
	if found {
		out[i].read = out[i].read && read
		return out
	}
	return slices.Insert(out, i, held{id, read})
}

// without returns ls with id released.
func (ls lockset) without(id string) lockset {
	i, found := slices.BinarySearchFunc(ls, id, func(h held, id string) int { return strings.Compare(h.id, id) })
	if !found {
		return ls
	}
	return slices.Delete(slices.Clone(ls), i, i+1)
}

// meet returns the locks held in both ls and other; a lock write-held in
// one and read-held in the other is read-held.
func (ls lockset) meet(other lockset) lockset {
	var out lockset
	i, j := 0, 0
	for i < len(ls) && j < len(other) {
		switch c := strings.Compare(ls[i].id, other[j].id); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			out = append(out, held{ls[i].id, ls[i].read || other[j].read})
			i++
			j++
		}
	}
	return out
}

// union returns the locks held in ls or other.
func (ls lockset) union(other lockset) lockset {
	out := ls
	for _, h := range other {
		out = out.with(h.id, h.read)
	}
	return out
}

// String formats ls for debugging: "{mu, rw(R)}".
func (ls lockset) String() string {
	var parts []string
	for _, h := range ls {
		if h.read {
			parts = append(parts, h.id+"(R)")
		} else {
			parts = append(parts, h.id)
		}
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// A lockState is the abstract state of the lockset dataflow at a point in
// a function: the locks held on every path, the locks held on some path,
// and the calls deferred so far.
type lockState struct {
	locks lockset
	// may holds the locks held on some path to the point, a superset of
	// locks: a lock taken under a condition is in may after the branches
	// join. flow tells from it which locks are held conditionally
	// (condHeld), where the race tier claims no "without holding"
	// (DESIGN §5 "Conditionally held locks").
	may    lockset
	defers []*ssa.Defer
}

// fork returns a copy of s that can be changed without changing s.
func (s lockState) fork() lockState {
	return lockState{locks: slices.Clone(s.locks), may: slices.Clone(s.may), defers: slices.Clone(s.defers)}
}

// merge returns the state at a join: the meet of the locks held on every
// path, the union of those held on some path, and the longest common
// prefix of the deferred calls.
func (s lockState) merge(o lockState) lockState {
	n := 0
	for n < len(s.defers) && n < len(o.defers) && s.defers[n] == o.defers[n] {
		n++
	}
	return lockState{locks: s.locks.meet(o.locks), may: s.may.union(o.may), defers: s.defers[:n:n]}
}

// equal reports whether s and o are the same state.
func (s lockState) equal(o lockState) bool {
	return slices.Equal(s.locks, o.locks) && slices.Equal(s.may, o.may) && slices.Equal(s.defers, o.defers)
}

// acquire records that id is now held on every path (read-held if read).
func (s *lockState) acquire(id string, read bool) {
	s.locks = s.locks.with(id, read)
	s.may = s.may.with(id, read)
}

// acquireAll acquires every lock of ls.
func (s *lockState) acquireAll(ls lockset) {
	s.locks = s.locks.union(ls)
	s.may = s.may.union(ls)
}

// release records that id is held on no path: an Unlock on a path
// where the lock was only held on some paths before still releases it
// there.
func (s *lockState) release(id string) {
	s.locks = s.locks.without(id)
	s.may = s.may.without(id)
}

// isInstanceLock reports whether id names an instance lock.
func isInstanceLock(id string) bool { return strings.HasPrefix(id, "(") }
