// Package owned shares Jobs between its own goroutines and reports it // want package:`chanown\(module ""; reported xpkgdirect/owned.Mu; counts ; guards xpkgdirect/owned.Jobs by xpkgdirect/owned.Mu\)`
// itself: importers that also lock owned.Mu directly add evidence but
// no second report.
package owned

import "sync"

var (
	Mu   sync.Mutex // want `^Mu guards Jobs, shared by concurrent runs of goroutine started in Serve; give it one owner goroutine reached over a channel$`
	Jobs []string
)

// Serve starts two workers that append to Jobs under Mu.
func Serve() { // want Serve:`^chanown\(starts goroutine started in xpkgdirect/owned.Serve \(2 accesses\)\)$`
	for range 2 {
		go func() {
			Mu.Lock()
			Jobs = append(Jobs, "x")
			Mu.Unlock()
		}()
	}
}
