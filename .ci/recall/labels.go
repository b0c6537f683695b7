package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A label is one row of a labels file: a package-level variable
// accessed while a package-level lock is held, and what chanown must
// say about it.
type label struct {
	Pkg, Var, Mutex string
	File            string // relative to the module root (GOROOT/src for std)
	Line            string
	Expect          string // flag, lib-only, noflag-*
	Note            string
}

// lockKey names a lock: its package path and its path from the root
// global ("mu", "st.mu").
type lockKey struct{ Pkg, Mutex string }

func (k lockKey) String() string { return k.Pkg + "." + k.Mutex }

// A labelSet is the rows of one labels file and the module they are
// about.
type labelSet struct {
	File    string // the labels file
	Module  string // module path, or "std"
	Version string // "" for std
	Rows    []label
	// Names holds the declared name of a labelled package whose name
	// is not the last element of its path (package caddycmd in
	// .../cmd), read from its files: messages name its locks so.
	Names map[string]string
}

// isLock reports whether the mutex column names a package-level lock:
// std.tsv also labels globals behind instance locks ("(instance …)")
// or no lock at all ("-"), which belong to no lock's group.
func isLock(mutex string) bool {
	return mutex != "" && mutex != "-" && !strings.HasPrefix(mutex, "(")
}

// groups returns the labelled rows of each lock.
func (ls *labelSet) groups() map[lockKey][]label {
	g := map[lockKey][]label{}
	for _, r := range ls.Rows {
		if isLock(r.Mutex) {
			k := lockKey{r.Pkg, r.Mutex}
			g[k] = append(g[k], r)
		}
	}
	return g
}

// positive reports whether a lock with these rows must be named by
// `shared`: a row is flag, or, in library mode, flag or lib-only.
func positive(rows []label, exported bool) bool {
	for _, r := range rows {
		if r.Expect == "flag" || exported && r.Expect == "lib-only" {
			return true
		}
	}
	return false
}

// expects are the values of the expect column.
var expects = map[string]bool{
	"flag": true, "lib-only": true,
	"noflag-refcount": true, "noflag-single": true, "noflag-init": true, "noflag-other": true,
}

// modulePrefix starts the comment line that names the labelled module,
// "# module: path@version", which wins over the file's name.
const modulePrefix = "# module: "

// parseLabels reads a labels file: "#" comment lines (one may name the
// module), a header line starting with "package", then tab-separated
// rows of the columns package, var, mutex, file, line, concurrent,
// expect, evidence, unguarded_access, note. It returns the rows and
// the module the file names, or "".
func parseLabels(name string, r io.Reader) (rows []label, module string, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if m, ok := strings.CutPrefix(line, modulePrefix); ok {
			module = strings.TrimSpace(m)
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "package\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, "", fmt.Errorf("%s:%d: %d columns, want 10", name, n, len(f))
		}
		if !expects[f[6]] {
			return nil, "", fmt.Errorf("%s:%d: unknown expect %q", name, n, f[6])
		}
		rows = append(rows, label{Pkg: f[0], Var: f[1], Mutex: f[2], File: f[3], Line: f[4], Expect: f[6], Note: f[9]})
	}
	return rows, module, sc.Err()
}

// moduleOf returns the module a labels file is about: the one its
// "# module:" line names, or else the one its name says,
// "go.uber.org_zap@v1.28.0.tsv" being go.uber.org/zap at v1.28.0 (a
// path with an underscore needs the "# module:" line), and a name
// without "@" (std.tsv) the standard library.
func moduleOf(file, named string) (path, version string) {
	base := strings.TrimSuffix(filepath.Base(file), ".tsv")
	if named != "" {
		base = named
	} else {
		base = strings.ReplaceAll(base, "_", "/")
	}
	at := strings.LastIndex(base, "@")
	if at < 0 {
		return "std", ""
	}
	return base[:at], base[at+1:]
}

// checkPositions returns a line for each row of ls whose position does
// not hold its variable in the module's directory dir: a file that is
// missing, or a line that does not mention the root of the variable's
// path. Labels are written by hand; a wrong position makes a row
// impossible to check.
func checkPositions(ls *labelSet, dir string) []string {
	var bad []string
	files := map[string][]string{}
	for _, r := range ls.Rows {
		lines, ok := files[r.File]
		if !ok {
			data, err := os.ReadFile(filepath.Join(dir, r.File))
			if err == nil {
				lines = strings.Split(string(data), "\n")
			}
			files[r.File] = lines
		}
		root, _, _ := strings.Cut(r.Var, ".")
		n, err := strconv.Atoi(r.Line)
		switch {
		case lines == nil:
			bad = append(bad, fmt.Sprintf("%s %s: no file %s", r.Pkg, r.Var, r.File))
		case err != nil || n < 1 || n > len(lines) || !strings.Contains(lines[n-1], root):
			bad = append(bad, fmt.Sprintf("%s %s: %s:%s does not mention %s", r.Pkg, r.Var, r.File, r.Line, root))
		}
	}
	return bad
}
