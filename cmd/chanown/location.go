package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// sourceRoot returns the directory that the sarif and github formats
// make file names relative to: the nearest directory at or above dir that
// holds a go.mod file (the main module's root, where CI checks the code
// out), or dir itself if there is none.
func sourceRoot(dir string) string {
	for d := dir; ; {
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !fi.IsDir() {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// relativeTo returns name relative to root, with forward slashes, and
// true; or name itself and false if name lies outside root (a file in
// GOROOT or the module cache).
func relativeTo(root, name string) (string, bool) {
	if root == "" || !filepath.IsAbs(name) {
		return filepath.ToSlash(name), false
	}
	rel, err := filepath.Rel(root, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name, false
	}
	return filepath.ToSlash(rel), true
}

// sourceLines caches the lines of source files, to convert byte columns
// to character columns.
type sourceLines map[string][][]byte

// utf16Column converts the 1-based byte column col of line in file to a
// 1-based column counted in UTF-16 code units, the unit of SARIF's
// default column kind and of editors. A line that cannot be read, or a
// column past its end, is left as it is: for ASCII text both agree.
func (s sourceLines) utf16Column(file string, line, col int) int {
	if col <= 1 || line <= 0 {
		return col
	}
	lines, ok := s[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err == nil {
			lines = bytes.Split(data, []byte("\n"))
		}
		s[file] = lines // nil on error: don't try again
	}
	if line > len(lines) || col-1 > len(lines[line-1]) {
		return col
	}
	prefix := lines[line-1][:col-1]
	units := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRune(prefix)
		prefix = prefix[size:]
		if n := utf16.RuneLen(r); n > 0 {
			units += n
		} else {
			units++ // an invalid byte counts as one replacement character
		}
	}
	return units + 1
}
