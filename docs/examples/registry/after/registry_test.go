package after_test

import (
	"testing"

	"github.com/chanown/chanown/docs/examples/internal/registrytest"
	"github.com/chanown/chanown/docs/examples/registry/after"
)

var api = registrytest.API{
	Start:       after.Start,
	Register:    after.Register,
	Deregister:  after.Deregister,
	Lookup:      after.Lookup,
	WithTag:     after.WithTag,
	ErrExists:   after.ErrExists,
	ErrNotFound: after.ErrNotFound,
	ErrStopped:  after.ErrStopped,
}

func TestRegistry(t *testing.T) { registrytest.Test(t, api) }

func BenchmarkRegistry(b *testing.B) { registrytest.Bench(b, api) }
