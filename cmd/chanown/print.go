package main

import (
	"cmp"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/chanown/chanown/cmd/internal/vettool"
)

// printer writes the standalone driver's stderr: error lines, and in
// the text format the diagnostics. It keeps the errors it printed for the
// formats that carry them too.
type printer struct {
	w    io.Writer
	cwd  string          // file names under cwd are printed relative to it
	seen map[string]bool // error lines already printed
	errs []driverError   // the distinct errors printed, in order
}

// driverError is an error of the driver: a package that does not load or
// type-check, a pattern that matches nothing, a failed analysis.
type driverError struct {
	line string         // as printed after "chanown: ", one line
	msg  string         // the line without the position
	posn token.Position // where the error is, if known
}

// newPrinter returns a printer writing to w.
func newPrinter(w io.Writer) *printer {
	cwd, _ := os.Getwd() // on error, names stay absolute
	return &printer{w: w, cwd: cwd, seen: map[string]bool{}}
}

// errorf prints one error line, "chanown: <message>", unless the same
// line was already printed (a package and its test variant share errors).
func (p *printer) errorf(format string, args ...any) {
	line := vettool.OneLine(fmt.Sprintf(format, args...))
	p.report(driverError{line: line, msg: line})
}

// report prints e unless an error with the same line was printed.
func (p *printer) report(e driverError) {
	if p.seen[e.line] {
		return
	}
	p.seen[e.line] = true
	p.errs = append(p.errs, e)
	fmt.Fprintf(p.w, "%s: %s\n", progname, e.line)
}

// packageErrors prints the errors of pkgs and their dependencies (list,
// parse and type errors) and of their modules, one line each, as
// "chanown: <package>: <position>: <message>". What only follows from
// an error already printed is left out, as a compiler stops at the first
// package that fails: the type errors of a package that go list could
// not resolve, or whose imports have errors ("could not import",
// "undefined" for what the import declares), and a go list error that
// another package already gave (one missing module is one line, not one
// per importer).
func (p *printer) packageErrors(pkgs []*packages.Package) {
	failedBelow := map[*packages.Package]bool{} // an import, or one of its imports, has errors
	listed := map[string]bool{}                 // go list messages printed
	packages.Visit(pkgs, nil, func(pkg *packages.Package) {
		for _, imp := range pkg.Imports {
			if len(imp.Errors) > 0 || failedBelow[imp] {
				failedBelow[pkg] = true
			}
		}
		name := cmp.Or(pkg.PkgPath, pkg.ID)
		has := func(kind packages.ErrorKind) bool {
			return slices.ContainsFunc(pkg.Errors, func(err packages.Error) bool {
				return err.Kind == kind && !compilerOutput(err)
			})
		}
		typeErrors, parseErrors, listErrors := has(packages.TypeError), has(packages.ParseError), has(packages.ListError)
		for _, err := range pkg.Errors {
			// go list reports the compiler's output ("# pkg" and then
			// the type errors again) when it builds export data; the
			// type errors alone say it better.
			if (typeErrors || parseErrors) && compilerOutput(err) {
				continue
			}
			// Type errors that follow a syntax error, an unresolved
			// import or an import with errors only repeat those.
			if err.Kind == packages.TypeError && (parseErrors || listErrors || failedBelow[pkg]) {
				continue
			}
			if err.Kind == packages.ListError {
				if listed[err.Msg] {
					continue
				}
				listed[err.Msg] = true
			}
			msg := vettool.OneLine(fmt.Sprintf("%s: %s", name, err.Msg))
			if err.Pos == "" || err.Pos == "-" {
				p.report(driverError{line: msg, msg: msg})
			} else {
				p.report(driverError{
					line: vettool.OneLine(fmt.Sprintf("%s: %s: %s", name, p.relative(err.Pos), err.Msg)),
					msg:  msg,
					posn: parsePosition(err.Pos),
				})
			}
		}
		if pkg.Module != nil && pkg.Module.Error != nil {
			p.errorf("%s: module %s: %s", name, pkg.Module.Path, pkg.Module.Error.Err)
		}
	})
}

// compilerOutput reports whether err is the compiler's output that go
// list passes on when it fails to build export data ("# pkg" and the
// errors).
func compilerOutput(err packages.Error) bool {
	return err.Kind == packages.ListError && strings.HasPrefix(err.Msg, "# ")
}

// positionPattern matches "file:line:col" and "file:line".
var positionPattern = regexp.MustCompile(`^(.+?):(\d+)(?::(\d+))?$`)

// parsePosition parses a position as go/packages prints it,
// "file:line:col" or "file:line"; anything else is a position with only a
// file name, or none.
func parsePosition(s string) token.Position {
	m := positionPattern.FindStringSubmatch(s)
	if m == nil {
		return token.Position{Filename: s}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3]) // 0 if absent
	return token.Position{Filename: m[1], Line: line, Column: col}
}

// actionErrors prints the errors of the analysis actions in graph, one
// line each. An action skipped because its package does not type-check
// is not an error of its own: the package's errors are already printed.
func (p *printer) actionErrors(graph *checker.Graph) {
	for act := range graph.All() {
		if act.Err == nil {
			continue
		}
		if act.Package.IllTyped && !act.Analyzer.RunDespiteErrors {
			continue
		}
		p.errorf("%s: %s: %v", cmp.Or(act.Package.PkgPath, act.Package.ID), act.Analyzer.Name, act.Err)
	}
}

// finding is one diagnostic of a root action, with its positions resolved.
type finding struct {
	posn     token.Position
	end      token.Position // invalid if the diagnostic has no end
	category string
	message  string
	related  []relatedInfo
}

// relatedInfo is one Related entry of a finding.
type relatedInfo struct {
	posn    token.Position
	message string
}

// diagnostics prints findings in the text format, with context source
// lines around each if context >= 0.
func (p *printer) diagnostics(findings []finding, context int) {
	for _, d := range findings {
		if d.category != "" {
			fmt.Fprintf(p.w, "%s: [%s] %s\n", p.position(d.posn), d.category, d.message)
		} else {
			fmt.Fprintf(p.w, "%s: %s\n", p.position(d.posn), d.message)
		}
		if context >= 0 {
			p.source(d.posn, context)
		}
		for _, r := range d.related {
			fmt.Fprintf(p.w, "\t%s: %s\n", p.position(r.posn), r.message)
		}
	}
}

// source prints the line of posn with context lines before and after,
// each as "<line number>\t<text>", as go vet -c does.
func (p *printer) source(posn token.Position, context int) {
	data, err := os.ReadFile(posn.Filename)
	if err != nil {
		return // the position is still printed; the source is a bonus
	}
	lines := strings.Split(string(data), "\n")
	for i := max(posn.Line-context, 1); i <= posn.Line+context && i <= len(lines); i++ {
		fmt.Fprintf(p.w, "%d\t%s\n", i, lines[i-1])
	}
}

// position formats posn as "file:line:col", with the file name relative
// to the working directory when the file is inside it, as go vet does.
func (p *printer) position(posn token.Position) string {
	if !posn.IsValid() {
		return "-"
	}
	posn.Filename = p.relative(posn.Filename)
	return posn.String()
}

// relative returns name, which may be followed by ":line:col", relative
// to the working directory if it lies inside it; otherwise name itself.
func (p *printer) relative(name string) string {
	if p.cwd == "" || !filepath.IsAbs(name) {
		return name
	}
	rel, err := filepath.Rel(p.cwd, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return "." + string(filepath.Separator) + rel
}
