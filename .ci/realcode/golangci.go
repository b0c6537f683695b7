package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// golangciConfig is the golangci-lint configuration of a mode: chanown
// alone, every finding reported, generated files and tests included, as
// the standalone driver does.
const golangciConfig = `version: "2"
linters:
  default: none
  enable:
    - chanown
  settings:
    custom:
      chanown:
        type: module
        settings:
          exported: %t
  exclusions:
    generated: disable
issues:
  max-issues-per-linter: 0
  max-same-issues: 0
  uniq-by-line: false
run:
  tests: true
`

// golangciLint runs golangci-lint with the chanown plugin in the mode of
// mr and compares its (position, message) set with the standalone run's.
func (cfg *config) golangciLint(res *moduleResult, mr *modeResult, standalone *result) {
	md := mr.Mode
	dir := filepath.Join(cfg.work, "golangci-"+md.Name)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		res.fail("%s: %v", md.Name, err)
		return
	}
	conf := filepath.Join(dir, "golangci.yml")
	out := filepath.Join(dir, "out.json")
	if err := os.WriteFile(conf, fmt.Appendf(nil, golangciConfig, len(md.Flags) > 0), 0o666); err != nil {
		res.fail("%s: %v", md.Name, err)
		return
	}
	args := append([]string{"run", "--config", conf, "--path-mode=abs",
		"--output.json.path=" + out, "--output.text.path=/dev/null"}, dirPatterns(res)...)
	// golangci-lint salts its cache with its version and settings, not
	// with a plugin's code: a cache of this run's own makes it compare
	// this chanown, not whatever build last filled the user's cache.
	env := targetEnv("GOLANGCI_LINT_CACHE=" + filepath.Join(dir, "cache"))
	r, err := command(res.Dir, env, res.Limit, cfg.golangci, args...)
	what := md.Name + ": golangci-lint"
	mr.Golangci = "no"
	switch {
	case err != nil:
		res.fail("%s: %v", what, err)
		return
	case r.TimedOut:
		res.fail("%s: timed out after %s", what, seconds(r.Wall))
		return
	case r.Exit != 0 && r.Exit != 1: // 1: issues found
		res.fail("%s: exit %d", what, r.Exit)
		res.Details = append(res.Details, detail{what + ": stderr", strings.Split(firstLines(r.Stderr, 20), "\n")})
		return
	}
	got, err := golangciIssues(out, res.Dir)
	if err != nil {
		res.fail("%s: %v", what, err)
		return
	}
	want := map[string]bool{}
	for _, diags := range standalone.Diags {
		for _, d := range diags {
			want[relative(res.Dir, d.Posn)+": "+d.Message] = true
		}
	}
	mr.Golangci = "yes"
	if diff := setDiff(slices.Sorted(maps.Keys(want)), got, "standalone only:    ", "golangci-lint only: "); len(diff) > 0 {
		mr.Golangci = "no"
		res.fail("%s: %d diagnostics differ from the standalone driver's", what, len(diff))
		res.Details = append(res.Details, detail{what + " and standalone differ", diff})
	}
}

// dirPatterns returns the patterns of res as golangci-lint takes them:
// directories relative to the module's, not import paths.
func dirPatterns(res *moduleResult) []string {
	var dirs []string
	for _, p := range res.Patterns {
		switch {
		case p == res.Module.Path:
			p = "."
		case strings.HasPrefix(p, res.Module.Path+"/"):
			p = "./" + strings.TrimPrefix(p, res.Module.Path+"/")
		}
		dirs = append(dirs, p)
	}
	return dirs
}

// golangciIssues reads golangci-lint's JSON output and returns its
// issues as sorted unique "file:line:col: message", relative to dir.
func golangciIssues(file, dir string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var report struct {
		Issues []struct {
			Text string
			Pos  struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		return nil, fmt.Errorf("golangci-lint JSON: %v", err)
	}
	seen := map[string]bool{}
	for _, is := range report.Issues {
		posn := is.Pos.Filename + ":" + strconv.Itoa(is.Pos.Line) + ":" + strconv.Itoa(is.Pos.Column)
		seen[relative(dir, posn)+": "+is.Text] = true
	}
	return slices.Sorted(maps.Keys(seen)), nil
}
