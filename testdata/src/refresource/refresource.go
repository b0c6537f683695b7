// Package main covers a refcounted resource: db is opened when refs goes
// from 0 to 1 and closed when it goes from 1 to 0, assigned only in
// branches decided by comparing refs with a constant, and read under mu
// elsewhere. With refs a reference count, mu's group has nothing to report
// (silent). The twin, db2, is also reassigned unconditionally by reconnect,
// so it is not a refcounted resource and mu2 is reported, naming db2 but
// not the count refs2.
package main

import "sync"

type conn struct{ addr string }

func dial(addr string) *conn { return &conn{addr: addr} }

func (c *conn) send(msg string) string { return c.addr + ": " + msg }

func (c *conn) close() {}

var (
	mu   sync.Mutex // ok: refs is a reference count and db a refcounted resource
	refs int
	db   *conn

	mu2   sync.Mutex // want `^mu2 guards db2, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	refs2 int
	db2   *conn
)

func acquire() {
	mu.Lock()
	defer mu.Unlock()
	if refs == 0 {
		db = dial("db")
	}
	refs++
}

func release() {
	mu.Lock()
	defer mu.Unlock()
	refs--
	if refs == 0 {
		db.close()
		db = nil
	}
}

func send(msg string) string {
	mu.Lock()
	defer mu.Unlock()
	return db.send(msg)
}

func acquire2() {
	mu2.Lock()
	defer mu2.Unlock()
	if refs2 == 0 {
		db2 = dial("db2")
	}
	refs2++
}

func release2() {
	mu2.Lock()
	defer mu2.Unlock()
	refs2--
	if refs2 == 0 {
		db2.close()
		db2 = nil
	}
}

func reconnect() {
	mu2.Lock()
	defer mu2.Unlock()
	db2 = dial("db2-replica")
}

func work() {
	acquire()
	_ = send("ping")
	release()

	acquire2()
	reconnect()
	release2()
}

func main() {
	go work()
	go trace()
	work()
	trace()
}
