// Package feeder clears owned.Jobs from goroutines of its own, holding // want package:`chanown\(module ""; reported xpkgdirect/owned.Mu; counts \)`
// owned.Mu. owned reported owned.Mu already (its package fact says so).
package feeder

import "xpkgdirect/owned"

// Feed clears the jobs from a goroutine per round.
func Feed(n int) { // want Feed:`^chanown\(starts goroutine started in xpkgdirect/feeder.Feed \(1 accesses\)\)$`
	for range n {
		go func() { // ok: owned reported owned.Mu itself
			owned.Mu.Lock()
			owned.Jobs = nil
			owned.Mu.Unlock()
		}()
	}
}
