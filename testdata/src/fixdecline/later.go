// A function literal inside the section that runs later (on its own
// goroutine) would use the owned value after it was handed on: no fix.
// The twin's literal is called by sort.Slice inside the section.
package main

import (
	"sort"
	"sync"
)

var (
	muS  sync.Mutex // want `^muS guards logS, shared by .*; give it one owner goroutine reached over a channel$`
	logS []string

	muU  sync.Mutex // want `^muU guards logU, .*; a fix is offered$`
	logU []string
)

func later() {
	muS.Lock()
	logS = append(logS, "s")
	go func() {
		logS = append(logS, "late") // want `logS written without holding muS`
	}()
	muS.Unlock()
	muU.Lock()
	logU = append(logU, "u")
	sort.Slice(logU, func(i, j int) bool { return logU[i] < logU[j] })
	muU.Unlock()
}
