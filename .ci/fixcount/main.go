// Command fixcount is a helper of .ci/realfix.sh (stdlib only, so that
// CI needs nothing but Go):
//
//	fixcount pkgs <chanown.json     the packages with a suggested fix
//	fixcount tests BEFORE AFTER     compare two go test -json outputs
//
// tests prints pass (no test failed after the fix), pass* (the tests
// that fail after it failed before it too, e.g. for want of a network)
// or FAIL (the fix broke a test, or the packages no longer build), and
// lists the newly failing tests on stderr.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

func main() {
	if len(os.Args) >= 2 && os.Args[1] == "pkgs" {
		var tree map[string]map[string]json.RawMessage
		if err := json.NewDecoder(os.Stdin).Decode(&tree); err != nil {
			fmt.Fprintln(os.Stderr, "fixcount:", err)
			os.Exit(1)
		}
		var pkgs []string
		for id, analyzers := range tree {
			for _, v := range analyzers {
				var diags []struct {
					Fixes []json.RawMessage `json:"suggested_fixes"`
				}
				if json.Unmarshal(v, &diags) == nil && slices.ContainsFunc(diags, func(d struct {
					Fixes []json.RawMessage `json:"suggested_fixes"`
				}) bool {
					return len(d.Fixes) > 0
				}) {
					pkgs = append(pkgs, strings.Fields(id)[0])
				}
			}
		}
		slices.Sort(pkgs)
		fmt.Println(strings.Join(slices.Compact(pkgs), " "))
		return
	}
	if len(os.Args) == 4 && os.Args[1] == "tests" {
		before, _ := failed(os.Args[2])
		after, built := failed(os.Args[3])
		var broken []string
		for t := range after {
			if !before[t] {
				broken = append(broken, t)
			}
		}
		slices.Sort(broken)
		switch {
		case !built || len(broken) > 0:
			fmt.Println("FAIL")
			for _, t := range broken {
				fmt.Fprintln(os.Stderr, "newly failing:", t)
			}
		case len(after) > 0:
			fmt.Println("pass*")
		default:
			fmt.Println("pass")
		}
		return
	}
	fmt.Fprintln(os.Stderr, "usage: fixcount pkgs <chanown.json | fixcount tests BEFORE AFTER")
	os.Exit(2)
}

// failed returns the tests (and packages) that failed in a go test -json
// output, and whether everything built.
func failed(path string) (map[string]bool, bool) {
	out, built := map[string]bool{}, true
	f, err := os.Open(path)
	if err != nil {
		return out, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var e struct{ Action, Package, Test string }
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			if strings.Contains(sc.Text(), "build failed") || strings.Contains(sc.Text(), "setup failed") {
				built = false
			}
			continue
		}
		if e.Action == "fail" {
			out[e.Package+" "+e.Test] = true
		}
	}
	return out, built
}
