// Package main covers goroutines that production code starts and joins
// before the starting function returns (DESIGN §5 "Happens-before"): such
// a goroutine runs only within that call, so main's accesses before or
// after the call are not concurrent with it. fanout1 waits on every
// path: main's write of total1 after it is silent. The twins: fanout2
// returns early, leaving goroutines running (total2 reported); fanout3
// waits only on a WaitGroup its goroutine marks done first, a start
// signal, not a join (total3 reported), while fanout4 waits on the start
// signal and then on the group whose Done is the goroutine's last action
// (total4 silent); fanout5 calls reset5 between the start and the join
// (reported there).
package main

import (
	"errors"
	"sync"
)

var (
	mu1    sync.Mutex // want `^mu1 guards total1, shared by main and goroutine started in fanout1; give it one owner goroutine reached over a channel$`
	total1 []int

	mu2    sync.Mutex // want `^mu2 guards total2, shared by main and goroutine started in fanout2; give it one owner goroutine reached over a channel$`
	total2 []int

	mu3    sync.Mutex // want `^mu3 guards total3, shared by main and goroutine started in fanout3; give it one owner goroutine reached over a channel$`
	total3 []int

	mu4    sync.Mutex // want `^mu4 guards total4, shared by main and goroutine started in fanout4; give it one owner goroutine reached over a channel$`
	total4 []int

	mu5    sync.Mutex // want `^mu5 guards total5, shared by main and goroutine started in fanout5; give it one owner goroutine reached over a channel$`
	total5 []int
)

var errTooMany = errors.New("too many")

func work1(i int) { mu1.Lock(); total1 = append(total1, i); mu1.Unlock() }
func work2(i int) { mu2.Lock(); total2 = append(total2, i); mu2.Unlock() }
func work3(i int) { mu3.Lock(); total3 = append(total3, i); mu3.Unlock() }
func work4(i int) { mu4.Lock(); total4 = append(total4, i); mu4.Unlock() }
func work5(i int) { mu5.Lock(); total5 = append(total5, i); mu5.Unlock() }

func fanout1(n int) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work1(i)
		}()
	}
	wg.Wait()
}

func fanout2(n int) error {
	var wg sync.WaitGroup
	for i := range n {
		if i > 2 {
			return errTooMany // the goroutines started so far still run
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			work2(i)
		}()
	}
	wg.Wait()
	return nil
}

func fanout3() {
	var started sync.WaitGroup
	started.Add(1)
	go func() {
		started.Done()
		work3(0)
	}()
	started.Wait()
}

func fanout4() {
	var started, done sync.WaitGroup
	started.Add(1)
	done.Add(1)
	go func() {
		started.Done()
		work4(0)
		done.Done()
	}()
	started.Wait()
	done.Wait()
}

func fanout5() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		work5(0)
	}()
	reset5()
	wg.Wait()
}

func reset5() {
	total5 = nil // want `^total5 written without holding mu5; goroutine started in fanout5 also accesses it$`
}

func main() {
	fanout1(4)
	total1 = nil // ok: fanout1 joined its goroutines before it returned
	fanout2(4)
	total2 = nil // want `^total2 written without holding mu2; goroutine started in fanout2 also accesses it$`
	fanout3()
	total3 = nil // want `^total3 written without holding mu3; goroutine started in fanout3 also accesses it$`
	fanout4()
	total4 = nil // ok: done.Wait joins the goroutine; started.Wait alone would not
	fanout5()
}
