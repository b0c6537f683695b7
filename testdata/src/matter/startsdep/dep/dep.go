// Package dep starts a goroutine that writes its state under Mu. // want package:`chanown\(module ""; reported ; counts ; guards matter/startsdep/dep.Names by matter/startsdep/dep.Mu\)`
package dep

import "sync"

var (
	Mu    sync.Mutex // ok: here only the goroutine Start starts touches Names
	Names = map[string]bool{}
)

// Start starts a writer.
func Start() { // want Start:`^chanown\(starts goroutine started in matter/startsdep/dep.Start \(2 accesses\)\)$`
	go func() {
		Mu.Lock()
		Names["w"] = true
		Mu.Unlock()
	}()
}
