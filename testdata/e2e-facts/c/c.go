// Package c uses package a's state under a.Mu and starts no goroutine, so
// nothing is reported here. Its API names none of a's types: under go vet
// its importers know package a only from the facts c exports, not from
// export data (cmd/far).
package c

import "example.com/facts/a"

// Inc adds k to a.Counts holding a.Mu.
func Inc(k string) { a.Add(k) }

// Sum reads a.Counts holding a.Mu.
func Sum() int {
	defer a.Lock()()
	n := 0
	for _, v := range a.Counts {
		n += v
	}
	return n
}
