package main

import (
	"encoding/json"
	"testing"
)

// TestSortFixEdits checks that a fix's edits print in file and offset
// order whatever order the driver gave them in, and that diagnostics
// the driver cannot rewrite faithfully keep their bytes.
func TestSortFixEdits(t *testing.T) {
	const (
		// The edits of one fix as the x/tools checker may print them
		// when it parsed driver.go before connector.go.
		swapped = `{"category":"shared","posn":"/m/driver.go:42:2","end":"/m/driver.go:42:7","message":"m","suggested_fixes":[{"message":"f","edits":[{"filename":"/m/driver.go","start":689,"end":700,"new":"a"},{"filename":"/m/driver.go","start":689,"end":689,"new":"b"},{"filename":"/m/connector.go","start":3041,"end":3060,"new":"c"},{"filename":"/m/connector.go","start":2989,"end":3006,"new":"d"}]}],"related":[{"posn":"/m/driver.go:50:1","end":"/m/driver.go:50:2","message":"r"}]}`
		// The same diagnostic, edits in file and offset order; the
		// insertion at 689 stays before the replacement there.
		ordered = `{"category":"shared","posn":"/m/driver.go:42:2","end":"/m/driver.go:42:7","message":"m","suggested_fixes":[{"message":"f","edits":[{"filename":"/m/connector.go","start":2989,"end":3006,"new":"d"},{"filename":"/m/connector.go","start":3041,"end":3060,"new":"c"},{"filename":"/m/driver.go","start":689,"end":689,"new":"b"},{"filename":"/m/driver.go","start":689,"end":700,"new":"a"}]}],"related":[{"posn":"/m/driver.go:50:1","end":"/m/driver.go:50:2","message":"r"}]}`
		// A field this driver does not know: left as it is.
		unknown = `{"category":"shared","posn":"/m/driver.go:42:2","end":"/m/driver.go:42:7","message":"m","suggested_fixes":[{"message":"f","edits":[{"filename":"/m/driver.go","start":689,"end":700,"new":"a"},{"filename":"/m/connector.go","start":2989,"end":3006,"new":"d"}]}],"url":"https://example.com"}`
		// No fix: left as it is, indentation included.
		nofix = "{\n\t\"posn\": \"/m/a.go:1:1\",\n\t\"end\": \"/m/a.go:1:2\",\n\t\"message\": \"<m>\"\n}"
	)
	for _, tc := range []struct{ name, in, want string }{
		{"swapped", swapped, ordered},
		{"ordered", ordered, ordered},
		{"unknown field", unknown, unknown},
		{"no fix", nofix, nofix},
	} {
		if got := string(sortFixEdits(json.RawMessage(tc.in))); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.name, got, tc.want)
		}
	}

	// canonical prints the same bytes for the two orders.
	tree := func(diag string) jsonTree {
		return jsonTree{"m [m.test]": {"chanown": json.RawMessage("[" + diag + "]")}}
	}
	a, _ := json.Marshal(canonical(tree(swapped)))
	b, _ := json.Marshal(canonical(tree(ordered)))
	if string(a) != string(b) {
		t.Errorf("canonical depends on the order of a fix's edits:\n%s\n%s", a, b)
	}
}
