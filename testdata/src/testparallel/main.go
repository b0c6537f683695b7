// Package main covers what runs beside itself within one test function
// (DESIGN §5 "Test files"): the body passed to b.RunParallel runs on
// several goroutines at once, the benchmark's own code does not, nor
// beside that body (it waits in RunParallel), nor beside another run of
// itself. BenchmarkOwn writes name1 in its own code (silent); its twin
// BenchmarkBody writes name2 in the body (reported). Likewise subtests
// that call t.Parallel run beside each other: TestSubs writes name3 in
// such a subtest (reported), TestSerialSubs in subtests that do not
// (silent). TestParallelOwn calls t.Parallel and writes name5 in its own
// code, which runs beside other parallel tests but not beside itself
// (silent), unlike TestSubs' parallel subtests.
package main

import "sync"

var (
	mu1   sync.Mutex // want `^mu1 guards name1, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	name1 string

	mu2   sync.Mutex // want `^mu2 guards name2, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	name2 string

	mu3   sync.Mutex // want `^mu3 guards name3, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	name3 string

	mu5   sync.Mutex // want `^mu5 guards name5, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	name5 string

	mu4   sync.Mutex // want `^mu4 guards name4, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	name4 string
)

func get1() string { mu1.Lock(); defer mu1.Unlock(); return name1 }
func get2() string { mu2.Lock(); defer mu2.Unlock(); return name2 }
func get3() string { mu3.Lock(); defer mu3.Unlock(); return name3 }
func get4() string { mu4.Lock(); defer mu4.Unlock(); return name4 }
func get5() string { mu5.Lock(); defer mu5.Unlock(); return name5 }

func set1(s string) { mu1.Lock(); name1 = s; mu1.Unlock() }
func set2(s string) { mu2.Lock(); name2 = s; mu2.Unlock() }
func set3(s string) { mu3.Lock(); name3 = s; mu3.Unlock() }
func set4(s string) { mu4.Lock(); name4 = s; mu4.Unlock() }
func set5(s string) { mu5.Lock(); name5 = s; mu5.Unlock() }

func main() {
	go func() {
		set1("a")
		set2("a")
		set3("a")
		set4("a")
		set5("a")
	}()
	println(get1(), get2(), get3(), get4(), get5())
}
