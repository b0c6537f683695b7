// Package unknowncallee passes closures to functions chanown knows nothing // want package:`chanown\(module ""; reported unknowncallee.mu; counts \)`
// of: no source in the package and no fact (sort.Slice, slices.SortFunc,
// strings.Map). Such a function is taken to run its func argument in
// place, with the caller's locks (DESIGN §1, a closure called in place);
// a spawn function (time.AfterFunc) runs it later, without them.
package unknowncallee

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

var (
	mu     sync.Mutex // want `^mu guards counts and keys, shared by callers of exported functions, timer callback in reset and 1 more; give them one owner goroutine reached over a channel$`
	counts = map[string]int{}
	keys   []string
)

func add(k string) {
	mu.Lock()
	defer mu.Unlock()
	counts[k]++
	keys = append(keys, k)
	sort.Slice(keys, func(i, j int) bool { return counts[keys[i]] < counts[keys[j]] }) // ok: sort.Slice calls less in place, holding mu
	slices.SortFunc(keys, func(a, b string) int { return counts[a] - counts[b] })      // ok: slices.SortFunc calls cmp in place, holding mu
	_ = strings.Map(func(r rune) rune { counts[string(r)]++; return r }, k)            // ok: strings.Map calls mapping in place, holding mu
}

// A walker visits keys; nothing is known of its implementations.
type walker interface {
	walk(keys []string, visit func(string))
}

var w walker

func bump(each func(func(string))) {
	mu.Lock()
	defer mu.Unlock()
	w.walk(keys, func(k string) { counts[k] += 2 }) // ok: an interface method runs visit in place, holding mu
	each(func(k string) { counts[k] += 3 })         // ok: a func value runs its argument in place, holding mu
}

func reset(k string) {
	mu.Lock()
	defer mu.Unlock()
	time.AfterFunc(time.Second, func() { counts[k] = 0 }) // want `^counts written without holding mu; callers of exported functions also access it$`
}

// Start shares counts and keys between its caller and a goroutine.
func Start() { // want Start:`^chanown\(reads unknowncallee.counts under unknowncallee.mu; writes unknowncallee.counts under unknowncallee.mu; reads unknowncallee.keys under unknowncallee.mu; writes unknowncallee.keys under unknowncallee.mu; reads unknowncallee.w under unknowncallee.mu; starts timer callback in unknowncallee.reset \(2 accesses\); starts goroutine started in unknowncallee.Start \(4 accesses\)\)$`
	go add("worker")
	add("caller")
	reset("caller")
	bump(func(visit func(string)) { visit("x") })
}
