// Package prodjoinlib is prodjoin's join in a library, in default mode: // want package:`chanown\(module ""; reported prodjoinlib\.mu1,prodjoinlib\.mu2; counts \)`
// the callers of exported functions are one thread of control (DESIGN §5
// "Happens-before"), and Fanout joins its goroutines before it returns,
// so Reset's write without mu1 is not concurrent with them (silent); its
// twin Spawn never joins its goroutine (Reset2's write reported). Package
// prodjoinlibexp is the same code under -exported, where the callers may
// run at once: there Reset's write is reported too.
package prodjoinlib

import "sync"

var (
	mu1    sync.Mutex // want `^mu1 guards total1, shared by callers of exported functions and goroutine started in Fanout; give it one owner goroutine reached over a channel$`
	total1 []int

	mu2    sync.Mutex // want `^mu2 guards total2, shared by callers of exported functions and goroutine started in Spawn; give it one owner goroutine reached over a channel$`
	total2 []int
)

func work1(i int) {
	mu1.Lock()
	total1 = append(total1, i)
	mu1.Unlock()
}

func work2(i int) {
	mu2.Lock()
	total2 = append(total2, i)
	mu2.Unlock()
}

// Fanout runs n workers and waits for them.
func Fanout(n int) { // want Fanout:`^chanown\(starts goroutine started in prodjoinlib\.Fanout \(2 accesses\)\)$`
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { work1(i) })
	}
	wg.Wait()
}

// Spawn runs one worker and returns at once.
func Spawn() { // want Spawn:`^chanown\(starts goroutine started in prodjoinlib\.Spawn \(2 accesses\)\)$`
	go work2(0)
}

// Reset clears total1 without the lock.
func Reset() { // want Reset:`^chanown\(writes prodjoinlib\.total1\)$`
	total1 = nil // ok: Fanout joins its goroutines before it returns, and its callers are one thread of control
}

// Reset2 clears total2 without the lock.
func Reset2() { // want Reset2:`^chanown\(writes prodjoinlib\.total2 \(reported\)\)$`
	total2 = nil // want `^total2 written without holding mu2; goroutine started in Spawn also accesses it$`
}
