// A declaration that names a global of the group together with one that
// is not (mixB) cannot be moved whole: no fix. The twin declares its
// globals apart.
package main

import "sync"

var (
	muB1       sync.Mutex // want `^muB1 guards mixA, shared by .*over a channel$`
	mixA, mixB = map[string]int{}, 1

	muB2 sync.Mutex // want `^muB2 guards mixC, .*; a fix is offered$`
	mixC = map[string]int{}
	mixD = 1
)

func mixed() {
	muB1.Lock()
	mixA["a"] += mixB
	muB1.Unlock()
	muB2.Lock()
	mixC["c"] += mixD
	muB2.Unlock()
}
