// Package mutexwins holds the measurements behind "When a mutex is the
// better tool" in docs/ownership.md: a reference count kept under a
// mutex, with an atomic, and by an owner goroutine; and a hot read-mostly
// cache behind an RWMutex, behind an owner goroutine, and as an immutable
// snapshot swapped through an atomic.Pointer.
//
// chanown stays silent on this package, in library mode too (tested in
// ../verdict_test.go): refs is a reference count, and the caches own
// their locks.
package mutexwins

import (
	"context"
	"sync"
	"sync/atomic"
)

// A reference count under a package-level mutex: chanown reports no
// reference count, and a channel round trip would only make it slower.
var (
	refsMu sync.Mutex
	refs   int
)

// Acquire takes a reference.
func Acquire() {
	refsMu.Lock()
	refs++
	refsMu.Unlock()
}

// Release drops a reference and reports whether it was the last one.
func Release() bool {
	refsMu.Lock()
	refs--
	last := refs == 0
	refsMu.Unlock()
	return last
}

// The same count as an atomic integer.
var atomicRefs atomic.Int64

// AcquireAtomic takes a reference.
func AcquireAtomic() { atomicRefs.Add(1) }

// ReleaseAtomic drops a reference and reports whether it was the last
// one.
func ReleaseAtomic() bool { return atomicRefs.Add(-1) == 0 }

// RefOwner is the same count kept by an owner goroutine.
type RefOwner struct {
	acquires chan struct{}
	releases chan chan bool
	done     chan struct{}
}

// StartRefOwner starts the owner goroutine; it returns when ctx is done.
func StartRefOwner(ctx context.Context) *RefOwner {
	o := &RefOwner{
		acquires: make(chan struct{}),
		releases: make(chan chan bool),
		done:     make(chan struct{}),
	}
	go func() {
		defer close(o.done)
		n := 0
		for {
			select {
			case <-o.acquires:
				n++
			case reply := <-o.releases:
				n--
				reply <- n == 0
			case <-ctx.Done():
				return
			}
		}
	}()
	return o
}

// Done returns a channel that is closed when the owner has returned.
func (o *RefOwner) Done() <-chan struct{} { return o.done }

// Acquire takes a reference.
func (o *RefOwner) Acquire() {
	select {
	case o.acquires <- struct{}{}:
	case <-o.done:
	}
}

// Release drops a reference and reports whether it was the last one.
func (o *RefOwner) Release() bool {
	reply := make(chan bool, 1)
	select {
	case o.releases <- reply:
		return <-reply
	case <-o.done:
		return false
	}
}
