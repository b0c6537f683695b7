// Package examples holds the tested examples of docs/ownership.md, the
// guide to converting a mutex-guarded global into state owned by one
// goroutine. Each example has a before package (package-level variables
// guarded by a mutex) and an after package (one owner goroutine reached
// over channels) with the same API and the same tests:
//
//   - counter: a map of word counts;
//   - registry: services by name, with a tag index that must agree;
//   - queue: a work queue with workers, counts, and Drain;
//   - cache: entries with an expiry time, and a sweep.
//
// The shared test bodies and benchmarks are in internal/<name>test;
// mutexwins measures where a mutex (or an atomic) is the better tool.
// verdict_test.go checks what chanown says about every package here:
// a shared report on each before package, silence everywhere else; and
// silence everywhere in the default mode, where the before packages that
// it reports carry //chanown:ignore shared, as this repository lints
// itself clean.
package examples
