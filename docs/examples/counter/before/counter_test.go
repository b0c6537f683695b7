package before_test

import (
	"testing"

	"github.com/chanown/chanown/docs/examples/counter/before"
	"github.com/chanown/chanown/docs/examples/internal/countertest"
)

var api = countertest.API{
	Start:    before.Start,
	Inc:      before.Inc,
	Count:    before.Count,
	Snapshot: before.Snapshot,
}

func TestCounter(t *testing.T) { countertest.Test(t, api) }

func BenchmarkCounter(b *testing.B) { countertest.Bench(b, api) }
