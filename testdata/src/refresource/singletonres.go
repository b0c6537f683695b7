package main

import "sync"

// tracers is a refcounted resource behind a singleton receiver, as
// reference-counted providers are written: get opens the provider when
// it finds it nil and counts the user, put closes it when the count
// falls to 0. users is a reference count, so the address of tracers
// passed as the receiver does not disqualify it; provider is opened by a
// lazy nil check and closed on a count comparison, so it is a refcounted
// resource (silent). The twin, tracers2, differs in put2 only: it drops
// the provider whatever the count, so provider is reported, and the
// count users is not named.
type tracerSet struct {
	mu       sync.Mutex
	provider *conn
	users    int
}

var tracers = &tracerSet{} // ok: users is a reference count and provider a refcounted resource

func (t *tracerSet) get() *conn {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.provider == nil {
		t.provider = dial("tracer")
	}
	t.users++
	return t.provider
}

func (t *tracerSet) put() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.users > 0 {
		t.users--
	}
	if t.users == 0 {
		if t.provider != nil {
			t.provider.close()
		}
		t.provider = nil
	}
}

type tracerSet2 struct {
	mu       sync.Mutex
	provider *conn
	users    int
}

var tracers2 = &tracerSet2{} // want `^tracers2.mu guards tracers2.provider, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`

func (t *tracerSet2) get2() *conn {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.provider == nil {
		t.provider = dial("tracer2")
	}
	t.users++
	return t.provider
}

func (t *tracerSet2) put2() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.users > 0 {
		t.users--
	}
	if t.provider != nil {
		t.provider.close()
	}
	t.provider = nil
}

func trace() {
	_ = tracers.get().send("span")
	tracers.put()
	_ = tracers2.get2().send("span")
	tracers2.put2()
}
