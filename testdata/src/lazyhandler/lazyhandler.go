// Package lazyhandler covers lazy initialisation done, on every path, // want package:`chanown\(module ""; reported lazyhandler\.mu1,lazyhandler\.mu2,lazyhandler\.mu3; counts ; invokes lazyhandler\.Shedder\.Allow in HTTP handler func literal in Register1 \(multiple\)\)`
// before a handler that reads the global without its lock can start
// (DESIGN §5 "Happens-before", "Lazy initialisation"). ensure1 sets stat1
// under mu1 where it is nil, and never writes it again. Register1 calls it
// and then registers its handler; Middleware1 calls it and then makes the
// middleware literal that makes the handler: every run of either handler
// follows the initialisation, so their reads of stat1 without mu1 are no
// race (silent). The twins: Register2 registers its handler before it
// calls ensure2, and Middleware3 calls ensure3 on one path only
// (reported).
package lazyhandler

import (
	"net/http"
	"sync"
)

// Stat counts requests.
type Stat struct{ name string }

// Inc counts one request.
func (s *Stat) Inc() {}

// Shedder says whether a request may go on.
type Shedder interface{ Allow() error }

var (
	mu1   sync.Mutex // want `^mu1 guards the lazy initialisation of stat1, shared by callers of exported functions, HTTP handler func literal in Register1 and 1 more; consider sync\.OnceValue$`
	stat1 *Stat

	mu2   sync.Mutex // want `^mu2 guards the lazy initialisation of stat2, shared by callers of exported functions and HTTP handler func literal in Register2; consider sync\.OnceValue$`
	stat2 *Stat

	mu3   sync.Mutex // want `^mu3 guards the lazy initialisation of stat3, shared by callers of exported functions and HTTP handler func literal in Middleware3; consider sync\.OnceValue$`
	stat3 *Stat
)

func ensure1() {
	mu1.Lock()
	if stat1 == nil {
		stat1 = new(Stat)
	}
	mu1.Unlock()
}

func ensure2() {
	mu2.Lock()
	if stat2 == nil {
		stat2 = new(Stat)
	}
	mu2.Unlock()
}

func ensure3() {
	mu3.Lock()
	if stat3 == nil {
		stat3 = new(Stat)
	}
	mu3.Unlock()
}

// Register1 serves / on mux, counting requests in stat1.
func Register1(mux *http.ServeMux, shedder Shedder) { // want Register1:`^chanown\(reads lazyhandler\.stat1 under lazyhandler\.mu1; writes lazyhandler\.stat1 under lazyhandler\.mu1; starts HTTP handler func literal in lazyhandler\.Register1 \(1 accesses\)\)$`
	ensure1()
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stat1.Inc() // ok: ensure1 set stat1 before the handler was registered, and nothing writes it again
		if shedder.Allow() != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
}

// Middleware1 returns a middleware counting requests in stat1.
func Middleware1(shedder Shedder) func(http.Handler) http.Handler { // want Middleware1:`^chanown\(reads lazyhandler\.stat1 under lazyhandler\.mu1; writes lazyhandler\.stat1 under lazyhandler\.mu1; starts HTTP handler func literal in lazyhandler\.Middleware1 \(1 accesses\)\)$`
	ensure1()
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			stat1.Inc() // ok: ensure1 set stat1 before the middleware that makes this handler was made
			if shedder.Allow() != nil {
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// Register2 serves / on mux, counting requests in stat2.
func Register2(mux *http.ServeMux, shedder Shedder) { // want Register2:`^chanown\(reads lazyhandler\.stat2 under lazyhandler\.mu2; writes lazyhandler\.stat2 under lazyhandler\.mu2; starts HTTP handler func literal in lazyhandler\.Register2 \(1 accesses\)\)$`
	mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stat2.Inc() // want `^stat2 read without holding mu2; callers of exported functions also write it$`
		if shedder.Allow() != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	ensure2()
}

// Middleware3 returns a middleware counting requests in stat3 if count
// is set.
func Middleware3(shedder Shedder, count bool) func(http.Handler) http.Handler { // want Middleware3:`^chanown\(reads lazyhandler\.stat3 under lazyhandler\.mu3; writes lazyhandler\.stat3 under lazyhandler\.mu3; starts HTTP handler func literal in lazyhandler\.Middleware3 \(1 accesses\)\)$`
	if count {
		ensure3()
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			stat3.Inc() // want `^stat3 read without holding mu3; callers of exported functions also write it$`
			if shedder.Allow() != nil {
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
