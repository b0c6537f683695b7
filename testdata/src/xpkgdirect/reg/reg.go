// Package reg declares a registry and its lock, and a watcher goroutine // want package:`chanown\(module ""; reported ; counts \)`
// that reads the registry under the lock. reg itself never writes
// Registry after initialisation, so it has no guard here and reg reports
// nothing: the writes are in importers, which judge them.
package reg

import (
	"sync"
	"time"
)

var (
	Mu       sync.Mutex
	Registry = map[string]string{}
)

// Watch starts a goroutine that reads Registry under Mu.
func Watch() { // want Watch:`^chanown\(starts goroutine started in xpkgdirect/reg.Watch \(1 accesses\)\)$`
	go func() {
		for {
			Mu.Lock()
			_ = len(Registry)
			Mu.Unlock()
			time.Sleep(time.Second)
		}
	}()
}
