// Package bad does not type-check (cmd/chanown/badinput_test.go).
package bad

// N is not an int.
var N int = "not an int"

// Twice returns 2*N.
func Twice() int { return 2 * N }
