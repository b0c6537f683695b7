// Package main covers the declines of the suggested fix (fix.go), one
// file per rule. In each file a group that keeps its mutex (// ok: no
// fix, and why) stands beside a twin that differs in the one property
// the rule looks at and gets the fix. main runs every case on two
// goroutines, so that every group is shared.
package main

import "strings"

func main() {
	for range 2 {
		go outside()
		go helpers()
		go lockedCallee()
		go tryLock()
		go otherGlobals()
		go address()
		go escapes()
		go cond()
		go readers()
		go later()
		go labels()
		go initWrites()
		go initCalls()
		go exported()
		go aliases(make(chan map[string]int, 4))
		go readMostly(make(chan bool, 1))
		go mixed()
		go early()
		go structWhole()
		go structNamed()
		go structMixed()
		go structLit()
		go structNested()
		go structOutside()
		go structParen()
		go localLater()
		go declGuard()
		go multiValue()
		go twoFiles()
		go reLock()
		go generated()
		go exportedGuard()
		go readFuncVal(strings.ToUpper)
	}
	select {}
}
