// Package main covers accesses that miss the guard but hold another lock
// that the conflicting accesses hold too: they exclude each other, so
// there is no race. table's guard is innerMu (held at every write, and
// declared right above it); peek holds only outerMu, which every write
// of table holds as well: silent. Its twin peekOther holds otherMu,
// which no write holds: wronglock. peekRead holds outerMu read-held
// while the writes of table2 hold it read-held too: two readers of
// outerMu run together, so it is reported.
package main

import "sync"

var (
	outerMu sync.RWMutex
	otherMu sync.Mutex
	innerMu sync.Mutex // want `^innerMu guards table, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	table   = map[string]int{}
)

func put(k string) {
	outerMu.Lock()
	innerMu.Lock()
	table[k]++
	innerMu.Unlock()
	outerMu.Unlock()
}

func peek(k string) int {
	outerMu.Lock()
	defer outerMu.Unlock()
	return table[k] // ok: every write of table holds outerMu too
}

func peekOther(k string) int {
	otherMu.Lock()
	defer otherMu.Unlock()
	return table[k] // want `^table accessed holding otherMu but not its guard innerMu$`
}

var (
	inner2Mu sync.Mutex // want `^inner2Mu guards table2, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	table2   = map[string]int{}
)

func put2(k string) {
	outerMu.RLock()
	inner2Mu.Lock()
	table2[k]++
	inner2Mu.Unlock()
	outerMu.RUnlock()
}

func peekRead(k string) int {
	outerMu.RLock()
	defer outerMu.RUnlock()
	return table2[k] // want `^table2 accessed holding outerMu but not its guard inner2Mu$`
}

// semMu is a semaphore (release unlocks what another context locked):
// it orders events but excludes nothing, so peekSem, which holds it as
// every write of table3 does, is reported; peek is its twin with a
// mutex.
var (
	semMu    sync.Mutex
	inner3Mu sync.Mutex // want `^inner3Mu guards table3, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	table3   = map[string]int{}
)

func put3(k string) {
	semMu.Lock()
	inner3Mu.Lock()
	table3[k]++
	inner3Mu.Unlock()
	semMu.Unlock()
}

func peekSem(k string) int {
	semMu.Lock()
	defer semMu.Unlock()
	return table3[k] // want `^table3 accessed holding semMu but not its guard inner3Mu$`
}

func acquire() { semMu.Lock() }
func release() { semMu.Unlock() }

func serve(k string) {
	put3(k)
	_ = peekSem(k)
	put(k)
	_ = peek(k)
	_ = peekOther(k)
	put2(k)
	_ = peekRead(k)
}

func main() {
	go serve("a")
	acquire()
	go release()
	serve("b")
}
