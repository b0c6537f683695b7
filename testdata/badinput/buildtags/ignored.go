//go:build ignore

// This file is never built: its type error and its lock do not count.
package main

import "sync"

var muIgnored sync.Mutex

var broken int = "not an int"

func init() {
	go func() { muIgnored.Lock(); broken++; muIgnored.Unlock() }()
	muIgnored.Lock()
	broken++
	muIgnored.Unlock()
}
