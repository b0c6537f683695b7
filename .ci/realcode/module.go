package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A moduleResult is what the harness found for one module.
type moduleResult struct {
	Module   module
	Dir      string
	Packages int      // packages analysed, test variants not counted
	Patterns []string // what the tools are run on: ./..., or the packages that build
	LeftOut  int      // packages left out: they do not build here
	Vet      *run     // go vet with its default suite
	Limit    time.Duration
	Modes    []*modeResult
	Failures []string // one line each, naming the mode
	Notes    []string // reported without failing
	Details  []detail // the lines behind failures and notes
	Total    time.Duration
}

// A detail is a titled block of lines behind a failure: a diff, a crash.
type detail struct {
	Title string
	Lines []string
}

// fail records a failure.
func (res *moduleResult) fail(format string, args ...any) {
	res.Failures = append(res.Failures, fmt.Sprintf(format, args...))
}

// note records something reported without failing.
func (res *moduleResult) note(format string, args ...any) {
	res.Notes = append(res.Notes, fmt.Sprintf(format, args...))
}

// A mode is a way of running chanown: its standalone flags and the
// go vet flags that mean the same.
type mode struct {
	Name     string
	Flags    []string
	VetFlags []string
}

// modes are the two modes the harness runs.
var modes = []mode{
	{"default", nil, nil},
	{"exported", []string{"-exported"}, []string{"-chanown.exported"}},
}

// A modeResult is what the harness found for one mode of one module.
type modeResult struct {
	Mode       mode
	Run1, Run2 *run     // standalone, the second with GOMAXPROCS=1
	Vettool    *run     // go vet -vettool
	Keys       []string // primary diagnostics of run 1, sorted and unique
	Identical  string   // "yes", "no" or "-" (not compared)
	Parity     string   // "yes", "no" or "-"
	Golangci   string   // "yes", "no" or "" (not run)
}

// module runs every check on m.
func (cfg *config) module(m module) *moduleResult {
	start := time.Now()
	res := &moduleResult{Module: m}
	defer func() { res.Total = time.Since(start) }()
	if err := cfg.prepare(res); err != nil {
		res.fail("%v", err)
		return res
	}
	if err := cfg.vet(res); err != nil {
		res.fail("%v", err)
		return res
	}
	for _, md := range modes {
		res.Modes = append(res.Modes, cfg.mode(res, md))
	}
	return res
}

// prepare downloads the module and its dependencies, warms the build
// cache, and chooses the packages to analyse: every package of the
// module whose code and tests build here.
func (cfg *config) prepare(res *moduleResult) error {
	out, err := goCmd(cfg.work, "mod", "download", "-json", res.Module.String())
	var dl struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &dl); jerr != nil || dl.Error != "" || err != nil {
		return fmt.Errorf("go mod download %s: %v%s", res.Module, err, dl.Error)
	}
	res.Dir = dl.Dir
	if _, err := goCmd(res.Dir, "list", "-e", "-test", "-deps", "./..."); err != nil {
		return err
	}
	// -export compiles every package and its dependencies, as go vet
	// needs them, so that no timed run compiles; and it reports the
	// packages that do not compile.
	out, err = goCmd(res.Dir, "list", "-e", "-test", "-export", "-json=ImportPath,ForTest,Error,DepsErrors", "./...")
	if err != nil {
		return err
	}
	good, bad, err := buildable(out)
	if err != nil {
		return err
	}
	res.Packages = len(good)
	res.Patterns = []string{"./..."}
	if len(bad) > 0 {
		if len(good) == 0 {
			return fmt.Errorf("no package builds here")
		}
		res.Patterns = good
		res.LeftOut = len(bad)
		res.note("%d packages left out: they or their tests do not build here", len(bad))
		res.Details = append(res.Details, detail{"packages left out", bad})
	}
	return nil
}

// buildable reads the output of go list -e -test -export -json and
// returns the import paths of the packages that build with their tests,
// and one line for each that does not, with the first line of its error.
func buildable(out []byte) (good, bad []string, err error) {
	failed := map[string]string{} // package -> error
	var all []string
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct {
			ImportPath, ForTest string
			Error               *struct{ Err string }
			DepsErrors          []*struct{ Err string }
		}
		if err := dec.Decode(&p); err != nil {
			return nil, nil, fmt.Errorf("go list: %v", err)
		}
		// A test variant, an external test package or a test main
		// stands for the package it tests.
		path := p.ImportPath
		switch {
		case p.ForTest != "":
			path = p.ForTest
		case strings.HasSuffix(path, ".test"):
			path = strings.TrimSuffix(path, ".test")
		default:
			all = append(all, path)
		}
		var msg string
		switch {
		case p.Error != nil:
			msg = p.Error.Err
		case len(p.DepsErrors) > 0:
			msg = p.DepsErrors[0].Err
		default:
			continue
		}
		if _, ok := failed[path]; !ok {
			failed[path] = firstErrorLine(msg)
		}
	}
	for _, path := range all {
		if msg, ok := failed[path]; ok {
			bad = append(bad, path+": "+msg)
		} else {
			good = append(good, path)
		}
	}
	return good, bad, nil
}

// firstErrorLine returns the first line of a go list error that is not
// a "# package" header.
func firstErrorLine(msg string) string {
	for line := range strings.Lines(msg) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			return line
		}
	}
	return strings.TrimSpace(msg)
}

// vet times go vet's default suite on the module and sets the time
// limit of chanown's runs from it.
func (cfg *config) vet(res *moduleResult) error {
	// A flag value never used before: go vet cannot reuse cached results.
	token := fmt.Sprintf("-printf.funcs=realcode%d", time.Now().UnixNano())
	r, err := command(res.Dir, targetEnv(), 30*time.Minute, "go", append([]string{"vet", token}, res.Patterns...)...)
	if err != nil {
		return err
	}
	res.Vet = r
	switch {
	case r.TimedOut:
		return fmt.Errorf("go vet timed out after %s", r.Wall.Round(time.Second))
	case r.Exit != 0 && r.Exit != 1: // 1: vet's findings
		return fmt.Errorf("go vet: exit %d: %s", r.Exit, firstLines(r.Stderr, 5))
	}
	res.Limit = max(minLimit, vetFactor*r.Wall)
	return nil
}

// mode runs chanown in mode md: standalone twice, then under go vet.
func (cfg *config) mode(res *moduleResult, md mode) *modeResult {
	mr := &modeResult{Mode: md, Identical: "-", Parity: "-"}
	// In process (-gocache=false): through go vet (chanown's default
	// since issue 18) run 2 would replay run 1 from go vet's cache, and
	// the parity check would compare go vet with itself.
	args := append(append(append([]string{"-gocache=false"}, md.Flags...), "-json"), res.Patterns...)
	mr.Run1 = cfg.standalone(res, md, "run 1", args)
	if mr.Run1 == nil {
		return mr
	}
	standalone, ok := cfg.checkOutput(res, md, mr.Run1)
	if ok {
		mr.Keys = standalone.primary(res.Dir)
	}
	if mr.Run1.TimedOut {
		return mr // a second run, or go vet, would only time out again
	}
	mr.Run2 = cfg.standalone(res, md, "run 2", args, "GOMAXPROCS=1")
	if mr.Run2 != nil && !mr.Run2.TimedOut {
		mr.Identical = "yes"
		if string(mr.Run1.Stdout) != string(mr.Run2.Stdout) {
			mr.Identical = "no"
			res.fail("%s: nondeterministic: the two runs print different JSON", md.Name)
			res.Details = append(res.Details, detail{
				md.Name + ": run 1 and run 2 (GOMAXPROCS=1) differ",
				runDiff(res.Dir, mr.Run1.Stdout, mr.Run2.Stdout),
			})
		}
	}
	if ok {
		cfg.vettool(res, mr)
		if cfg.golangci != "" {
			cfg.golangciLint(res, mr, standalone)
		}
	}
	return mr
}

// standalone runs chanown with args in the module's directory and
// records what went wrong; it returns nil if chanown did not start.
func (cfg *config) standalone(res *moduleResult, md mode, label string, args []string, env ...string) *run {
	r, err := command(res.Dir, targetEnv(env...), res.Limit, cfg.chanown, args...)
	if err != nil {
		res.fail("%s: %s: %v", md.Name, label, err)
		return nil
	}
	cfg.checkRun(res, md.Name+": chanown "+label, r)
	return r
}

// checkRun records a time-out, a crash, errors on stderr and an
// unexpected exit status of r, a run of chanown named what. The packages
// run on all build, so any error is one of chanown.
func (cfg *config) checkRun(res *moduleResult, what string, r *run) {
	if r.TimedOut {
		res.fail("%s: timed out after %s (limit max(%s, %d × go vet's %s))",
			what, r.Wall.Round(time.Second), minLimit, vetFactor, res.Vet.Wall.Round(time.Second))
		return
	}
	if crash := crashed(r.Stderr) + crashed(r.Stdout); crash != "" {
		res.fail("%s: panic or internal error", what)
		res.Details = append(res.Details, detail{what + ": crash", strings.Split(crash, "\n")})
		return
	}
	if len(r.Stderr) > 0 {
		res.fail("%s: errors on stderr (exit %d)", what, r.Exit)
		res.Details = append(res.Details, detail{what + ": stderr", strings.Split(firstLines(r.Stderr, 20), "\n")})
	} else if r.Exit != 0 {
		res.fail("%s: exit %d, want 0", what, r.Exit)
	}
}

// checkOutput parses the JSON of run 1 and checks that no analysis
// failed and, with robustcheck, that every position is valid. It
// reports whether the output can be compared with other drivers.
func (cfg *config) checkOutput(res *moduleResult, md mode, r *run) (*result, bool) {
	if r.TimedOut || crashed(r.Stdout)+crashed(r.Stderr) != "" {
		return nil, false
	}
	out, err := parseTree(r.Stdout)
	if err != nil {
		res.fail("%s: chanown -json: %v", md.Name, err)
		return nil, false
	}
	if len(out.Errors) > 0 {
		res.fail("%s: chanown: %d analyses failed", md.Name, len(out.Errors))
		res.Details = append(res.Details, detail{md.Name + ": failed analyses", out.Errors})
	}
	if cfg.robustcheck != "" {
		file := filepath.Join(cfg.work, "out.json")
		if err := os.WriteFile(file, r.Stdout, 0o666); err != nil {
			res.fail("%s: %v", md.Name, err)
			return out, true
		}
		rc, err := command(res.Dir, targetEnv(), 10*time.Minute, cfg.robustcheck, "-dir", res.Dir, "-pattern", "./...", file)
		if err != nil || rc.Exit != 0 {
			res.fail("%s: robustcheck found invalid diagnostics", md.Name)
			if rc != nil {
				res.Details = append(res.Details, detail{md.Name + ": robustcheck", strings.Split(firstLines(rc.Stderr, 20), "\n")})
			}
		}
	}
	return out, true
}

// vettool runs chanown under go vet in the mode of mr and compares its
// primary diagnostics with those of the standalone run.
func (cfg *config) vettool(res *moduleResult, mr *modeResult) {
	md := mr.Mode
	// A copy for each run: no result cached by an earlier module's run,
	// for the packages they share, shortens this one.
	vettool, err := freshCopy(cfg.chanown, cfg.work)
	if err != nil {
		res.fail("%s: %v", md.Name, err)
		return
	}
	args := append(append([]string{"vet", "-vettool=" + vettool, "-json"}, md.VetFlags...), res.Patterns...)
	r, err := command(res.Dir, targetEnv(), res.Limit, "go", args...)
	if err != nil {
		res.fail("%s: go vet -vettool: %v", md.Name, err)
		return
	}
	mr.Vettool = r
	what := md.Name + ": go vet -vettool"
	if r.TimedOut {
		res.fail("%s: timed out after %s", what, r.Wall.Round(time.Second))
		return
	}
	if crash := crashed(r.Stderr) + crashed(r.Stdout); crash != "" {
		res.fail("%s: panic or internal error", what)
		res.Details = append(res.Details, detail{what + ": crash", strings.Split(crash, "\n")})
		return
	}
	vet, other := parseVet(r.Stdout)
	vetErr, otherErr := parseVet(r.Stderr)
	for id, diags := range vetErr.Diags {
		vet.Diags[id] = append(vet.Diags[id], diags...)
	}
	other = append(other, otherErr...)
	errs := append(vet.Errors, vetErr.Errors...)
	if len(other) > 0 || len(errs) > 0 || r.Exit != 0 {
		res.fail("%s: exit %d, %d failed analyses, %d lines of other output", what, r.Exit, len(errs), len(other))
		res.Details = append(res.Details, detail{what + ": errors", append(errs, other...)})
	}
	mr.Parity = "yes"
	if diff := setDiff(mr.Keys, vet.primary(res.Dir), "standalone only: ", "go vet only:     "); len(diff) > 0 {
		mr.Parity = "no"
		res.fail("%s: %d primary diagnostics differ between the standalone driver and go vet", md.Name, len(diff))
		res.Details = append(res.Details, detail{md.Name + ": standalone and go vet differ", diff})
	}
}

// oneLine joins the lines of s with "; ".
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ; ")), " ")
}
