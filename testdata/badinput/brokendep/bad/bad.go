// Package bad does not type-check, and what it declares has invalid
// types (cmd/chanown/badinput_test.go).
package bad

import "sync"

// T has a field of an undefined type.
type T struct {
	Mu sync.Mutex
	X  Undefined
}

// V, W, F and H have invalid types.
var V Undefined

var W = T{}

func F() Undefined { return nil }

func H() (int, Undefined) { return 0, nil }
