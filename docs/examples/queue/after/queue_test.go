package after_test

import (
	"testing"

	"github.com/chanown/chanown/docs/examples/internal/queuetest"
	"github.com/chanown/chanown/docs/examples/queue/after"
)

var api = queuetest.API{
	Start:      after.Start,
	Submit:     after.Submit,
	Drain:      after.Drain,
	Status:     func() queuetest.Stats { return queuetest.Stats(after.Status()) },
	ErrStopped: after.ErrStopped,
}

func TestQueue(t *testing.T) { queuetest.Test(t, api) }

func BenchmarkQueue(b *testing.B) { queuetest.Bench(b, api) }
