package main

import "testing"

func BenchmarkOwn(b *testing.B) {
	name1 = "bench" // ok: the benchmark's own code runs beside neither its RunParallel body nor another run of itself
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			_ = get1()
		}
	})
	name1 = "" // ok: after RunParallel returns
}

func BenchmarkBody(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			name2 = "bench" // want `^name2 written without holding mu2; another run of goroutine started in BenchmarkBody also accesses it$`
			_ = get2()
		}
	})
}

func TestSubs(t *testing.T) {
	for _, s := range []string{"a", "b"} {
		t.Run(s, func(t *testing.T) {
			t.Parallel()
			name3 = s // want `^name3 written without holding mu3; another run of test TestSubs also accesses it$`
			_ = get3()
		})
	}
}

func TestSerialSubs(t *testing.T) {
	for _, s := range []string{"a", "b"} {
		t.Run(s, func(t *testing.T) {
			name4 = s // ok: subtests that do not call t.Parallel run one after another
			_ = get4()
		})
	}
}

func TestParallelOwn(t *testing.T) {
	t.Parallel()
	name5 = "test" // ok: a parallel test runs beside other parallel tests, never beside another run of itself
	_ = get5()
}
