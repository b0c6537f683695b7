// Package loose declares a lock and a map like table, but never takes // want package:`chanown\(module ""; reported ; counts \)`
// the lock around the map: it names no guard for it (table's twin).
package loose

import "sync"

var (
	Mu    sync.Mutex
	Table = map[string]string{}
)

// Put writes Table without Mu.
func Put(k, v string) { Table[k] = v }
