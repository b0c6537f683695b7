// Package main covers fields read through a pointer copied under the
// guard (DESIGN §5 "Paths conflict with their prefixes"). setLogger
// swaps logger under logMu and then, without it, reads a field through
// old, the pointer it loaded under logMu: that reads the old Logger,
// which the store of logger (the pointer) does not touch, and which
// setLevel, writing logger.Level in place under logMu, reaches only
// before the swap, ordered by logMu. Silent. Its twin, levelNow, reads
// logger.Level without logMu: the pointer itself is loaded without the
// guard while setLogger replaces it. Reported.
//
// cfg's pointee is written in place (setPort writes cfg.Port under
// cfgMu): port, which copies cfg under cfgMu and reads c.Port after
// Unlock, reads memory setPort writes. Reported. limitsNow copies lim
// the same way and reads c.Inner.Max while setInner replaces the whole
// struct field lim.Inner under limMu: reported too; only the stores of
// the pointer itself are other memory (setLim, silent against it).
package main

import "sync"

type Logger struct {
	Level int
	Name  string
}

var (
	logMu  sync.Mutex // want `^logMu guards logger and logger.Level, shared by main and goroutine started in main; give them one owner goroutine reached over a channel$`
	logger = &Logger{}
)

func setLogger(l *Logger) int {
	logMu.Lock()
	old := logger
	logger = l
	logMu.Unlock()
	return old.Level // ok: old was loaded under logMu and detached by the swap; setLevel writes only the Logger current under logMu
}

func setLevel(n int) {
	logMu.Lock()
	logger.Level = n
	logMu.Unlock()
}

func levelNow() int {
	return logger.Level // want `^logger.Level read without holding logMu; goroutine started in main also writes it$`
}

type Config struct{ Port int }

var (
	cfgMu sync.Mutex // want `^cfgMu guards cfg.Port, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	cfg   = &Config{}
)

func setPort(p int) {
	cfgMu.Lock()
	cfg.Port = p
	cfgMu.Unlock()
}

func port() int {
	cfgMu.Lock()
	c := cfg
	cfgMu.Unlock()
	return c.Port // want `^cfg.Port read without holding cfgMu; goroutine started in main also writes it$`
}

type Inner struct{ Max int }

type Limits struct{ Inner Inner }

var (
	limMu sync.Mutex // want `^limMu guards lim and lim.Inner, shared by main and goroutine started in main; give them one owner goroutine reached over a channel; a fix is offered$`
	lim   = &Limits{}
)

func setInner(n int) {
	limMu.Lock()
	lim.Inner = Inner{Max: n}
	limMu.Unlock()
}

func setLim() {
	limMu.Lock()
	lim = &Limits{}
	limMu.Unlock()
}

func limitsNow() int {
	limMu.Lock()
	c := lim
	limMu.Unlock()
	return c.Inner.Max // want `^lim.Inner.Max read without holding limMu; goroutine started in main also writes lim.Inner$`
}

func serve(n int) {
	setLogger(&Logger{Level: n})
	setLevel(n)
	levelNow()
	setPort(n)
	port()
	setInner(n)
	setLim()
	limitsNow()
}

func main() {
	go serve(1)
	serve(2)
}
