// Package main has one context and no lock of its own, and writes
// dep.Names holding only the read lock that dep.RLock returns: an
// rlockwrite known only through dep's facts.
package main

import "matter/rlockhelper/dep"

func main() {
	unlock := dep.RLock()
	dep.Names["x"] = true // want `^dep.Names written while dep.RW is only read-locked$`
	unlock()
	dep.Add("y")
}
