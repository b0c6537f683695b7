// Package main covers closures in package-level initialisers: they run as
// part of package initialisation, so their writes are initialisation.
// aliases is written only by such a closure and read under muA by main and
// a goroutine (silent). The twin, names, is written the same way and also
// by rename at run time (reported).
package main

import "sync"

var (
	muA     sync.Mutex // ok: aliases is written only during package initialisation
	aliases = map[string]string{}

	muB   sync.Mutex // want `^muB guards names, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	names = map[string]string{}
)

var _ = func() bool {
	muA.Lock()
	defer muA.Unlock()
	aliases["ls"] = "list"
	return true
}()

var seeded = func() int {
	muB.Lock()
	defer muB.Unlock()
	names["a"] = "alpha"
	return len(names)
}()

func alias(k string) string {
	muA.Lock()
	defer muA.Unlock()
	return aliases[k]
}

func name(k string) string {
	muB.Lock()
	defer muB.Unlock()
	return names[k]
}

func rename(k, v string) {
	muB.Lock()
	names[k] = v
	muB.Unlock()
}

func main() {
	go func() {
		_ = alias("ls")
		rename("b", "beta")
	}()
	_ = alias("rm")
	_ = name("a")
	_ = seeded
}
