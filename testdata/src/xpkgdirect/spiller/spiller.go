// Package spiller writes loose.Table from goroutines as filler writes
// table.Table, but loose chose no guard for it and no access here holds
// a lock: nothing guards it, so nothing is reported (filler's twin).
package spiller

import "xpkgdirect/loose"

// Fill writes every key from a goroutine of its own.
func Fill(keys []string) {
	for _, k := range keys {
		go func() {
			loose.Table[k] = "x" // ok: no guard: loose never holds a lock around Table, nor does this package
		}()
	}
}
