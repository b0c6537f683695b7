// Package uses imports a module whose replacement directory does not
// exist (cmd/chanown/badinput_test.go): go list says so once for each
// import, and every use of it is a follow-on type error.
package uses

import (
	"example.com/gone/a"
	"example.com/gone/b"
)

// ID is a's.
type ID = a.ID

// Parse uses both.
func Parse(s string) (ID, error) {
	id := a.New(s)
	return id, b.Check(id)
}
