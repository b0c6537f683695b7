// A function with labels might jump over the receive that declares the
// owned value: no fix. The twin loops without a label, in
// a function of its own.
package main

import "sync"

var (
	muV sync.Mutex // want `^muV guards nV, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	nV  []int

	muW sync.Mutex // want `^muW guards nW, .*; a fix is offered$`
	nW  []int
)

func labels() {
outer:
	for i := range 3 {
		muV.Lock()
		nV = append(nV, i)
		muV.Unlock()
		if i == 1 {
			break outer
		}
	}
	labelsTwin()
}

func labelsTwin() {
	for i := range 3 {
		muW.Lock()
		nW = append(nW, i)
		muW.Unlock()
		if i == 1 {
			break
		}
	}
}
