// Package hits only declares state, an exported lock and the map it // want package:`chanown\(module "example.com/app"; reported ; counts \)`
// guards, and no function: importers of this module lock RW themselves.
// Its package fact, which says so, is the twin of
// example.com/other/hits, a versioned module's, which stays silent.
package hits

import "sync"

var (
	RW   sync.RWMutex
	Hits = map[string]int{}
)
