package analyzer

import "errors"

// Bounds and step counts of the walks over SSA values and types
// (DESIGN §6: a real package never makes chanown hang).

// maxRefDepth bounds the walk through phis and conversions.
const maxRefDepth = 16

// A walkCount counts the steps of one walk over SSA values or types, so
// that tests can check that the walk's work grows linearly with the code
// it walks (walks_test.go). A nil *walkCount counts nothing. A walk
// stops with a panic of errTooManySteps past a positive limit, which
// only tests set, so that an exponential walk fails fast instead of
// hanging the test.
type walkCount struct{ n, limit int }

// errTooManySteps is the panic of a walk past its walkCount's limit.
var errTooManySteps = errors.New("walk over its step limit")

// step counts one step.
func (c *walkCount) step() {
	if c == nil {
		return
	}
	c.n++
	if c.limit > 0 && c.n > c.limit {
		panic(errTooManySteps)
	}
}
