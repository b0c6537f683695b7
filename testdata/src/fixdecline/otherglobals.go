// muI is held to write total as well, whose guard is muT: muI guards a
// global outside its group, so its group keeps it. muJ, the twin, holds
// no other global's write.
package main

import "sync"

var (
	muI   sync.Mutex // want `^muI guards listI, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	listI []int

	muJ   sync.Mutex // want `^muJ guards listJ, .*; a fix is offered$`
	listJ []int

	muT   sync.Mutex // want `^muT guards total, .*channel$`
	total []int
)

func otherGlobals() {
	muI.Lock()
	listI = append(listI, 1)
	total = append(total, 1) // want `total accessed holding muI but not its guard muT`
	muI.Unlock()
	muJ.Lock()
	listJ = append(listJ, 1)
	muJ.Unlock()
	muT.Lock()
	total = append(total, 2)
	total = append(total, 3)
	muT.Unlock()
}
