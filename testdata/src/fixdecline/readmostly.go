// A read-mostly group (DESIGN §5: every read under RLock, every write
// under Lock, read in more functions than written) keeps its RWMutex:
// its report advises so and offers no fix. The twin is read in fewer
// functions than it is written, and a read-locked section that waits on
// a channel keeps its RWMutex too (readers may wait for each other).
package main

import "sync"

var (
	muM1  sync.RWMutex // want `^muM1 guards read-mostly tabM1; keep the RWMutex`
	tabM1 = map[string]int{}

	muM2  sync.RWMutex // want `^muM2 guards tabM2, shared by .*over a channel$`
	tabM2 = map[string]int{}

	muM3  sync.RWMutex // want `^muM3 guards tabM3, .*; a fix is offered$`
	tabM3 = map[string]int{}
)

func readM1a() int { muM1.RLock(); defer muM1.RUnlock(); return tabM1["a"] }
func readM1b() int { muM1.RLock(); defer muM1.RUnlock(); return len(tabM1) }

func readMostly(ready chan bool) {
	muM1.Lock()
	tabM1["a"]++
	muM1.Unlock()
	_ = readM1a() + readM1b()

	muM2.Lock()
	tabM2["a"]++
	muM2.Unlock()
	muM2.Lock()
	tabM2["b"]++
	muM2.Unlock()
	muM2.RLock()
	if <-ready {
		_ = tabM2["a"]
	}
	muM2.RUnlock()

	muM3.Lock()
	tabM3["a"]++
	muM3.Unlock()
	muM3.Lock()
	tabM3["b"]++
	muM3.Unlock()
	muM3.RLock()
	_ = tabM3["a"]
	muM3.RUnlock()
}
