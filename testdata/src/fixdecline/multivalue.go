// A global of the group declared by a multi-value initialiser cannot
// move without its partner: no fix. The twin's globals have an
// initialiser each.
package main

import "sync"

var muMA sync.Mutex // want `^muMA guards tabMA, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`

var tabMA, sizeMA = pairMA()

func pairMA() (map[string]int, int) { return map[string]int{}, 8 }

var muMB sync.Mutex // want `^muMB guards tabMB, .*; a fix is offered$`

var tabMB = map[string]int{}

func multiValue() {
	muMA.Lock()
	tabMA["a"] += sizeMA
	muMA.Unlock()
	muMB.Lock()
	tabMB["b"]++
	muMB.Unlock()
}
