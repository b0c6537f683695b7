package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
	"golang.org/x/tools/imports"
)

var update = flag.Bool("update", false, "TestDocExamples: rewrite the outputs the docs show with chanown's real output")

// docFiles are the documents whose examples TestDocExamples checks,
// relative to the repository root.
var docFiles = []string{"README.md", "docs/chanown.md"}

// docMarker, on the line before a fenced block, names the directory
// (relative to the repository root) that the block's commands run in.
var docMarker = regexp.MustCompile(`^<!-- chanown-doc: dir (\S+) -->$`)

// A docBlock is a fenced code block of a document.
type docBlock struct {
	info    string   // the fence's info string: "go", "sh", or ""
	lines   []string // its lines, without the fences
	line    int      // the document's line number of its first line
	heading string   // the last "## " heading above it
	para    string   // the first word of the last paragraph above it
	dir     string   // the directory of a chanown-doc marker above it
}

// parseBlocks returns the fenced blocks of a Markdown document.
func parseBlocks(doc string) []docBlock {
	var (
		blocks  []docBlock
		cur     *docBlock
		heading string
		para    string
		dir     string
		blank   = true
	)
	for i, line := range strings.Split(doc, "\n") {
		switch {
		case cur != nil && line == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
		case strings.HasPrefix(line, "```"):
			cur = &docBlock{info: strings.TrimPrefix(line, "```"), line: i + 2, heading: heading, para: para, dir: dir}
			dir = ""
		case strings.HasPrefix(line, "## "):
			heading, para = strings.TrimPrefix(line, "## "), ""
		case docMarker.MatchString(line):
			dir = docMarker.FindStringSubmatch(line)[1]
		case blank && line != "":
			para, _, _ = strings.Cut(line, " ")
		}
		blank = line == ""
	}
	return blocks
}

// TestDocExamples checks the examples of README.md and docs/chanown.md
// against chanown's real output:
//
//   - a go block that starts with "package main" is a program: it is
//     written to a module of its own;
//   - a block whose first line is "$ chanown ARGS" shows commands and
//     their output (stderr and stdout), run in the last program's module
//     or in the directory of a chanown-doc marker; go test -update
//     rewrites the output;
//   - a go block after a paragraph starting "RIGHT:" replaces the
//     declarations of the same names in the last program, or adds them;
//     the result must type-check and get no report of the section's
//     category (none at all in the shared section);
//   - a plain block in a category's section lists messages: each must be
//     one that chanown reports on some example, or on the programs of
//     testdata/docs.
func TestDocExamples(t *testing.T) {
	_, bin := buildChanown(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	messages := map[string]bool{}
	collect := func(out string) {
		for _, m := range textDiag.FindAllStringSubmatch(out, -1) {
			messages[m[2]] = true
		}
	}
	collect(command(t, filepath.Join(root, "testdata", "docs"), bin, "./...").stderr)

	type wantMessages struct {
		file  string
		block docBlock
	}
	var samples []wantMessages
	for _, name := range docFiles {
		file := filepath.Join(root, filepath.FromSlash(name))
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc := string(data)
		var (
			program string // the last program's source
			progDir string // its module
			edits   []docEdit
		)
		for _, b := range parseBlocks(doc) {
			where := fmt.Sprintf("%s:%d", name, b.line)
			switch {
			case b.info == "go" && len(b.lines) > 0 && b.lines[0] == "package main":
				program = strings.Join(b.lines, "\n") + "\n"
				progDir = writeProgram(t, program)
				collect(command(t, progDir, bin, "./...").stderr)

			case b.info == "go" && b.para == "RIGHT:" && program != "":
				src, err := splice(program, strings.Join(b.lines, "\n")+"\n")
				if err != nil {
					t.Errorf("%s: %v", where, err)
					continue
				}
				r := command(t, writeProgram(t, string(src)), bin, "./...")
				if r.code != exitOK && r.code != exitFindings {
					t.Errorf("%s: the program with this RIGHT example does not build: exit %d\n%s\n%s", where, r.code, r.stderr, src)
					continue
				}
				for _, m := range textDiag.FindAllStringSubmatch(r.stderr, -1) {
					if m[1] == b.heading || b.heading == analyzer.CategoryShared {
						t.Errorf("%s: the RIGHT example still gets [%s] %s", where, m[1], m[2])
					}
				}

			case b.info == "" && len(b.lines) > 0 && strings.HasPrefix(b.lines[0], "$ chanown "):
				dir := progDir
				if b.dir != "" {
					dir = filepath.Join(root, filepath.FromSlash(b.dir))
				}
				if dir == "" {
					t.Errorf("%s: commands with no program above and no chanown-doc marker", where)
					continue
				}
				got := runSession(t, bin, dir, b.lines)
				collect(strings.Join(got, "\n"))
				if want := strings.Join(b.lines, "\n"); strings.Join(got, "\n") != want {
					if *update {
						edits = append(edits, docEdit{b.line, len(b.lines), got})
						continue
					}
					t.Errorf("%s: the doc shows\n%s\nchanown prints\n%s\n(go test ./cmd/chanown -run TestDocExamples -update rewrites it)",
						where, want, strings.Join(got, "\n"))
				}

			case b.info == "" && slices.Contains(analyzer.Categories, b.heading) && !strings.HasPrefix(b.lines[0], "$"):
				samples = append(samples, wantMessages{name, b})
			}
		}
		if len(edits) > 0 {
			if err := os.WriteFile(file, []byte(applyEdits(doc, edits)), 0o666); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: rewrote %d outputs", name, len(edits))
		}
	}
	for _, s := range samples {
		for i, msg := range s.block.lines {
			if msg != "" && !messages[msg] {
				t.Errorf("%s:%d: no example gets the message\n\t%s\nchanown's messages:\n\t%s",
					s.file, s.block.line+i, msg, strings.Join(slices.Sorted(maps.Keys(messages)), "\n\t"))
			}
		}
	}
	if len(messages) == 0 {
		t.Error("no example got any report")
	}
}

// textDiag matches a diagnostic of the text format: its category and
// message.
var textDiag = regexp.MustCompile(`(?m)^\S+:\d+:\d+: \[(\w+)\] (.*)$`)

// writeProgram writes src as main.go of a new module and returns its
// directory.
func writeProgram(t *testing.T, src string) string {
	t.Helper()
	return writeModule(t, map[string]string{
		"go.mod":  "module example.com/doc\n\ngo 1.26\n",
		"main.go": src,
	})
}

// runSession runs the "$ chanown ARGS" commands of lines in dir and
// returns the lines a terminal would show: each command, then its
// output.
func runSession(t *testing.T, bin, dir string, lines []string) []string {
	t.Helper()
	var got []string
	for _, line := range lines {
		cmd, ok := strings.CutPrefix(line, "$ chanown ")
		if !ok {
			continue // output, replaced by the real one
		}
		got = append(got, line)
		r := command(t, dir, bin, strings.Fields(cmd)...)
		if out := strings.TrimRight(r.stderr+r.stdout, "\n"); out != "" {
			got = append(got, strings.Split(out, "\n")...)
		}
	}
	return got
}

// A docEdit replaces n lines of a document, from line (1-based), by lines.
type docEdit struct {
	line, n int
	lines   []string
}

// applyEdits returns doc with edits, which are in document order, made.
func applyEdits(doc string, edits []docEdit) string {
	lines := strings.Split(doc, "\n")
	for _, e := range slices.Backward(edits) {
		lines = slices.Replace(lines, e.line-1, e.line-1+e.n, e.lines...)
	}
	return strings.Join(lines, "\n")
}

// splice returns the program src with the declarations of fragment (Go
// declarations without a package clause) in place of the declarations
// of the same names, and appended where there are none; imports are
// then added or removed as the result needs.
func splice(src, fragment string) ([]byte, error) {
	fset := token.NewFileSet()
	prog, err := parser.ParseFile(fset, "main.go", src, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	const header = "package main\n"
	frag, err := parser.ParseFile(fset, "fragment.go", header+fragment, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("RIGHT example: %v", err)
	}
	// span returns the byte range of d in its file, doc comment included.
	span := func(d ast.Decl, f *ast.File) (int, int) {
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
		}
		base := fset.File(f.Pos()).Base()
		return int(start) - base, int(d.End()) - base
	}
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	var added []string
	for _, d := range frag.Decls {
		s, e := span(d, frag)
		text := (header + fragment)[s:e]
		i := slices.IndexFunc(prog.Decls, func(w ast.Decl) bool {
			return len(slices.DeleteFunc(declNames(w), func(n string) bool { return !slices.Contains(declNames(d), n) })) > 0
		})
		if i < 0 {
			added = append(added, text)
			continue
		}
		s, e = span(prog.Decls[i], prog)
		edits = append(edits, edit{s, e, text})
	}
	slices.SortFunc(edits, func(a, b edit) int { return b.start - a.start })
	out := src
	for _, e := range edits {
		out = out[:e.start] + e.text + out[e.end:]
	}
	for _, text := range added {
		out += "\n" + text + "\n"
	}
	return imports.Process("main.go", []byte(out), nil)
}

// declNames returns the names a declaration declares: "T.M" for a
// method M of T (or *T), the plain name otherwise.
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		name := d.Name.Name
		if d.Recv != nil && len(d.Recv.List) == 1 {
			typ := d.Recv.List[0].Type
			if star, ok := typ.(*ast.StarExpr); ok {
				typ = star.X
			}
			if id, ok := typ.(*ast.Ident); ok {
				name = id.Name + "." + name
			}
		}
		names = append(names, name)
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch spec := spec.(type) {
			case *ast.TypeSpec:
				names = append(names, spec.Name.Name)
			case *ast.ValueSpec:
				for _, id := range spec.Names {
					names = append(names, id.Name)
				}
			}
		}
	}
	return names
}

// TestDocsDriverFlags checks that the driver's flags table of
// docs/chanown.md has a row for every flag of the standalone driver that
// is not an analyzer flag, with the code's default.
func TestDocsDriverFlags(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "chanown.md"))
	if err != nil {
		t.Fatal(err)
	}
	a := analyzer.New(analyzer.DefaultConfig())
	fs, _ := newFlagSet(a)
	fs.VisitAll(func(f *flag.Flag) {
		if a.Flags.Lookup(f.Name) != nil {
			return // TestDocsFlags in package analyzer
		}
		row := regexp.MustCompile("(?m)^\\| `-" + regexp.QuoteMeta(f.Name) + "` \\| `([^`]*)` \\|")
		m := row.FindSubmatch(data)
		if m == nil {
			t.Errorf("docs/chanown.md has no driver flags row for -%s", f.Name)
		} else if string(m[1]) != f.DefValue {
			t.Errorf("docs/chanown.md gives -%s the default %q, the code %q", f.Name, m[1], f.DefValue)
		}
	})
}
