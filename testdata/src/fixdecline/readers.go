// Readers of an RWMutex hold it together: a read-locked section that
// takes the read lock again (through sizeQ) works with the RWMutex and
// would deadlock on one owned value: no fix. The twin reads once.
package main

import "sync"

var (
	muQ  sync.RWMutex // want `^muQ guards tabQ, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	tabQ = map[string]int{}

	muR  sync.RWMutex // want `^muR guards tabR, .*; a fix is offered$`
	tabR = map[string]int{}
)

func sizeQ() int {
	muQ.RLock()
	defer muQ.RUnlock()
	return len(tabQ)
}

func readers() {
	muQ.Lock()
	tabQ["q"]++
	muQ.Unlock()
	muQ.RLock()
	_ = tabQ["q"] + sizeQ()
	muQ.RUnlock()
	muR.Lock()
	tabR["r"]++
	muR.Unlock()
	muR.RLock()
	_ = tabR["r"] + len(tabR)
	muR.RUnlock()
}
