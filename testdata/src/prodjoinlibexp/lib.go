// Package prodjoinlibexp is package prodjoinlib under -exported: the // want package:`chanown\(module ""; reported prodjoinlibexp\.mu1,prodjoinlibexp\.mu2; counts \)`
// callers of exported functions may run at once, so another caller's
// Reset may run while Fanout's goroutines do, although Fanout joins
// them before it returns (reported), as is Reset2 (DESIGN §5
// "Happens-before", "Multiple").
package prodjoinlibexp

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
func Fanout(n int) { // want Fanout:`^chanown\(starts goroutine started in prodjoinlibexp\.Fanout \(2 accesses\)\)$`
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { work1(i) })
	}
	wg.Wait()
}

// Spawn runs one worker and returns at once.
func Spawn() { // want Spawn:`^chanown\(starts goroutine started in prodjoinlibexp\.Spawn \(2 accesses\)\)$`
	go work2(0)
}

// Reset clears total1 without the lock.
func Reset() { // want Reset:`^chanown\(writes prodjoinlibexp\.total1 \(reported\)\)$`
	total1 = nil // want `^total1 written without holding mu1; goroutine started in Fanout also accesses it$`
}

// Reset2 clears total2 without the lock.
func Reset2() { // want Reset2:`^chanown\(writes prodjoinlibexp\.total2 \(reported\)\)$`
	total2 = nil // want `^total2 written without holding mu2; goroutine started in Spawn also accesses it$`
}
