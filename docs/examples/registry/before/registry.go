// Package before is the registry example before the conversion: services
// by name, and an index of names by tag, in two package-level maps that
// one package-level RWMutex guards. The maps must agree with each other,
// and every function that touches them has to remember both.
//
// Its callers' goroutines share the maps; Start's context.AfterFunc
// callback, which closes the registry, runs on a goroutine of its own and
// shares closed with them. Without -exported, chanown counts the callers
// as one goroutine and names only closed; in library mode (-exported),
// where every exported function may run on many goroutines at once, it
// names the maps too. The verdict test (../../verdict_test.go) runs it in
// library mode.
package before

import (
	"context"
	"errors"
	"slices"
	"sort"
	"sync"
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

type service struct {
	addr string
	tags []string
}

var (
	//chanown:ignore shared deliberately shared, the "before" of a docs/ownership.md example
	mu       sync.RWMutex
	services = map[string]service{}             // by name
	byTag    = map[string]map[string]struct{}{} // tag → names
	closed   = true                             // until Start, and once its context is done
)

// Start empties and opens the registry, and returns a channel that is
// closed once ctx is done and the registry is closed. After that, every
// call returns ErrStopped (or no names). Start must not be called again
// before the previous run's channel is closed.
func Start(ctx context.Context) <-chan struct{} {
	mu.Lock()
	services = map[string]service{}
	byTag = map[string]map[string]struct{}{}
	closed = false
	mu.Unlock()
	done := make(chan struct{})
	context.AfterFunc(ctx, func() {
		mu.Lock()
		closed = true
		mu.Unlock()
		close(done)
	})
	return done
}

// Register adds the service name at addr with tags. It returns ErrExists
// if name is already registered.
func Register(name, addr string, tags ...string) error {
	mu.Lock()
	defer mu.Unlock()
	if closed {
		return ErrStopped
	}
	if _, ok := services[name]; ok {
		return ErrExists
	}
	services[name] = service{addr, slices.Clone(tags)}
	for _, t := range tags {
		if byTag[t] == nil {
			byTag[t] = map[string]struct{}{}
		}
		byTag[t][name] = struct{}{}
	}
	return nil
}

// Deregister removes the service name. It returns ErrNotFound if name is
// not registered.
func Deregister(name string) error {
	mu.Lock()
	defer mu.Unlock()
	if closed {
		return ErrStopped
	}
	s, ok := services[name]
	if !ok {
		return ErrNotFound
	}
	delete(services, name)
	for _, t := range s.tags {
		delete(byTag[t], name)
		if len(byTag[t]) == 0 {
			delete(byTag, t)
		}
	}
	return nil
}

// Lookup returns the address of the service name, or ErrNotFound.
func Lookup(name string) (string, error) {
	mu.RLock()
	defer mu.RUnlock()
	if closed {
		return "", ErrStopped
	}
	s, ok := services[name]
	if !ok {
		return "", ErrNotFound
	}
	return s.addr, nil
}

// WithTag returns the names of the services tagged tag, sorted.
func WithTag(tag string) []string {
	mu.RLock()
	defer mu.RUnlock()
	if closed {
		return nil
	}
	names := make([]string, 0, len(byTag[tag]))
	for n := range byTag[tag] {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
