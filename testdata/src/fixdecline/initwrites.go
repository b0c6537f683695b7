// init writes the group without the guard: the fix would have to move
// that into the initial value, and declines instead. The twin's initial
// value is in its declaration.
package main

import "sync"

var (
	muX  sync.Mutex // want `^muX guards tabX, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	tabX map[string]int

	muY  sync.Mutex // want `^muY guards tabY, .*; a fix is offered$`
	tabY = map[string]int{"y": 1}
)

func init() {
	tabX = map[string]int{"x": 1}
}

func initWrites() {
	muX.Lock()
	tabX["x"]++
	muX.Unlock()
	muY.Lock()
	tabY["y"]++
	muY.Unlock()
}
