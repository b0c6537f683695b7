package jobs

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestPool(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := NewPool(2, 10, time.Second)
	done := make(chan error)
	go func() { done <- p.Run(ctx) }()
	var n atomic.Int32
	for range 5 {
		if err := p.Submit(Job{Name: "inc", Run: func(context.Context) error { n.Add(1); return nil }}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Submit(Job{Name: "panic", Run: func(context.Context) error { panic("boom") }}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for n.Load() < 5 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n.Load() != 5 {
		t.Errorf("ran %d jobs, want 5", n.Load())
	}
}

func TestSubmitFull(t *testing.T) {
	p := NewPool(1, 1, time.Second)
	if err := p.Submit(Job{Name: "a"}); err != nil {
		t.Fatal(err)
	}
	if err := p.Submit(Job{Name: "b"}); !errors.Is(err, ErrQueueFull) {
		t.Errorf("second Submit: %v, want ErrQueueFull", err)
	}
}

func TestFanout(t *testing.T) {
	var n atomic.Int32
	fn := func(context.Context) error { n.Add(1); return nil }
	if err := Fanout(context.Background(), 2, fn, fn, fn); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := Fanout(context.Background(), 2, fn, func(context.Context) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("Fanout: %v, want boom", err)
	}
}

func TestHistory(t *testing.T) {
	record(Result{Name: "x", Started: time.Now(), Err: "failed"})
	if Failures()["x"] == 0 {
		t.Error("failure not counted")
	}
	if len(History()) == 0 {
		t.Error("empty history")
	}
}
