package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
)

// A report is one `shared` diagnostic, deduplicated over a package and
// its test variants.
type report struct {
	Pkg     string // the package it was reported in
	Posn    string // position, relative to the module root
	Message string
	Lock    string // the lock as the message names it
}

// parseShared reads the standalone driver's JSON tree (package ID →
// analyzer → diagnostics or {"error": …}) and returns its `shared`
// reports, sorted, and the analyses that failed.
func parseShared(data []byte, root string) ([]report, []string, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, nil, fmt.Errorf("not a JSON tree: %v", err)
	}
	seen := map[string]report{}
	var failed []string
	for _, id := range slices.Sorted(maps.Keys(tree)) {
		raw, ok := tree[id]["chanown"]
		if !ok {
			continue
		}
		var e struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(raw, &e) == nil && e.Error != "" {
			failed = append(failed, id+": "+e.Error)
			continue
		}
		var diags []struct {
			Category string `json:"category"`
			Posn     string `json:"posn"`
			Message  string `json:"message"`
		}
		if err := json.Unmarshal(raw, &diags); err != nil {
			return nil, nil, fmt.Errorf("package %s: %v", id, err)
		}
		for _, d := range diags {
			if d.Category != "shared" {
				continue
			}
			r := report{
				Pkg:     packageOf(id),
				Posn:    strings.TrimPrefix(d.Posn, strings.TrimSuffix(root, "/")+"/"),
				Message: d.Message,
				Lock:    lockOf(d.Message),
			}
			seen[r.Posn+" "+r.Message] = r
		}
	}
	reports := slices.Collect(maps.Values(seen))
	slices.SortFunc(reports, func(a, b report) int {
		return strings.Compare(a.Posn+" "+a.Message, b.Posn+" "+b.Message)
	})
	return reports, failed, nil
}

// packageOf returns the import path of the package a JSON package ID
// stands for: "p [p.test]" and the external test "p_test [p.test]" are p.
func packageOf(id string) string {
	id, _, _ = strings.Cut(id, " [")
	return strings.TrimSuffix(id, "_test")
}

// lockPattern takes the lock from a `shared` message, which starts with
// it: "mu guards …", "mu guards read-mostly …", "mu guards the lazy
// initialisation of …".
var lockPattern = regexp.MustCompile(`^(\S+) guards `)

// lockOf returns the lock a `shared` message names, or "".
func lockOf(msg string) string {
	if m := lockPattern.FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}

// names reports whether r names the lock k. The message names a lock of
// its own package without qualifier and another package's lock by that
// package's name or path ("transport.ioBufferMutex"); the name is taken
// to be the last element of the path without a major version suffix.
// An embedded mutex is named with its field (DESIGN §1 "lock":
// st.Mutex), where a label may name only the global ("hosts").
func (r report) names(k lockKey) bool {
	lock, mutex := embedded(r.Lock), embedded(k.Mutex)
	switch lock {
	case mutex:
		return r.Pkg == k.Pkg
	case k.Pkg + "." + mutex, pkgName(k.Pkg) + "." + mutex:
		return true
	}
	return false
}

// embedded drops the field name of an embedded mutex from a lock path:
// "hosts.Mutex" and "hosts" name the same lock.
func embedded(lock string) string {
	for _, f := range []string{".Mutex", ".RWMutex"} {
		if s, ok := strings.CutSuffix(lock, f); ok {
			return s
		}
	}
	return lock
}

// majorSuffix matches a major version element of an import path.
var majorSuffix = regexp.MustCompile(`^v[0-9]+$`)

// pkgName guesses the name of the package with import path p.
func pkgName(p string) string {
	name := path.Base(p)
	if majorSuffix.MatchString(name) && path.Dir(p) != "." {
		name = path.Base(path.Dir(p))
	}
	return name
}

// unlabelled names a reported lock that matched no label: the lock as
// the message names it, and the package that reported it (a lock of
// its own package is not qualified).
func (r report) unlabelled() string {
	return r.Lock + " (reported in " + r.Pkg + ")"
}
