// An initialiser that calls a function could change the order of
// package initialisation's side effects if it moved: no fix. The twin's
// initialiser only makes a map.
package main

import "sync"

var (
	muZ  sync.Mutex // want `^muZ guards tabZ, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	tabZ = newTable()

	mu1  sync.Mutex // want `^mu1 guards tab1, .*; a fix is offered$`
	tab1 = make(map[string]int, 8)
)

func newTable() map[string]int { return map[string]int{} }

func initCalls() {
	muZ.Lock()
	tabZ["z"]++
	muZ.Unlock()
	mu1.Lock()
	tab1["1"]++
	mu1.Unlock()
}
