// Package wrap has no lock and no state: its only output is the fact // want package:`chanown\(module ""; reported ; counts \)`
// that Go starts its func parameter, which makes Go a spawner for its
// importers (DESIGN §5 "Facts").
package wrap

// Go runs f on a new goroutine.
func Go(f func()) { // want Go:`^chanown\(spawns param 0\)$`
	go f()
}

// Do runs f in place, as chanown assumes of a function it knows nothing
// of: no fact (DESIGN §5 "Facts").
func Do(f func()) {
	f()
}
