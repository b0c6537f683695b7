// Package main covers a second context started by an imported function
// (its fact lists the start): main has no go statement, handler or test,
// yet it shares dep.Names with the goroutine dep.Start starts (reported
// here, at the call, since dep alone has one context), and reads it
// without dep.Mu while that goroutine writes it. The twin read holds
// dep.Mu and is silent.
package main

import "matter/startsdep/dep"

func main() {
	dep.Start() // want `^dep.Mu guards dep.Names, shared by main and goroutine started in dep.Start; give it one owner goroutine reached over a channel$`
	_ = dep.Names["a"] // want `^dep.Names read without holding dep.Mu; goroutine started in dep.Start also writes it$`
	dep.Mu.Lock()
	_ = dep.Names["b"] // ok: holds dep.Mu
	dep.Mu.Unlock()
}
