// A sync.Cond on the guard waits by unlocking it: no fix. The twin has
// no Cond.
package main

import "sync"

var (
	muO    sync.Mutex // want `^muO guards readyO, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	readyO []int
	condO  = sync.NewCond(&muO)

	muP    sync.Mutex // want `^muP guards readyP, .*; a fix is offered$`
	readyP []int
)

func cond() {
	muO.Lock()
	for len(readyO) == 0 {
		readyO = append(readyO, 1)
		condO.Wait()
	}
	readyO = readyO[1:]
	condO.Broadcast()
	muO.Unlock()
	muP.Lock()
	readyP = append(readyP, 1)
	readyP = readyP[1:]
	muP.Unlock()
}
