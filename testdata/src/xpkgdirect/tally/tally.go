// Package tally does what counter does, but on its caller's goroutine: // want package:`chanown\(module ""; reported ; counts \)`
// one context, nothing shared (counter's silent twin).
package tally

import "xpkgdirect/stats"

// Tally counts every key in place.
func Tally(keys []string) { // want Tally:`^chanown\(reads xpkgdirect/stats.Hits under xpkgdirect/stats.RW; writes xpkgdirect/stats.Hits under xpkgdirect/stats.RW\)$`
	for _, k := range keys {
		stats.RW.Lock()
		stats.Hits[k]++ // ok: one context
		stats.RW.Unlock()
	}
}
