// Package vettool runs the go vet face of the chanown and chanvet
// commands: golang.org/x/tools/go/analysis/unitchecker, except that a
// command line that does not parse is reported as one line, once per
// go vet run, instead of an error and unitchecker's usage banner for
// every package go vet visits.
//
// go vet does not check the values of a tool's flags: it asks the tool
// for their names (-flags) and passes them, as written, to every run of
// the tool, one run per package, dependencies included. An invalid
// value is therefore seen by every run. The run that reports it prints
// "PROG: <the flag package's error>" and exits 2; the others exit 0 in
// silence, so that go vet prints neither their output nor an "exit
// status" line for them:
//
//   - a run for a dependency's facts only (the unit config's VetxOnly),
//     since go vet also runs the packages it was asked to vet, which
//     report the error;
//   - a run whose unit config lies in go's work directory
//     ($WORK/bNNN/vet.cfg, $WORK named go-build*, new for every go
//     command and removed when it exits) after another run of the same
//     go command reported the error: the first creates the file
//     $WORK/PROG-flag-error, atomically.
//
// A silent run writes no facts, so go vet caches nothing for it, and
// the go command still fails (exit status 1) because of the run that
// reported the error. Anywhere else (run by hand, by another driver, or
// a config that cannot be read) the error is reported by every run.
package vettool

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// ExitUsage is the exit code of the run that reports a bad command line,
// as for the standalone chanown driver. go vet itself then exits 1.
const ExitUsage = 2

// Main runs unitchecker.Main(analyzers...), which parses the command
// line with the flag package's default flag set and never returns, with
// the flag errors reported as the package documentation says.
//
// The command line may also set ModuleDepsFlag; the caller has applied
// it with Unit.
func Main(analyzers ...*analysis.Analyzer) {
	progname := strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe")
	// unitchecker parses the command line with the default flag set and
	// lists that set's flags for go vet (-flags).
	flag.Bool(ModuleDepsFlag, false, moduleDepsUsage)
	// unitchecker sets flag.Usage, its banner, in Main: look it up late.
	OnFlagError(flag.CommandLine, progname, os.Args[1:], os.Stderr, func() { flag.Usage() }, os.Exit)
	unitchecker.Main(analyzers...)
}

// OnFlagError makes flags, the flag set that will parse args, report a
// parse error as one line "progname: error" on stderr and call exit
// with ExitUsage, or call exit(0) without a word if another run reports
// it (see the package documentation). -help, which is not an error,
// still calls help. With flag.ExitOnError exit must not return.
func OnFlagError(flags *flag.FlagSet, progname string, args []string, stderr io.Writer, help func(), exit func(int)) {
	// The flag package prints the error to flags.Output() and then calls
	// flags.Usage; for -help it calls flags.Usage alone.
	var msg strings.Builder
	flags.SetOutput(&msg)
	flags.Usage = func() {
		text := msg.String()
		msg.Reset()
		if strings.TrimSpace(text) == "" {
			flags.SetOutput(stderr)
			help()
			return
		}
		if reportedElsewhere(progname, args) {
			exit(0)
			return
		}
		fmt.Fprintf(stderr, "%s: %s\n", progname, OneLine(text))
		exit(ExitUsage)
	}
}

// objdir matches the name of a directory of go's work directory that
// holds one action's files, vet.cfg among them.
var objdir = regexp.MustCompile(`^b[0-9]+$`)

// reportedElsewhere reports whether the run with args can leave a flag
// error to another run of the same go vet command: it analyses a
// dependency for its facts only, or another run has claimed the report.
func reportedElsewhere(progname string, args []string) bool {
	if len(args) == 0 {
		return false
	}
	cfgFile := args[len(args)-1]
	if !strings.HasSuffix(cfgFile, ".cfg") || strings.HasPrefix(cfgFile, "-") {
		return false
	}
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return false
	}
	var cfg unitchecker.Config
	if err := json.Unmarshal(data, &cfg); err != nil {
		return false
	}
	if cfg.VetxOnly {
		return true
	}
	dir, err := filepath.Abs(filepath.Dir(cfgFile))
	if err != nil || !objdir.MatchString(filepath.Base(dir)) {
		return false
	}
	work := filepath.Dir(dir)
	if !strings.HasPrefix(filepath.Base(work), "go-build") {
		return false
	}
	f, err := os.OpenFile(filepath.Join(work, progname+"-flag-error"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		// Claimed by another run; any other error: report it here too.
		return errors.Is(err, os.ErrExist)
	}
	f.Close()
	return false
}

// OneLine joins the non-blank lines of s so that a message takes exactly
// one line: with a space after a line ending in ':' (the next line
// continues it), else with "; ". Both commands print errors through it.
func OneLine(s string) string {
	var b strings.Builder
	for line := range strings.SplitSeq(s, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		if b.Len() > 0 {
			if strings.HasSuffix(b.String(), ":") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
		b.WriteString(line)
	}
	return b.String()
}
