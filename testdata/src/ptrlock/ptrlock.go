// Package ptrlock covers a lock reached through a pointer global (DESIGN // want package:`chanown\(module ""; reported ptrlock\.lock2; counts \)`
// §5 "Lock shapes"): *lock2 is a global lock, lock2 being set by its
// initialiser and never again, so it guards names2 (reported); lock1 is
// set by Init, while goroutines may run, so *lock1 is no global lock and
// guards nothing (silent), whatever it looks like. (code.gitea.io/gitea's
// modules/translation has lock1's shape.)
package ptrlock

import "sync"

var (
	lock1  *sync.RWMutex // ok: Init reassigns it, so what it points to is no global lock
	names1 []string

	lock2  = &sync.RWMutex{} // want `^lock2 guards names2, shared by callers of exported functions and goroutine started in Init; give it one owner goroutine reached over a channel$`
	names2 []string
)

// Init starts the watcher, making lock1 first.
func Init() { // want Init:`^chanown\(reads ptrlock\.lock1; writes ptrlock\.lock1; starts goroutine started in ptrlock\.Init \(8 accesses\)\)$`
	if lock1 == nil {
		lock1 = &sync.RWMutex{}
	}
	go func() {
		lock1.Lock()
		names1 = append(names1, "x")
		lock1.Unlock()
		lock2.Lock()
		names2 = append(names2, "x")
		lock2.Unlock()
	}()
}

// Names returns names1 and names2.
func Names() ([]string, []string) { // want Names:`^chanown\(reads ptrlock\.lock1; reads ptrlock\.lock1 under ptrlock\.lock1\(R\); reads ptrlock\.lock2; reads ptrlock\.lock2 under ptrlock\.lock2\(R\); reads ptrlock\.names1 under ptrlock\.lock1\(R\); reads ptrlock\.names2 under ptrlock\.lock2\(R\)\)$`
	lock1.RLock()
	n1 := names1
	lock1.RUnlock()
	lock2.RLock()
	defer lock2.RUnlock()
	return n1, names2
}
