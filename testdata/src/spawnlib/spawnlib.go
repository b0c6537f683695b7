// Package spawnlib is a helper for the spawners scenario: Run hands f to a
// worker pool started at init, so nothing in Run's body shows that f runs
// on another goroutine. Only the -spawners entry "spawnlib.Run:0" says so.
package spawnlib

var work = make(chan func(), 16)

func init() {
	for range 4 {
		go func() {
			for f := range work {
				f()
			}
		}()
	}
}

// Run schedules f to run on a pool goroutine.
func Run(f func()) { work <- f }
