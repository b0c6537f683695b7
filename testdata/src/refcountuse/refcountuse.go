// Package main covers the twins of package refcount: an integer guarded by
// a mutex stops being a reference count when its value is returned (nRet),
// passed to a function (nArg) or its address is taken (nAddr); each is then
// reported like any other shared global.
package main

import (
	"strconv"
	"sync"
)

var (
	muRet sync.Mutex // want `^muRet guards nRet, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	nRet  int

	muArg sync.Mutex // want `^muArg guards nArg, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	nArg  int

	muAddr sync.Mutex // want `^muAddr guards nAddr, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	nAddr  int
)

func next() int {
	muRet.Lock()
	defer muRet.Unlock()
	nRet++
	return nRet
}

func label(n int) string { return strconv.Itoa(n) }

func publish() string {
	muArg.Lock()
	defer muArg.Unlock()
	nArg++
	return label(nArg)
}

func inc(p *int) { *p++ }

func bump() {
	muAddr.Lock()
	defer muAddr.Unlock()
	inc(&nAddr)
}

func work() {
	_ = next()
	_ = publish()
	bump()
}

func main() {
	go work()
	work()
}
