// Package dep guards Names with RW and exports a helper that read-locks // want package:`chanown\(module ""; reported ; counts ; guards matter/rlockhelper/dep.Names by matter/rlockhelper/dep.RW\)`
// it.
package dep

import "sync"

var (
	RW    sync.RWMutex
	Names = map[string]bool{}
)

// RLock read-locks RW and returns its unlock.
func RLock() func() { // want RLock:`^chanown\(acquires matter/rlockhelper/dep.RW; returns releaser of matter/rlockhelper/dep.RW\)$`
	RW.RLock()
	return RW.RUnlock
}

// Lock write-locks RW and returns its unlock.
func Lock() func() { // want Lock:`^chanown\(acquires matter/rlockhelper/dep.RW; returns releaser of matter/rlockhelper/dep.RW\)$`
	RW.Lock()
	return RW.Unlock
}

// Add writes Names under RW.
func Add(n string) { // want Add:`^chanown\(reads matter/rlockhelper/dep.Names under matter/rlockhelper/dep.RW; writes matter/rlockhelper/dep.Names under matter/rlockhelper/dep.RW\)$`
	RW.Lock()
	Names[n] = true
	RW.Unlock()
}
