package after_test

import (
	"testing"

	"github.com/chanown/chanown/docs/examples/counter/after"
	"github.com/chanown/chanown/docs/examples/internal/countertest"
)

var api = countertest.API{
	Start:    after.Start,
	Inc:      after.Inc,
	Count:    after.Count,
	Snapshot: after.Snapshot,
}

func TestCounter(t *testing.T) { countertest.Test(t, api) }

func BenchmarkCounter(b *testing.B) { countertest.Bench(b, api) }
