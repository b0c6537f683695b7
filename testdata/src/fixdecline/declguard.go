// A guard declared in one spec with another variable cannot have its
// declaration cut out alone: no fix. The twin declares its guard apart.
package main

import "sync"

var muDA, spareDA sync.Mutex // want `^muDA guards tabDA, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`

var tabDA = map[string]int{}

var muDB sync.Mutex // want `^muDB guards tabDB, .*; a fix is offered$`

var spareDB sync.Mutex

var tabDB = map[string]int{}

func declGuard() {
	muDA.Lock()
	tabDA["a"]++
	muDA.Unlock()
	muDB.Lock()
	tabDB["b"]++
	muDB.Unlock()
}
