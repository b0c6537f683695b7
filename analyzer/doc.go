// Package analyzer defines an Analyzer that reports package-level
// variables guarded by a mutex and shared by several goroutines.
//
// # Analyzer chanown
//
// chanown: report mutex-guarded globals shared by goroutines
//
// Go's proverb says: do not communicate by sharing memory; instead, share
// memory by communicating. chanown finds package-level variables that are
// guarded by a sync.Mutex or sync.RWMutex and touched by more than one
// goroutine, and suggests giving that state one owner goroutine that the
// others reach over channels. It stays silent where a mutex is the right
// tool, such as a simple reference count.
//
//	// WRONG: two goroutines share counts through mu.
//	var (
//		mu     sync.Mutex
//		counts = map[string]int{}
//	)
//
//	func main() {
//		go func() { mu.Lock(); counts["a"]++; mu.Unlock() }()
//		mu.Lock(); counts["b"]++; mu.Unlock()
//	}
//
//	// RIGHT: one goroutine owns counts; others send it requests.
//	func owner(incs <-chan string, stop <-chan struct{}) {
//		counts := map[string]int{}
//		for {
//			select {
//			case k := <-incs:
//				counts[k]++
//			case <-stop:
//				return
//			}
//		}
//	}
//
// Diagnostic categories:
//
//   - shared: a lock whose globals are shared by several goroutines
//   - unguarded: a shared global accessed without its guard
//   - wronglock: a global accessed under a lock that is not its guard
//   - rlockwrite: a guarded global written under a read lock
//   - escape: guarded data that leaves its critical section
//   - directive: a malformed or unused //chanown:ignore directive
//
// shared is design advice; the others are the race tier (and directive),
// which the categories flag selects alone with the preset races.
//
// A diagnostic is suppressed by //chanown:ignore [categories] reason on
// its line, on the line above, or in the doc comment of its declaration.
package analyzer
