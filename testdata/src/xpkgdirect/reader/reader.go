// Package reader uses reg.Registry directly too, always under reg.Mu, // want package:`chanown\(module ""; reported ; counts \)`
// and neither starts a goroutine nor calls reg.Watch: all its accesses
// run in its callers' one context, so nothing is shared here (the twin
// of writer, which starts the watcher).
package reader

import "xpkgdirect/reg"

// Get reads the registry under reg.Mu.
func Get(k string) string { // want Get:`^chanown\(reads xpkgdirect/reg.Registry under xpkgdirect/reg.Mu\)$`
	reg.Mu.Lock()
	defer reg.Mu.Unlock()
	return reg.Registry[k] // ok: one context, and reg.Mu held
}

// Put writes the registry under reg.Mu.
func Put(k, v string) { // want Put:`^chanown\(reads xpkgdirect/reg.Registry under xpkgdirect/reg.Mu; writes xpkgdirect/reg.Registry under xpkgdirect/reg.Mu\)$`
	reg.Mu.Lock()
	reg.Registry[k] = v // ok: one context, and reg.Mu held
	reg.Mu.Unlock()
}
