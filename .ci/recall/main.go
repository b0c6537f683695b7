// Command recall scores chanown's `shared` reports against hand-made
// labels of real modules, per lock (issue 13 item 5):
//
//	recall [-chanown BIN] [-labels FILES] [-save DIR | -replay DIR]
//
// A labels file (docs/recall/*.tsv, or ../shared/realcode/std.tsv) has
// one row per package-level variable accessed while a package-level
// lock is held, in the columns and with the scoring rule its header
// states. Its name says which module it labels:
// "github.com_go-task_task_v3@v3.54.0.tsv" is github.com/go-task/task/v3
// at v3.54.0, and a name without "@" (std.tsv) the standard library.
//
// For each file, recall downloads the module with go mod download and
// runs chanown -gocache=false -json ./... in its directory in the module
// cache (GOROOT/src and std for the standard library), with GOWORK=off,
// GOTOOLCHAIN=local and GOFLAGS empty as .ci/realcode does, once in the
// default mode and once with -exported. A lock is positive when a row of
// its group is flag (with -exported: flag or lib-only), and found when a
// `shared` report names it. recall prints, per module, a markdown table
// of positives, found, recall and reports, then the misses and every
// report on a lock that is not positive or has no label, to be judged.
//
// Without -chanown it builds chanown from the working tree (run it from
// inside this module). -save keeps chanown's JSON output in DIR;
// -replay scores the output saved there instead of running chanown.
package main

import (
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// modes are the two ways chanown is run.
var modes = []struct {
	name     string
	exported bool
}{
	{"default", false},
	{"-exported", true},
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("recall: ")
	chanown := flag.String("chanown", "", "chanown binary (default: build it from the working tree)")
	labels := flag.String("labels", "", "comma-separated labels files (default: docs/recall/*.tsv)")
	save := flag.String("save", "", "write chanown's JSON output into this directory")
	replay := flag.String("replay", "", "score the JSON output saved in this directory instead of running chanown")
	flag.Parse()
	if flag.NArg() > 0 || *save != "" && *replay != "" {
		flag.Usage()
		os.Exit(2)
	}

	files := strings.Split(*labels, ",")
	if *labels == "" {
		var err error
		if files, err = filepath.Glob("docs/recall/*.tsv"); err != nil || len(files) == 0 {
			log.Fatalf("no labels files in docs/recall (run from the repository root, or give -labels)")
		}
	}
	var sets []*labelSet
	for _, f := range files {
		ls, err := readLabels(f)
		if err != nil {
			log.Fatal(err)
		}
		sets = append(sets, ls)
	}

	work, err := os.MkdirTemp("", "recall")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	if *replay == "" && *chanown == "" {
		if *chanown, err = buildChanown(work); err != nil {
			log.Fatal(err)
		}
	}

	var all [][]*score
	var out strings.Builder
	failed := false
	for _, ls := range sets {
		// One module that cannot be run does not lose the others' results.
		scores, err := scoreSet(ls, *chanown, work, *save, *replay)
		if err != nil {
			log.Print(err)
			fmt.Fprintf(&out, "### %s\n\nnot scored: %v\n\n", ls.title(), err)
			failed = true
		}
		all = append(all, scores)
		if err == nil {
			writeTable(&out, ls.title(), scores)
		}
	}
	writeSummary(os.Stdout, sets, all)
	fmt.Print(out.String())
	if failed {
		os.Exit(1)
	}
}

// readLabels reads one labels file.
func readLabels(file string) (*labelSet, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, named, err := parseLabels(file, f)
	if err != nil {
		return nil, err
	}
	path, version := moduleOf(file, named)
	return &labelSet{File: file, Module: path, Version: version, Rows: rows}, nil
}

// scoreSet runs chanown (or replays its saved output) on ls's module in
// each mode and scores the reports.
func scoreSet(ls *labelSet, chanown, work, save, replay string) ([]*score, error) {
	dir, pattern, err := moduleDir(ls, work)
	if err != nil {
		return nil, err
	}
	bad := checkPositions(ls, dir)
	ls.Names = declaredNames(ls, dir)
	var scores []*score
	for _, md := range modes {
		saved := strings.ReplaceAll(ls.title(), "/", "_") + "." + strings.TrimPrefix(md.name, "-") + ".json"
		var out []byte
		if replay != "" {
			out, err = os.ReadFile(filepath.Join(replay, saved))
		} else {
			args := []string{"-gocache=false"}
			if md.exported {
				args = append(args, "-exported")
			}
			log.Printf("%s: chanown %s", ls.title(), md.name)
			out, err = command(dir, chanown, append(args, "-json", pattern)...)
		}
		if err != nil {
			return nil, err
		}
		if save != "" {
			if err := os.WriteFile(filepath.Join(save, saved), out, 0o666); err != nil {
				return nil, err
			}
		}
		reports, failed, err := parseShared(out, dir)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %v", ls.title(), md.name, err)
		}
		sc := scoreMode(ls, md.name, md.exported, reports)
		sc.Failed = failed
		sc.BadLabels = bad
		scores = append(scores, sc)
	}
	return scores, nil
}

// declaredNames reads the package clause of each labelled package's
// first labelled file, and returns the names that differ from the last
// element of the package's path.
func declaredNames(ls *labelSet, dir string) map[string]string {
	names := map[string]string{}
	fset := token.NewFileSet()
	for _, r := range ls.Rows {
		if _, done := names[r.Pkg]; done {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, r.File), nil, parser.PackageClauseOnly)
		if err != nil {
			continue
		}
		names[r.Pkg] = ""
		if name := f.Name.Name; name != pkgName(r.Pkg) {
			names[r.Pkg] = name
		}
	}
	return names
}
