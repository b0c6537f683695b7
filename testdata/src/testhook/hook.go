// Package main covers production goroutines that run test code: the
// goroutine that Watch starts calls h.Fire, and a test file passes a
// type of its own (testHook) whose Fire calls record1 and note1. In the
// test binary that goroutine runs them; in the program nothing but a
// test makes it, so what the test's Fire calls never judges code outside
// test files (DESIGN §5 "Test files"): mu1 is not shared, and note1's
// write without mu3 is no race (both silent). The twins, record2 and
// note2, are called by logHook.Fire, which main passes to Watch: mu2 is
// shared, and note2's write is reported. Races between the test's Fire
// and its own test are reported in the test file: TestWatch sets last4
// after Watch starts the goroutine (reported), and last5 only before
// (silent).
package main

import "sync"

// Hook is what the watcher goroutine calls.
type Hook interface{ Fire() }

var (
	mu1   sync.Mutex // ok: only the test's hook runs record1 on the goroutine Watch starts
	seen1 []string

	mu2   sync.Mutex // want `^mu2 guards seen2, shared by main and goroutine started in Watch; give it one owner goroutine reached over a channel; a fix is offered$`
	seen2 []string

	mu3   sync.Mutex // want `^mu3 guards last2, shared by main and goroutine started in Watch; give it one owner goroutine reached over a channel$`
	last1 string
	last2 string

	mu4   sync.Mutex // ok: only test code (testHook.Fire, on the goroutine Watch starts) makes another context use it
	last4 string
	last5 string
)

func record1(s string) {
	mu1.Lock()
	seen1 = append(seen1, s)
	mu1.Unlock()
}

func record2(s string) {
	mu2.Lock()
	seen2 = append(seen2, s)
	mu2.Unlock()
}

func setLast(s string) {
	mu3.Lock()
	last1, last2 = s, s
	mu3.Unlock()
}

// setLast4 and setLast5 are what main and TestWatch call to set last4
// and last5 under mu4.
func setLast4(s string) {
	mu4.Lock()
	last4 = s
	mu4.Unlock()
}

func setLast5(s string) {
	mu4.Lock()
	last5 = s
	mu4.Unlock()
}

func note1(s string) {
	last1 = s // ok: only the test's hook calls note1
}

func note2(s string) {
	last2 = s // want `^last2 written without holding mu3; main also accesses it$`
}

// Watch calls h.Fire on a goroutine of its own.
func Watch(h Hook) {
	go h.Fire()
}

type logHook struct{}

func (logHook) Fire() {
	record2("log")
	note2("log")
}

func main() {
	Watch(logHook{})
	record1("main")
	record2("main")
	setLast("main")
	setLast4("main")
	setLast5("main")
}
