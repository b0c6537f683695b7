// Package pool runs functions on a worker goroutine. chanown cannot see
// that Submit's argument runs on another goroutine (it travels over a
// channel) until the spawners setting names pool.Submit.
package pool

// queue holds the submitted functions.
var queue = make(chan func(), 16)

func init() {
	go worker()
}

// worker runs the submitted functions.
func worker() {
	for f := range queue {
		f()
	}
}

// Submit runs f on the worker goroutine.
func Submit(f func()) {
	queue <- f
}
