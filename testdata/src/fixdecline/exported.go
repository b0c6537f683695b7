// An exported global can be used by other packages, where the fix could
// not follow it: no fix. The twin is unexported.
package main

import "sync"

var (
	mu2   sync.Mutex // want `^mu2 guards Names, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	Names []string

	mu3    sync.Mutex // want `^mu3 guards names3, .*; a fix is offered$`
	names3 []string
)

func exported() {
	mu2.Lock()
	Names = append(Names, "2")
	mu2.Unlock()
	mu3.Lock()
	names3 = append(names3, "3")
	mu3.Unlock()
}
