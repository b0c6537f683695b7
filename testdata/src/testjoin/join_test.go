package main

import (
	"sync"
	"testing"
)

func TestRecord(t *testing.T) {
	var wg sync.WaitGroup
	for range 100 {
		wg.Go(func() { record("test") })
	}
	wg.Wait()
}

func TestReset(t *testing.T) {
	events = nil // ok: TestRecord joins its goroutines before it returns
}

func TestSet3(t *testing.T) {
	mu3.Lock()
	events3 = nil // ok: written under mu3
	mu3.Unlock()
}

func TestLeak(t *testing.T) {
	go count2()
	events2 = nil // want `^events2 written without holding mu2; goroutine started in TestLeak also accesses it$`
}

func TestResetAfterLeak(t *testing.T) {
	events2 = nil // ok: TestLeak's goroutine belongs to TestLeak; test functions run one after another, and whether it outlives TestLeak is not known
}
