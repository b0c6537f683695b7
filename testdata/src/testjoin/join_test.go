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

func TestJoinRecv(t *testing.T) {
	done := make(chan struct{})
	go func() {
		record4("test")
		close(done)
	}()
	<-done
	events4 = nil // ok: the receive joins the goroutine, whose last action closes done
}

func TestRecvLate(t *testing.T) {
	done := make(chan struct{})
	go func() {
		record5("test")
		done <- struct{}{}
	}()
	events5 = nil // want `^events5 written without holding mu5; goroutine started in TestRecvLate also accesses it$`
	<-done
}

func TestSendFirst(t *testing.T) {
	done := make(chan struct{})
	go func() {
		done <- struct{}{}
		record6("test")
	}()
	<-done
	events6 = nil // want `^events6 written without holding mu6; goroutine started in TestSendFirst also accesses it$`
}

func TestSub(t *testing.T) {
	t.Run("a", func(t *testing.T) {
		var wg sync.WaitGroup
		wg.Go(func() { record7("a") })
		wg.Wait()
	})
	events7 = nil // ok: the subtest joined its goroutine before t.Run returned
}

func TestSubLeak(t *testing.T) {
	t.Run("a", func(t *testing.T) {
		go record8("a")
	})
	events8 = nil // want `^events8 written without holding mu8; goroutine started in TestSubLeak also accesses it$`
}

func TestLoad9(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() { load9() })
	}
	wg.Wait()
}

func TestReset9(t *testing.T) {
	events9 = nil // ok: load9's goroutine runs only because a test called load9 (DESIGN §5 "Test files")
}

func TestReset10(t *testing.T) {
	events10 = nil // want `^events10 written without holding mu10; goroutine started in init also accesses it$`
}

// TestSubIface runs a subtest through an interface: nothing is known of
// the callee, so its goroutine is not the test's own code (and the
// analysis must not trip over the unknown helper).
func TestSubIface(t *testing.T) {
	var r interface {
		Run(string, func(*testing.T)) bool
	} = t
	r.Run("a", func(t *testing.T) {
		go func() {}()
	})
}
