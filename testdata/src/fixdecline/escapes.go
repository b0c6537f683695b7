// A section that returns the group's map hands out an alias that
// outlives the section (the escape category): the fix would keep the
// race, so there is none. The twin returns a copy.
package main

import (
	"maps"
	"sync"
)

var (
	muM  sync.Mutex // want `^muM guards tabM, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	tabM = map[string]int{}

	muN  sync.Mutex // want `^muN guards tabN, .*; a fix is offered$`
	tabN = map[string]int{}
)

func tableM() map[string]int {
	muM.Lock()
	defer muM.Unlock()
	tabM["m"]++
	return tabM // want `tabM escapes`
}

func tableN() map[string]int {
	muN.Lock()
	defer muN.Unlock()
	tabN["n"]++
	return maps.Clone(tabN)
}

func escapes() {
	_ = tableM()
	_ = tableN()
}
