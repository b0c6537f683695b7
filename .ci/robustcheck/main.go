// Command robustcheck checks the JSON output of one run of chanown
// -json for .ci/robust.sh:
//
//	robustcheck -dir DIR -pattern PATTERN out.json
//
// DIR and PATTERN are those chanown ran with. It fails (exit 1) if an
// analysis failed, or if a diagnostic or related position is not a valid
// file:line:col in a real file (no "-" positions), or lies outside the
// files of the package it is reported for, or has an unknown category or
// a message that is empty or more than one line. It prints one summary
// line: packages, diagnostics by category.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/chanown/chanown/analyzer"
)

// posnPattern matches an absolute "file:line:col".
var posnPattern = regexp.MustCompile(`^(.+\.go):(\d+):(\d+)$`)

// diagnostic is one diagnostic of the JSON tree.
type diagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	End      string `json:"end"`
	Message  string `json:"message"`
	Related  []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related"`
}

// listed is one package as go list -json prints it.
type listed struct {
	ImportPath string
	Dir        string
}

func main() {
	dir := flag.String("dir", ".", "directory chanown ran in")
	pattern := flag.String("pattern", "./...", "package pattern chanown ran with")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: robustcheck -dir DIR -pattern PATTERN out.json")
		os.Exit(2)
	}
	problems, summary, err := check(*dir, *pattern, flag.Arg(0))
	if err != nil {
		fmt.Fprintf(os.Stderr, "robustcheck: %v\n", err)
		os.Exit(1)
	}
	for _, p := range problems {
		fmt.Fprintf(os.Stderr, "robustcheck: %s\n", p)
	}
	fmt.Println(summary)
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// check checks the JSON file out, produced by chanown -json pattern in
// dir, and returns the problems found and a summary line.
func check(dir, pattern, out string) (problems []string, summary string, err error) {
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, "", err
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(data, &tree); err != nil {
		return nil, "", fmt.Errorf("%s is not the JSON tree: %v", out, err)
	}
	dirs, roots, all, err := packageDirs(dir, pattern)
	if err != nil {
		return nil, "", err
	}

	files := map[string][]string{} // file name -> lines
	lines := func(name string) ([]string, error) {
		if l, ok := files[name]; ok {
			return l, nil
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		l := strings.Split(string(data), "\n")
		files[name] = l
		return l, nil
	}
	// validPosn returns what is wrong with posn, or "".
	validPosn := func(posn string) (file, problem string) {
		m := posnPattern.FindStringSubmatch(posn)
		if m == nil {
			return "", fmt.Sprintf("position %q is not file.go:line:col", posn)
		}
		if !filepath.IsAbs(m[1]) {
			return "", fmt.Sprintf("position %q is not absolute", posn)
		}
		l, err := lines(m[1])
		if err != nil {
			return "", fmt.Sprintf("position %q: %v", posn, err)
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if line < 1 || line > len(l) || col < 1 || col > len(l[line-1])+1 {
			return "", fmt.Sprintf("position %q is outside its file", posn)
		}
		return m[1], ""
	}

	byCategory := map[string]int{}
	total := 0
	for _, id := range slices.Sorted(maps.Keys(tree)) {
		raw, ok := tree[id]["chanown"]
		if !ok {
			continue
		}
		var failed struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
			problems = append(problems, fmt.Sprintf("%s: analysis failed: %s", id, failed.Error))
			continue
		}
		var diags []diagnostic
		if err := json.Unmarshal(raw, &diags); err != nil {
			problems = append(problems, fmt.Sprintf("%s: results are neither an error nor diagnostics: %v", id, err))
			continue
		}
		for _, d := range diags {
			total++
			byCategory[d.Category]++
			where := fmt.Sprintf("%s: %s: [%s] %s", id, d.Posn, d.Category, d.Message)
			if !slices.Contains(analyzer.Categories, d.Category) {
				problems = append(problems, where+": unknown category")
			}
			if d.Message == "" || strings.ContainsAny(d.Message, "\n\r") {
				problems = append(problems, where+": empty or multi-line message")
			}
			file, problem := validPosn(d.Posn)
			if problem != "" {
				problems = append(problems, where+": "+problem)
			} else if pkgDir, ok := dirs[id]; !ok {
				problems = append(problems, where+": go list does not know the package")
			} else if filepath.Dir(file) != pkgDir {
				problems = append(problems, fmt.Sprintf("%s: not in the package's directory %s", where, pkgDir))
			}
			if d.End != "" {
				if _, problem := validPosn(d.End); problem != "" {
					problems = append(problems, where+": end: "+problem)
				}
			}
			for _, r := range d.Related {
				if _, problem := validPosn(r.Posn); problem != "" {
					problems = append(problems, fmt.Sprintf("%s: related %q: %s", where, r.Message, problem))
				}
				if r.Message == "" || strings.ContainsAny(r.Message, "\n\r") {
					problems = append(problems, fmt.Sprintf("%s: related: empty or multi-line message", where))
				}
			}
		}
	}
	var cats []string
	for _, c := range slices.Sorted(maps.Keys(byCategory)) {
		cats = append(cats, fmt.Sprintf("%s %d", c, byCategory[c]))
	}
	summary = fmt.Sprintf("%d packages and test variants analysed (%d with dependencies), %d with diagnostics, %d diagnostics",
		roots, all, len(tree), total)
	if len(cats) > 0 {
		summary += " (" + strings.Join(cats, ", ") + ")"
	}
	return problems, summary, nil
}

// packageDirs lists the packages that pattern matches in dir, with their
// test variants, and returns the directory of each by package path, and
// the number of them, and of them with their dependencies.
func packageDirs(dir, pattern string) (dirs map[string]string, roots, all int, err error) {
	list := func(deps bool) ([]listed, error) {
		args := []string{"list", "-e", "-test", "-json=ImportPath,Dir"}
		if deps {
			args = append(args, "-deps")
		}
		cmd := exec.Command("go", append(args, pattern)...)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list %s: %v\n%s", pattern, err, stderr.Bytes())
		}
		var pkgs []listed
		dec := json.NewDecoder(bufio.NewReader(bytes.NewReader(out)))
		for dec.More() {
			var p listed
			if err := dec.Decode(&p); err != nil {
				return nil, err
			}
			pkgs = append(pkgs, p)
		}
		return pkgs, nil
	}
	pkgs, err := list(false)
	if err != nil {
		return nil, 0, 0, err
	}
	dirs = map[string]string{}
	for _, p := range pkgs {
		// chanown's JSON names a package by its path, as go vet does:
		// "p" for p and its test variant, "p_test" for the external
		// test package "p_test [p.test]".
		path, _, _ := strings.Cut(p.ImportPath, " ")
		dirs[path] = p.Dir
		if !strings.HasSuffix(p.ImportPath, ".test") { // the generated test mains
			roots++
		}
	}
	withDeps, err := list(true)
	if err != nil {
		return nil, 0, 0, err
	}
	return dirs, roots, len(withDeps), nil
}
