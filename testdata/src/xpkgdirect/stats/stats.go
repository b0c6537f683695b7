// Package stats only declares state: an exported lock and the map it // want package:`chanown\(module ""; reported ; counts \)`
// guards, and no function at all. Its importers lock stats.RW themselves.
package stats

import "sync"

var (
	RW   sync.RWMutex
	Hits = map[string]int{}
)
