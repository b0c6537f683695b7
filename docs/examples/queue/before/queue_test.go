package before_test

import (
	"testing"

	"github.com/chanown/chanown/docs/examples/internal/queuetest"
	"github.com/chanown/chanown/docs/examples/queue/before"
)

var api = queuetest.API{
	Start:      before.Start,
	Submit:     before.Submit,
	Drain:      before.Drain,
	Status:     func() queuetest.Stats { return queuetest.Stats(before.Status()) },
	ErrStopped: before.ErrStopped,
}

func TestQueue(t *testing.T) { queuetest.Test(t, api) }

func BenchmarkQueue(b *testing.B) { queuetest.Bench(b, api) }
