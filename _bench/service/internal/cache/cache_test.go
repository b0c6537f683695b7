package cache

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestSetGet(t *testing.T) {
	Set("a", 1, time.Minute)
	if v, ok := Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %v, %v", v, ok)
	}
	Delete("a")
	if _, ok := Get("a"); ok {
		t.Fatal("a still cached after Delete")
	}
}

func TestExpire(t *testing.T) {
	Set("old", 1, -time.Second)
	Set("new", 2, time.Hour)
	if n := expire(time.Now()); n != 1 {
		t.Errorf("expire dropped %d entries, want 1", n)
	}
	if _, ok := Get("new"); !ok {
		t.Error("new expired")
	}
}

func TestLimit(t *testing.T) {
	SetLimit(3)
	defer SetLimit(1024)
	for i := range 5 {
		Set(fmt.Sprint("k", i), i, time.Hour)
	}
	if _, _, size := Stats(); size != 3 {
		t.Errorf("size %d, want 3", size)
	}
	if _, ok := Get("k0"); ok {
		t.Error("k0 not evicted")
	}
}

func TestDeletePrefix(t *testing.T) {
	Set("user:1", 1, time.Hour)
	Set("user:2", 2, time.Hour)
	Set("order:1", 3, time.Hour)
	if n := DeletePrefix("user:"); n != 2 {
		t.Errorf("DeletePrefix dropped %d, want 2", n)
	}
}

func TestGetOrLoadConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			v, err := GetOrLoad(fmt.Sprint("c", i%2), time.Hour, func() (any, error) { return i, nil })
			if err != nil || v == nil {
				t.Errorf("GetOrLoad: %v, %v", v, err)
			}
		})
	}
	wg.Wait()
	if _, err := GetOrLoad("bad", time.Hour, func() (any, error) { return nil, errors.New("boom") }); err == nil {
		t.Error("load error lost")
	}
}
