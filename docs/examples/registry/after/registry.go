// Package after is the registry example after the conversion: one owner
// goroutine holds the services and the tag index as locals and serves
// requests from one channel. Every request carries a reply channel, and
// errors travel back in the reply. The two maps agree because only the
// owner's loop changes them, one request at a time.
//
// The API is the one of package before: package-level functions. The
// running owner is kept in an atomic.Pointer that Start sets.
package after

import (
	"context"
	"errors"
	"slices"
	"sort"
	"sync/atomic"
)

var (
	// ErrExists is returned by Register for a name already registered.
	ErrExists = errors.New("registry: name already registered")
	// ErrNotFound is returned for a name that is not registered.
	ErrNotFound = errors.New("registry: name not registered")
	// ErrStopped is returned by every call after the registry's context
	// is done.
	ErrStopped = errors.New("registry: stopped")
)

// op says what a request asks for.
type op int

const (
	opRegister op = iota
	opDeregister
	opLookup
	opWithTag
)

// request is one message to the owner. It carries its own reply channel,
// buffered so that the owner never waits for the caller.
type request struct {
	op         op
	name, addr string   // name, or tag for opWithTag
	tags       []string // the caller's copy; the owner keeps it
	reply      chan reply
}

// reply is the owner's answer: a value, and an error that travels back
// to the caller as a value like any other.
type reply struct {
	addr  string
	names []string
	err   error
}

// registry is the way to one owner goroutine.
type registry struct {
	reqs chan request
	done chan struct{} // closed when the owner returns
}

var current atomic.Pointer[registry]

// stopped stands in before the first Start: every call gets ErrStopped.
var stopped = &registry{done: closed()}

func closed() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// Start starts an owner goroutine with an empty registry and returns a
// channel that is closed when the owner has returned, once ctx is done.
// After that, every call returns ErrStopped (or no names). Start must not
// be called again before the previous run's channel is closed.
func Start(ctx context.Context) <-chan struct{} {
	r := &registry{reqs: make(chan request), done: make(chan struct{})}
	go r.run(ctx)
	current.Store(r)
	return r.done
}

// state is the owner's data. Only run and its helpers see it.
type state struct {
	services map[string]service             // by name
	byTag    map[string]map[string]struct{} // tag → names
}

type service struct {
	addr string
	tags []string
}

func (r *registry) run(ctx context.Context) {
	defer close(r.done)
	s := &state{services: map[string]service{}, byTag: map[string]map[string]struct{}{}}
	for {
		select {
		case req := <-r.reqs:
			req.reply <- s.serve(req)
		case <-ctx.Done():
			return
		}
	}
}

// serve handles one request; it runs on the owner goroutine only.
func (s *state) serve(req request) reply {
	switch req.op {
	case opRegister:
		if _, ok := s.services[req.name]; ok {
			return reply{err: ErrExists}
		}
		s.services[req.name] = service{req.addr, req.tags}
		for _, t := range req.tags {
			if s.byTag[t] == nil {
				s.byTag[t] = map[string]struct{}{}
			}
			s.byTag[t][req.name] = struct{}{}
		}
	case opDeregister:
		svc, ok := s.services[req.name]
		if !ok {
			return reply{err: ErrNotFound}
		}
		delete(s.services, req.name)
		for _, t := range svc.tags {
			delete(s.byTag[t], req.name)
			if len(s.byTag[t]) == 0 {
				delete(s.byTag, t)
			}
		}
	case opLookup:
		svc, ok := s.services[req.name]
		if !ok {
			return reply{err: ErrNotFound}
		}
		return reply{addr: svc.addr}
	case opWithTag:
		names := make([]string, 0, len(s.byTag[req.name])) // a new slice: the caller may keep it
		for n := range s.byTag[req.name] {
			names = append(names, n)
		}
		sort.Strings(names)
		return reply{names: names}
	}
	return reply{}
}

// call sends req to the running owner and waits for its reply, or returns
// ErrStopped once the owner has returned.
func call(req request) reply {
	r := current.Load()
	if r == nil {
		r = stopped
	}
	req.reply = make(chan reply, 1)
	select {
	case r.reqs <- req:
		return <-req.reply
	case <-r.done:
		return reply{err: ErrStopped}
	}
}

// Register adds the service name at addr with tags. It returns ErrExists
// if name is already registered.
func Register(name, addr string, tags ...string) error {
	// Copy in: the caller may reuse its slice after the call.
	return call(request{op: opRegister, name: name, addr: addr, tags: slices.Clone(tags)}).err
}

// Deregister removes the service name. It returns ErrNotFound if name is
// not registered.
func Deregister(name string) error {
	return call(request{op: opDeregister, name: name}).err
}

// Lookup returns the address of the service name, or ErrNotFound.
func Lookup(name string) (string, error) {
	r := call(request{op: opLookup, name: name})
	return r.addr, r.err
}

// WithTag returns the names of the services tagged tag, sorted.
func WithTag(tag string) []string {
	return call(request{op: opWithTag, name: tag}).names
}
