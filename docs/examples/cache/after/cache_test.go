package after_test

import (
	"testing"

	"github.com/chanown/chanown/docs/examples/cache/after"
	"github.com/chanown/chanown/docs/examples/internal/cachetest"
)

var api = cachetest.API{
	Start:  after.Start,
	Set:    after.Set,
	Get:    after.Get,
	Delete: after.Delete,
	Len:    after.Len,
}

func TestCache(t *testing.T) { cachetest.Test(t, api) }

func BenchmarkCache(b *testing.B) { cachetest.Bench(b, api) }
