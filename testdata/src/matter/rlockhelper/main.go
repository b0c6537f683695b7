// Package main has one context and no lock of its own, and writes
// dep.Names holding only the read lock that dep.RLock returns: an
// rlockwrite known only through dep's facts. The twin write holds the
// write lock that dep.Lock returns, and is silent.
package main

import "matter/rlockhelper/dep"

func main() {
	unlock := dep.RLock()
	dep.Names["x"] = true // want `^dep.Names written while dep.RW is only read-locked$`
	unlock()
	unlock = dep.Lock()
	dep.Names["z"] = true // ok: write-held through dep.Lock
	unlock()
	dep.Add("y")
}
