// Package bad does not type-check: chanown must print the error as one
// line, exit 1 and not panic (cmd/chanown/main_test.go).
package bad

// N is not an int.
var N int = "not an int"
