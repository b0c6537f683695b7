// Package counter takes stats.RW itself around stats.Hits, from a // want package:`chanown\(module ""; reported xpkgdirect/stats.RW; counts \)`
// goroutine per key: stats.Hits is shared, and reported here, at the
// spawn site, since stats has no code to report it in.
package counter

import "xpkgdirect/stats"

// Count counts every key on a goroutine of its own.
func Count(keys []string) { // want Count:`^chanown\(starts goroutine started in xpkgdirect/counter.Count \(2 accesses\)\)$`
	for _, k := range keys {
		go func() { // want `^stats.RW guards stats.Hits, shared by callers of exported functions and goroutine started in Count; give it one owner goroutine reached over a channel$`
			stats.RW.Lock()
			stats.Hits[k]++
			stats.RW.Unlock()
		}()
	}
}

// Peek reads a count holding stats.RW for reading.
func Peek(k string) int { // want Peek:`^chanown\(reads xpkgdirect/stats.Hits under xpkgdirect/stats.RW\(R\)\)$`
	stats.RW.RLock()
	defer stats.RW.RUnlock()
	return stats.Hits[k] // ok: read-held stats.RW
}
