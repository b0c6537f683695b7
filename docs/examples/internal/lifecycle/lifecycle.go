// Package lifecycle holds the start-and-stop checks that every example's
// tests share.
//
// The tests run in a testing/synctest bubble. Time there is fake, so
// timeouts and expiry cost nothing, and synctest.Test fails the test when
// a goroutine started in the bubble is still blocked after the test
// function returns: a leaked owner goroutine, sweeper or worker is a test
// failure, not a silent cost.
package lifecycle

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// StopTimeout is how long, in the bubble's fake time, Stop waits for the
// done channel.
const StopTimeout = time.Minute

// Stop cancels the context an example was started with and checks that
// its done channel is closed, then waits until every other goroutine of
// the bubble has returned or is blocked for good. It must run inside
// synctest.Test.
func Stop(t testing.TB, cancel context.CancelFunc, done <-chan struct{}) {
	t.Helper()
	cancel()
	select {
	case <-done:
	case <-time.After(StopTimeout):
		t.Fatalf("not stopped %v after its context was cancelled", StopTimeout)
	}
	synctest.Wait()
}

// Run runs f in a synctest bubble with a context that only f cancels (not
// t.Context(), which would stop a leaky example at the end of the test
// and hide the leak), so a goroutine that outlives stop makes the test
// fail.
func Run(t *testing.T, f func(t *testing.T, ctx context.Context, stop context.CancelFunc)) {
	t.Helper()
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		f(t, ctx, cancel)
	})
}
