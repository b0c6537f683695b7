// Package main covers the callers that decide a helper's entry locks
// (DESIGN §5 "Test files"): code outside test files is judged by its
// non-test callers. cfgLocked is called holding cfgMu by every non-test
// caller, so its read of cfg holds cfgMu, whatever callers_test.go does.
// The twin, nameLocked, has one non-test caller (peekName) that does not
// hold nameMu: its read of name is unguarded. A test that calls
// cfg2Locked without cfg2Mu while a goroutine it started writes cfg2 is
// reported at its call, in the test file; the same call holding cfg2Mu,
// or without a concurrent context (TestCfgLocked), is silent.
package main

import "sync"

var (
	cfgMu sync.Mutex // want `^cfgMu guards cfg, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	cfg   string

	nameMu sync.Mutex // want `^nameMu guards name, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	name   string

	cfg2Mu sync.Mutex // want `^cfg2Mu guards cfg2, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	cfg2   string
)

// cfg2Locked returns cfg2; the caller holds cfg2Mu.
func cfg2Locked() string {
	return cfg2 // ok: every non-test caller holds cfg2Mu (TestCfg2Race's call is reported in the test file)
}

func get2() string {
	cfg2Mu.Lock()
	defer cfg2Mu.Unlock()
	return cfg2Locked()
}

func set2(s string) {
	cfg2Mu.Lock()
	cfg2 = s
	cfg2Mu.Unlock()
}

// cfgLocked returns cfg; the caller holds cfgMu.
func cfgLocked() string {
	return cfg // ok: every non-test caller holds cfgMu
}

// nameLocked returns name; the caller should hold nameMu.
func nameLocked() string {
	return name // want `^name read without holding nameMu; goroutine started in main also writes it$`
}

func get() string {
	cfgMu.Lock()
	defer cfgMu.Unlock()
	return cfgLocked()
}

func set(s string) {
	cfgMu.Lock()
	cfg = s
	cfgMu.Unlock()
}

func getName() string {
	nameMu.Lock()
	defer nameMu.Unlock()
	return nameLocked()
}

// peekName forgets nameMu.
func peekName() string { return nameLocked() }

func setName(s string) {
	nameMu.Lock()
	name = s
	nameMu.Unlock()
}

func main() {
	go func() {
		set("a")
		setName("a")
		set2("a")
	}()
	println(get(), getName(), peekName(), get2())
}
