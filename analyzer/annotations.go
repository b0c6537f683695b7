package analyzer

import (
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Directive prefixes.
const (
	directivePrefix = "//chanown:"
	ignoreVerb      = "ignore"
)

// A directive is one //chanown: comment.
type directive struct {
	pos, end   token.Pos
	file       *token.File
	line       int
	cats       []string  // categories it covers; empty means all
	declStart  token.Pos // the declaration whose doc comment holds it
	declEnd    token.Pos
	problem    string // non-empty for a malformed directive
	suppressed bool   // it suppressed some diagnostic
}

// directives are the //chanown: comments of a package, and its generated
// files.
type directives struct {
	list      []*directive
	generated map[*token.File]bool
}

// parseDirectives finds every //chanown: comment in the package.
func parseDirectives(pass *analysis.Pass) *directives {
	ds := &directives{generated: map[*token.File]bool{}}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.FileStart)
		if ast.IsGenerated(f) {
			ds.generated[tf] = true
			continue
		}
		docs := declDocs(f)
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if !strings.HasPrefix(c.Text, directivePrefix) {
					continue
				}
				d := parseDirective(c)
				d.file = tf
				d.line = tf.Line(c.Slash)
				if n, ok := docs[cg]; ok {
					d.declStart, d.declEnd = n.Pos(), n.End()
				}
				ds.list = append(ds.list, d)
			}
		}
	}
	return ds
}

// parseDirective parses one //chanown: comment:
// //chanown:ignore [cat,…] <reason>.
func parseDirective(c *ast.Comment) *directive {
	d := &directive{pos: c.Slash, end: c.End()}
	body := strings.TrimPrefix(c.Text, directivePrefix)
	verb, rest, _ := strings.Cut(body, " ")
	if verb != ignoreVerb {
		d.problem = `unknown chanown directive "chanown:` + verb + `"`
		return d
	}
	fields := strings.Fields(rest)
	if len(fields) > 0 {
		if cats := strings.Split(fields[0], ","); !slices.ContainsFunc(cats, func(c string) bool { return !slices.Contains(Categories, c) }) {
			d.cats = cats
			fields = fields[1:]
		}
	}
	if len(fields) == 0 {
		d.problem = "chanown:ignore needs a reason"
	}
	return d
}

// declDocs maps each doc comment of a declaration to the declaration.
func declDocs(f *ast.File) map[*ast.CommentGroup]ast.Node {
	docs := map[*ast.CommentGroup]ast.Node{}
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			if decl.Doc != nil {
				docs[decl.Doc] = decl
			}
		case *ast.GenDecl:
			if decl.Doc != nil {
				docs[decl.Doc] = decl
			}
			for _, spec := range decl.Specs {
				switch spec := spec.(type) {
				case *ast.ValueSpec:
					if spec.Doc != nil {
						docs[spec.Doc] = spec
					}
				case *ast.TypeSpec:
					if spec.Doc != nil {
						docs[spec.Doc] = spec
					}
				}
			}
		}
	}
	return docs
}

// covers reports whether d suppresses diagnostic diag.
func (d *directive) covers(fset *token.FileSet, diag analysis.Diagnostic) bool {
	if d.problem != "" || len(d.cats) > 0 && !slices.Contains(d.cats, diag.Category) {
		return false
	}
	if d.declStart.IsValid() && d.declStart <= diag.Pos && diag.Pos < d.declEnd {
		return true
	}
	if fset.File(diag.Pos) != d.file {
		return false
	}
	line := d.file.Line(diag.Pos)
	return line == d.line || line == d.line+1
}

// report reports diags that are neither suppressed, nor in generated
// files, nor in disabled categories, and then the directive problems:
// malformed directives and ignores that suppress nothing.
func (ds *directives) report(pass *analysis.Pass, cfg *Config, diags []analysis.Diagnostic) {
	for _, diag := range diags {
		if ds.generated[pass.Fset.File(diag.Pos)] {
			continue
		}
		suppressed := false
		for _, d := range ds.list {
			if d.covers(pass.Fset, diag) {
				d.suppressed, suppressed = true, true
			}
		}
		if !suppressed && cfg.enabled(diag.Category) {
			pass.Report(diag)
		}
	}
	if !cfg.enabled(CategoryDirective) {
		return
	}
	for _, d := range ds.list {
		msg := d.problem
		if msg == "" && !d.suppressed {
			msg = "chanown:ignore suppresses nothing"
		}
		if msg != "" {
			pass.Report(analysis.Diagnostic{Pos: d.pos, End: d.end, Category: CategoryDirective, Message: msg})
		}
	}
}
