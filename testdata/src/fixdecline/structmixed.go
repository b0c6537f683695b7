// A guard in a global struct that also guards a global outside the
// struct (extraC): the state would have to join them. No fix; the twin
// guards only its struct's fields.
package main

import "sync"

var stC struct { // want `^stC.Mutex guards stC.m and extraC, shared by concurrent runs of goroutine started in main; give them one owner goroutine reached over a channel$`
	sync.Mutex
	m map[string]int
}

var extraC []string

var stD struct { // want `^stD.Mutex guards stD.m, .*; a fix is offered$`
	sync.Mutex
	m map[string]int
}

func structMixed() {
	stC.Lock()
	stC.m = map[string]int{"c": 1}
	extraC = append(extraC, "c")
	stC.Unlock()
	stD.Lock()
	stD.m = map[string]int{"d": 1}
	stD.Unlock()
}
