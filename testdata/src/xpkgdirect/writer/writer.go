// Package writer writes reg.Registry directly, without reg's functions, // want package:`chanown\(module ""; reported xpkgdirect/reg.Mu; counts \)`
// while reg's watcher goroutine reads it under reg.Mu: its accesses join
// reg.Registry's unit here, so the shared report and the race go here.
package writer

import "xpkgdirect/reg"

// Setup starts the watcher, then writes the registry holding reg.Mu.
func Setup() { // want Setup:`^chanown\(reads xpkgdirect/reg.Registry under xpkgdirect/reg.Mu; writes xpkgdirect/reg.Registry under xpkgdirect/reg.Mu; starts goroutine started in xpkgdirect/reg.Watch \(1 accesses\)\)$`
	reg.Watch() // want `^reg.Mu guards reg.Registry, shared by callers of exported functions and goroutine started in reg.Watch; give it one owner goroutine reached over a channel$`
	reg.Mu.Lock()
	reg.Registry["a"] = "b" // ok: written holding reg.Mu
	reg.Mu.Unlock()
}

// Add writes the registry without reg.Mu, while the watcher reads it.
func Add(k, v string) { // want Add:`^chanown\(reads xpkgdirect/reg.Registry; writes xpkgdirect/reg.Registry \(reported\)\)$`
	reg.Registry[k] = v // want `^reg.Registry written without holding reg.Mu; goroutine started in reg.Watch also accesses it$`
}
