// A group with a section in a generated file (generated_gen.go) would
// need an edit there, which the generator would undo: no fix. The
// twin's sections are all in this file.
package main

import "sync"

var (
	muGA  sync.Mutex // want `^muGA guards tabGA, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	tabGA = map[string]int{}

	muGB  sync.Mutex // want `^muGB guards tabGB, .*; a fix is offered$`
	tabGB = map[string]int{}
)

func generated() {
	muGA.Lock()
	tabGA["a"]++
	muGA.Unlock()
	bumpGA()
	muGB.Lock()
	tabGB["b"]++
	muGB.Unlock()
}
