// Package counter locks the lock of another package directly around its // want package:`chanown\(module "example.com/app"; reported example.com/app/hits.RW; counts \)`
// map, from a goroutine per key: reported for the package of its own
// module, silent for the versioned module's.
package counter

import (
	otherhits "example.com/other/hits"

	"example.com/app/hits"
)

// Own counts keys in hits.Hits, each on a goroutine of its own.
func Own(keys []string) { // want Own:`^chanown\(starts goroutine started in example.com/app/counter.Own \(2 accesses\)\)$`
	for _, k := range keys {
		go func() { // want `^hits.RW guards hits.Hits, shared by concurrent runs of goroutine started in Own; give it one owner goroutine reached over a channel$`
			hits.RW.Lock()
			hits.Hits[k]++
			hits.RW.Unlock()
		}()
	}
}

// Foreign does the same with the versioned module's hits.
func Foreign(keys []string) {
	for _, k := range keys {
		go func() { // ok: example.com/other is a different, versioned module
			otherhits.RW.Lock()
			otherhits.Hits[k]++
			otherhits.RW.Unlock()
		}()
	}
}
