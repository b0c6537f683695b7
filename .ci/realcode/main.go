// Command realcode runs chanown on pinned versions of real modules and
// compares it with go vet (issue 12):
//
//	realcode -chanown BIN [-robustcheck BIN] [-all] [-only PATHS] [-md FILE] [-doc FILE] [-golangci BIN]
//	realcode -list [-all] [-only PATHS]
//
// With -list it only prints the selected modules, path@version, one a
// line (.ci/golden.sh runs on them).
//
// For each module it downloads the pinned version with go mod download,
// downloads its dependencies, warms the build cache, and then in the
// module's directory in the module cache, with GOWORK=off,
// GOTOOLCHAIN=local and GOFLAGS empty:
//
//   - times go vet ./... with vet's default suite, given a fresh
//     -printf.funcs value so that no cached result is reused;
//   - for each mode, default and -exported, runs chanown's in-process
//     driver, chanown -gocache=false -json ./..., twice, the second
//     time with GOMAXPROCS=1, each within
//     max(60 s, 5 × vet's time), and checks the two outputs are
//     byte-identical, free of panics and internal errors (and, with
//     -robustcheck, that every position is valid);
//   - runs go vet -vettool=BIN -json ./... (with -chanown.exported for
//     the exported mode) and checks it reports the same set of primary
//     diagnostics (position, category, message) as the standalone run;
//   - with -golangci, runs golangci-lint with the chanown plugin and
//     checks it reports the same (position, message) set.
//
// It prints a markdown table of the results, writes it to FILE with -md,
// or into the results section of FILE with -doc, and exits 1 if any
// module failed a check.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Limits of a chanown run: the larger of minLimit and vetFactor times
// go vet's time for the module.
const (
	minLimit  = 60 * time.Second
	vetFactor = 5
)

// RSS thresholds: a peak above highRSS while go vet stays under vetRSS is
// reported.
const (
	highRSS = 4 << 20 // KiB
	vetRSS  = 1 << 20 // KiB
)

// config holds the flags.
type config struct {
	chanown     string // the chanown binary
	robustcheck string // the robustcheck binary, or ""
	golangci    string // golangci-lint with the chanown plugin, or ""
	work        string // scratch directory
	commit      string // what chanown was built from, for the report
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("realcode: ")
	var cfg config
	all := flag.Bool("all", false, "run every module, not only the default subset")
	only := flag.String("only", "", "comma-separated module paths to run (overrides -all)")
	md := flag.String("md", "", "write the markdown results to this file")
	doc := flag.String("doc", "", "replace the results section of this markdown file")
	flag.StringVar(&cfg.chanown, "chanown", "", "chanown binary to measure (required)")
	flag.StringVar(&cfg.robustcheck, "robustcheck", "", "robustcheck binary: also check positions and categories")
	flag.StringVar(&cfg.golangci, "golangci", "", "golangci-lint binary with the chanown plugin: also compare with it")
	flag.StringVar(&cfg.commit, "commit", "", "the commit chanown was built from, for the report")
	list := flag.Bool("list", false, "print the selected modules, path@version, and exit")
	flag.Parse()
	if *list && flag.NArg() == 0 {
		mods, err := selectModules(*all, *only)
		if err != nil {
			log.Fatal(err)
		}
		for _, m := range mods {
			fmt.Println(m)
		}
		return
	}
	if cfg.chanown == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: realcode -chanown BIN [-robustcheck BIN] [-all] [-only PATHS] [-md FILE] [-doc FILE] [-golangci BIN]\n       realcode -list [-all] [-only PATHS]")
		os.Exit(2)
	}
	mods, err := selectModules(*all, *only)
	if err != nil {
		log.Fatal(err)
	}
	if cfg.work, err = os.MkdirTemp("", "realcode"); err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(cfg.work)
	if cfg.chanown, err = filepath.Abs(cfg.chanown); err != nil {
		log.Fatal(err)
	}

	start := time.Now()
	env := describeMachine()
	var results []*moduleResult
	for _, m := range mods {
		log.Printf("%s: start", m)
		res := cfg.module(m)
		for _, f := range res.Failures {
			log.Printf("%s: FAIL: %s", m, f)
		}
		log.Printf("%s: done in %s", m, res.Total.Round(time.Second))
		results = append(results, res)
	}
	env.total = time.Since(start)
	env.commit = cfg.commit
	report := markdown(env, results)
	fmt.Print(report)
	if *md != "" {
		if err := os.WriteFile(*md, []byte(report), 0o666); err != nil {
			log.Fatal(err)
		}
	}
	if *doc != "" {
		if err := replaceSection(*doc, report); err != nil {
			log.Fatal(err)
		}
	}
	failed := 0
	for _, res := range results {
		if len(res.Failures) > 0 {
			failed++
		}
	}
	if failed > 0 {
		log.Printf("FAILED: %d of %d modules (see the failures above)", failed, len(results))
		os.Exit(1)
	}
	log.Printf("ok: %d modules in %s", len(results), env.total.Round(time.Second))
}

// freshCopy copies the binary bin into dir with a few bytes appended
// and returns the copy's name. go vet identifies a vettool by a hash of
// its file (-V=full), so it has no cached results for the copy and the
// runs under go vet do all their work.
func freshCopy(bin, dir string) (string, error) {
	data, err := os.ReadFile(bin)
	if err != nil {
		return "", err
	}
	data = fmt.Appendf(data, "realcode %d %d", os.Getpid(), time.Now().UnixNano())
	name := filepath.Join(dir, filepath.Base(bin))
	return name, os.WriteFile(name, data, 0o755)
}

// selectModules returns the modules to run: those named by only
// (comma-separated paths), else all of them or the default subset.
func selectModules(all bool, only string) ([]module, error) {
	if only == "" {
		var mods []module
		for _, m := range modules {
			if all || m.Subset {
				mods = append(mods, m)
			}
		}
		return mods, nil
	}
	var mods []module
	for p := range strings.SplitSeq(only, ",") {
		i := slices.IndexFunc(modules, func(m module) bool { return m.Path == p })
		if i < 0 {
			return nil, fmt.Errorf("-only: %s is not one of the modules", p)
		}
		mods = append(mods, modules[i])
	}
	return mods, nil
}
