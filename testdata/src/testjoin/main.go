// Package main covers goroutines that test functions start and join
// (DESIGN §5 "Test files"): test functions run one after another, so a
// goroutine that TestRecord joins (wg.Wait) before it returns is not
// concurrent with TestReset, whose write without mu is no race. The twin,
// TestLeak, does not join the goroutine it starts, which reads events2
// under mu2 while the test writes events2 without mu2: a race, reported
// in the test file. events3 is read by two contexts of main.go but
// written only by TestSet3: test files never make a global shared
// (mu3 is silent; testshare's mu2 is the twin written outside tests).
// A receive joins too: TestJoinRecv's goroutine closes done as its last
// action and the test receives from done before writing events4
// (silent); TestRecvLate writes events5 before the receive, and
// TestSendFirst's goroutine sends before its last access of events6
// (both reported). A subtest runs while its parent waits: TestSub's
// subtest joins its goroutine, so TestSub's write after t.Run is
// ordered (silent); TestSubLeak's subtest does not join (reported).
// TestLoad9's joined goroutines call load9, whose goroutine runs only
// because a test called it: TestReset9's write is silent, as when a test
// calls load9 itself; the twin, record10, runs on a goroutine that the
// package initialiser starts, beside every test (TestReset10, reported).
package main

import "sync"

var (
	mu     sync.Mutex // ok: only test files share events, and the test joins its goroutines
	events []string

	mu2     sync.Mutex // ok: only test files share events2
	events2 []string

	mu3     sync.Mutex // ok: two contexts read events3, but only a test writes it
	events3 []string

	mu4     sync.Mutex // ok: only test files share events4
	events4 []string

	mu5     sync.Mutex // ok: only test files share events5
	events5 []string

	mu6     sync.Mutex // ok: only test files share events6
	events6 []string

	mu7     sync.Mutex // ok: only test files share events7
	events7 []string

	mu8     sync.Mutex // ok: only test files share events8
	events8 []string

	mu9     sync.Mutex // ok: one goroutine writes events9 outside test files
	events9 []string

	mu10     sync.Mutex // ok: one goroutine writes events10 outside test files
	events10 []string

	mu11     sync.Mutex // want `^mu11 guards events11, shared by concurrent runs of goroutine started in load11; give it one owner goroutine reached over a channel; a fix is offered$`
	events11 []string
)

// load11 is load9's twin for sharing: main and a goroutine of its own
// both call it, so its goroutine runs twice at once outside the tests;
// load9's runs twice at once only in TestLoad9.
func load11() {
	go func() {
		mu11.Lock()
		events11 = append(events11, "loaded")
		mu11.Unlock()
	}()
}

// load9 starts a goroutine that writes events9 under mu9: it runs only
// because a caller (main, or a test) called load9. The twin, record10,
// is started by the package initialiser, whatever the tests do.
func load9() {
	go func() {
		mu9.Lock()
		events9 = append(events9, "loaded")
		mu9.Unlock()
	}()
}

func record10(s string) { mu10.Lock(); events10 = append(events10, s); mu10.Unlock() }

func init() { go record10("init") }

func record4(s string) { mu4.Lock(); events4 = append(events4, s); mu4.Unlock() }
func record5(s string) { mu5.Lock(); events5 = append(events5, s); mu5.Unlock() }
func record6(s string) { mu6.Lock(); events6 = append(events6, s); mu6.Unlock() }
func record7(s string) { mu7.Lock(); events7 = append(events7, s); mu7.Unlock() }
func record8(s string) { mu8.Lock(); events8 = append(events8, s); mu8.Unlock() }

func count3() int {
	mu3.Lock()
	defer mu3.Unlock()
	return len(events3)
}

func record(s string) {
	mu.Lock()
	events = append(events, s)
	mu.Unlock()
}

func count2() int {
	mu2.Lock()
	defer mu2.Unlock()
	return len(events2)
}

func main() {
	record("main")
	record4("main")
	record5("main")
	record6("main")
	record7("main")
	record8("main")
	println(count2())
	go count3()
	println(count3())
	load9()
	go load11()
	load11()
}
