// A group declared in two files (tabFA lives in twofiles_b.go) would
// need edits of both declarations to move together: no fix. The twin's
// guard and global share this file.
package main

import "sync"

var muFA sync.Mutex // want `^muFA guards tabFA, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`

var (
	muFB  sync.Mutex // want `^muFB guards tabFB, .*; a fix is offered$`
	tabFB = map[string]int{}
)

func twoFiles() {
	muFA.Lock()
	tabFA["a"]++
	muFA.Unlock()
	muFB.Lock()
	tabFB["b"]++
	muFB.Unlock()
}
