package before_test

import (
	"testing"

	"github.com/chanown/chanown/docs/examples/cache/before"
	"github.com/chanown/chanown/docs/examples/internal/cachetest"
)

var api = cachetest.API{
	Start:  before.Start,
	Set:    before.Set,
	Get:    before.Get,
	Delete: before.Delete,
	Len:    before.Len,
}

func TestCache(t *testing.T) { cachetest.Test(t, api) }

func BenchmarkCache(b *testing.B) { cachetest.Bench(b, api) }
