package before_test

import (
	"testing"

	"github.com/chanown/chanown/docs/examples/internal/registrytest"
	"github.com/chanown/chanown/docs/examples/registry/before"
)

var api = registrytest.API{
	Start:       before.Start,
	Register:    before.Register,
	Deregister:  before.Deregister,
	Lookup:      before.Lookup,
	WithTag:     before.WithTag,
	ErrExists:   before.ErrExists,
	ErrNotFound: before.ErrNotFound,
	ErrStopped:  before.ErrStopped,
}

func TestRegistry(t *testing.T) { registrytest.Test(t, api) }

func BenchmarkRegistry(b *testing.B) { registrytest.Bench(b, api) }
