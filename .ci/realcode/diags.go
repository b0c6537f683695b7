package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// analyzerName is the key of chanown's results in the JSON tree.
const analyzerName = "chanown"

// A diagnostic is one diagnostic of the golang.org/x/tools JSON tree.
type diagnostic struct {
	Category string    `json:"category"`
	Posn     string    `json:"posn"`
	Message  string    `json:"message"`
	Related  []related `json:"related"`
}

// related is a related position of a diagnostic.
type related struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

// A result holds what one run printed as JSON trees: the diagnostics
// by package ID, and the analyses that failed.
type result struct {
	Diags  map[string][]diagnostic // package ID -> diagnostics
	Errors []string                // "package: error"
}

// add adds one JSON tree (package ID -> analyzer -> diagnostics or
// {"error": ...}) to res.
func (res *result) add(tree map[string]map[string]json.RawMessage) error {
	if res.Diags == nil {
		res.Diags = map[string][]diagnostic{}
	}
	for _, id := range slices.Sorted(maps.Keys(tree)) {
		raw, ok := tree[id][analyzerName]
		if !ok {
			continue
		}
		var failed struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
			res.Errors = append(res.Errors, fmt.Sprintf("%s: %s", id, failed.Error))
			continue
		}
		var diags []diagnostic
		if err := json.Unmarshal(raw, &diags); err != nil {
			return fmt.Errorf("package %s: results are neither an error nor diagnostics: %v", id, err)
		}
		res.Diags[id] = append(res.Diags[id], diags...)
	}
	return nil
}

// parseTree parses the standalone driver's JSON output: one tree.
func parseTree(data []byte) (*result, error) {
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, fmt.Errorf("not a JSON tree: %v", err)
	}
	res := new(result)
	return res, res.add(tree)
}

// parseVet parses what go vet -json printed on one stream: a JSON tree
// per package, "#" comment lines (the package headers of go vet), and
// possibly other text (errors). It returns the results and the lines of
// other text.
func parseVet(data []byte) (*result, []string) {
	res := &result{Diags: map[string][]diagnostic{}}
	var other []string
	for len(data) > 0 {
		data = bytes.TrimLeft(data, " \t\r\n")
		if len(data) == 0 {
			break
		}
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if data[0] == '{' {
			dec := json.NewDecoder(bytes.NewReader(data))
			var tree map[string]map[string]json.RawMessage
			if err := dec.Decode(&tree); err == nil {
				if err := res.add(tree); err != nil {
					other = append(other, err.Error())
				}
				data = data[dec.InputOffset():]
				continue
			}
		}
		if line[0] != '#' {
			other = append(other, string(bytes.TrimSpace(line)))
		}
		data = rest
	}
	return res, other
}

// key is a diagnostic as the drivers are compared: its position relative
// to the module's directory, its category and its message.
func (d diagnostic) key(dir string) string {
	return fmt.Sprintf("%s: [%s] %s", relative(dir, d.Posn), d.Category, d.Message)
}

// relative returns posn with the directory dir and its separator
// removed from the front, if it starts with them.
func relative(dir, posn string) string {
	return strings.TrimPrefix(posn, strings.TrimSuffix(dir, "/")+"/")
}

// primary returns the sorted, deduplicated keys of the diagnostics of
// res: a package and its test variant report the same diagnostic once.
func (res *result) primary(dir string) []string {
	seen := map[string]bool{}
	for _, diags := range res.Diags {
		for _, d := range diags {
			seen[d.key(dir)] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// categoryPattern extracts the category of a key.
var categoryPattern = regexp.MustCompile(`^.*?: \[([^\]]*)\] `)

// countCategories counts the keys by category.
func countCategories(keys []string) map[string]int {
	counts := map[string]int{}
	for _, k := range keys {
		if m := categoryPattern.FindStringSubmatch(k); m != nil {
			counts[m[1]]++
		}
	}
	return counts
}

// setDiff returns the lines of a not in b, prefixed by minus, and those
// of b not in a, prefixed by plus. Both are sorted.
func setDiff(a, b []string, minus, plus string) []string {
	var out []string
	for _, k := range a {
		if _, found := slices.BinarySearch(b, k); !found {
			out = append(out, minus+k)
		}
	}
	for _, k := range b {
		if _, found := slices.BinarySearch(a, k); !found {
			out = append(out, plus+k)
		}
	}
	return out
}

// full returns each diagnostic of res as one line with its package and
// its related positions, sorted: what must be the same in two runs.
func (res *result) full(dir string) []string {
	var out []string
	for id, diags := range res.Diags {
		for _, d := range diags {
			var rel []string
			for _, r := range d.Related {
				rel = append(rel, relative(dir, r.Posn)+" "+r.Message)
			}
			line := id + ": " + d.key(dir)
			if len(rel) > 0 {
				line += " {related: " + strings.Join(rel, "; ") + "}"
			}
			out = append(out, line)
		}
	}
	slices.Sort(out)
	return out
}

// runDiff explains how the JSON outputs a and b of two runs differ: the
// diagnostics (with package and related positions) only in one of them,
// or, if the same diagnostics were printed, the first differing line.
func runDiff(dir string, a, b []byte) []string {
	ra, errA := parseTree(a)
	rb, errB := parseTree(b)
	if errA == nil && errB == nil {
		if lines := setDiff(ra.full(dir), rb.full(dir), "run 1 only: ", "run 2 only: "); len(lines) > 0 {
			return lines
		}
	}
	la := strings.Split(string(a), "\n")
	lb := strings.Split(string(b), "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return []string{
				fmt.Sprintf("same diagnostics, but the bytes differ first at line %d:", i+1),
				"run 1: " + strings.TrimSpace(x),
				"run 2: " + strings.TrimSpace(y),
			}
		}
	}
	return nil
}

// crashPattern matches what a panic, a fatal runtime error or an
// internal error prints.
var crashPattern = regexp.MustCompile(`(?m)^panic: |^goroutine [0-9]+ \[|^fatal error: |internal error`)

// crashed returns the first lines of a crash in data, or "".
func crashed(data []byte) string {
	loc := crashPattern.FindIndex(data)
	if loc == nil {
		return ""
	}
	start := bytes.LastIndexByte(data[:loc[0]], '\n') + 1
	return firstLines(data[start:], 8)
}
