// Package filler writes table.Table directly from goroutines of its own, // want package:`chanown\(module ""; reported xpkgdirect/table.mu; counts \)`
// without table.mu, which table's package fact names as its guard.
package filler

import "xpkgdirect/table"

// Fill writes every key from a goroutine of its own.
func Fill(keys []string) { // want Fill:`^chanown\(starts goroutine started in xpkgdirect/filler.Fill \(2 accesses\)\)$`
	for _, k := range keys {
		go func() { // want `^table.mu guards table.Table, shared by concurrent runs of goroutine started in Fill; give it one owner goroutine reached over a channel$`
			table.Table[k] = "x" // want `^table.Table written without holding table.mu; another run of goroutine started in Fill also accesses it$`
		}()
	}
}
