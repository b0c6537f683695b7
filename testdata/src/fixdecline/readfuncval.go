// A read-locked section that calls a function value could take the
// read lock again through it, which an RWMutex allows and one owned
// value does not: no fix. The twin calls a function it can see.
package main

import (
	"strings"
	"sync"
)

var (
	muVA  sync.RWMutex // want `^muVA guards tabVA, shared by concurrent runs of goroutine started in main; give it one owner goroutine reached over a channel$`
	tabVA = map[string]int{}

	muVB  sync.RWMutex // want `^muVB guards tabVB, .*; a fix is offered$`
	tabVB = map[string]int{}
)

func readFuncVal(norm func(string) string) int {
	muVA.Lock()
	tabVA["a"]++
	muVA.Unlock()
	muVA.RLock()
	n := tabVA[norm("A")]
	muVA.RUnlock()

	muVB.Lock()
	tabVB["b"]++
	muVB.Unlock()
	muVB.RLock()
	n += tabVB[strings.ToLower("B")]
	muVB.RUnlock()
	return n
}
