// Package hits is example.com/app/hits in a versioned third-party
// module.
package hits

import "sync"

var (
	RW   sync.RWMutex
	Hits = map[string]int{}
)
