package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCanonicalTestVariant checks that when go/packages gives a package
// p and its own test variant "p [p.test]", the diagnostics of p itself
// are left out, as go vet analyses only the test variant: a report that
// the two analyses word differently (the test files add a context) is
// printed once, in the test variant's words. The twins keep p: with only
// p, or with p beside the variant of p that another package's test
// compiles ("p [q.test]"), p's diagnostic stands.
func TestCanonicalTestVariant(t *testing.T) {
	diag := func(msg string) json.RawMessage {
		return json.RawMessage(`[{"category":"shared","posn":"/m/p/a.go:3:2","end":"/m/p/a.go:3:4","message":"` + msg + `"}]`)
	}
	const (
		plain   = "mu guards g, shared by main and goroutine started in run"
		variant = "mu guards g, shared by main, goroutine started in run and goroutine started in watch"
	)
	for _, tc := range []struct {
		name string
		tree jsonTree
		want []string // the messages printed for p, in order
	}{
		{"own test variant", jsonTree{
			"m/p":            {"chanown": diag(plain)},
			"m/p [m/p.test]": {"chanown": diag(variant)},
		}, []string{variant}},
		{"no test variant", jsonTree{
			"m/p": {"chanown": diag(plain)},
		}, []string{plain}},
		{"another package's test variant", jsonTree{
			"m/p":            {"chanown": diag(plain)},
			"m/p [m/q.test]": {"chanown": diag(variant)},
		}, []string{plain, variant}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := canonical(tc.tree)
			var diags []jsonDiagnostic
			if err := json.Unmarshal(out["m/p"]["chanown"], &diags); err != nil {
				t.Fatalf("canonical gave %s: %v", out["m/p"]["chanown"], err)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.Message)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("messages for m/p:\ngot  %q\nwant %q", got, tc.want)
			}
		})
	}
}
