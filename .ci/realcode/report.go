package main

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// machine describes where and when the harness ran.
type machine struct {
	date      string
	cores     int
	memory    string // total memory, e.g. "24 GiB"
	goVersion string
	load      string // load average at the start
	commit    string
	total     time.Duration
}

// describeMachine describes this machine now.
func describeMachine() *machine {
	m := &machine{
		date:   time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		cores:  runtime.NumCPU(),
		memory: "?",
		load:   "?",
	}
	if out, err := exec.Command("go", "version").Output(); err == nil {
		m.goVersion = strings.TrimSpace(string(out))
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		m.load = strings.Join(strings.Fields(string(data))[:3], " ")
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				if kib, err := strconv.ParseInt(f[1], 10, 64); err == nil {
					m.memory = fmt.Sprintf("%.0f GiB", float64(kib)/(1<<20))
				}
			}
		}
	}
	return m
}

// markdown returns the results as markdown: a line on the run, the
// table, then the failures, notes and their details.
func markdown(m *machine, results []*moduleResult) string {
	var b strings.Builder
	commit := m.commit
	if commit == "" {
		commit = "?"
	}
	fmt.Fprintf(&b, "Run of %s: chanown at %s, %s, %d cores, %s of memory, load average %s at the start; %d modules in %s.\n\n",
		m.date, commit, m.goVersion, m.cores, m.memory, m.load, len(results), m.total.Round(time.Second))
	b.WriteString("| module | version | pkgs | go vet | chanown | chanown -exported | vettool (default, -exported) | findings | findings -exported | identical | parity | result |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|---|---|---|---|---|\n")
	for _, res := range results {
		b.WriteString(row(res))
	}
	b.WriteString(`
pkgs: packages analysed, with their tests; left out: packages that do
not build here, with their tests. go vet: wall time and peak RSS of go vet ./... with vet's default suite.
chanown: the standalone run 1, with in parentheses its wall time and RSS
as multiples of go vet's. vettool: wall time of go vet -vettool=chanown.
findings: unique (position, category, message) of run 1, a package and
its test variant counted once. identical: run 1 and run 2 (GOMAXPROCS=1)
printed the same bytes, default / -exported. parity: the standalone
driver and go vet report the same primary diagnostics, default /
-exported.
`)
	writeProblems(&b, results)
	return b.String()
}

// row returns the table row of res.
func row(res *moduleResult) string {
	cells := []string{"`" + res.Module.Path + "`", res.Module.Version, strconv.Itoa(res.Packages), "-", "-", "-", "-", "-", "-", "-", "-", "ok"}
	if res.LeftOut > 0 {
		cells[2] += fmt.Sprintf(" (%d left out)", res.LeftOut)
	}
	if res.Vet != nil {
		cells[3] = fmt.Sprintf("%s, %s", seconds(res.Vet.Wall), mib(res.Vet.RSS))
	}
	var vettool, identical, parity []string
	for i, mr := range res.Modes {
		cells[4+i] = chanownCell(mr.Run1, res.Vet)
		cells[7+i] = findings(mr)
		vettool = append(vettool, vettoolCell(mr.Vettool))
		identical = append(identical, mr.Identical)
		parity = append(parity, mr.Parity)
	}
	if len(res.Modes) > 0 {
		cells[6] = strings.Join(vettool, ", ")
		cells[9] = strings.Join(identical, " / ")
		cells[10] = strings.Join(parity, " / ")
	}
	if len(res.Failures) > 0 {
		cells[11] = "**FAIL**"
	}
	return "| " + strings.Join(cells, " | ") + " |\n"
}

// chanownCell describes a standalone run against go vet's.
func chanownCell(r, vet *run) string {
	switch {
	case r == nil:
		return "-"
	case r.TimedOut:
		return "timeout at " + seconds(r.Wall)
	case vet == nil || vet.Wall == 0 || vet.RSS == 0:
		return fmt.Sprintf("%s, %s", seconds(r.Wall), mib(r.RSS))
	}
	return fmt.Sprintf("%s, %s (%.1f×, %.1f×)", seconds(r.Wall), mib(r.RSS),
		r.Wall.Seconds()/vet.Wall.Seconds(), float64(r.RSS)/float64(vet.RSS))
}

// vettoolCell describes a go vet -vettool run.
func vettoolCell(r *run) string {
	switch {
	case r == nil:
		return "-"
	case r.TimedOut:
		return "timeout"
	}
	return seconds(r.Wall)
}

// findings counts the primary diagnostics of mr by category.
func findings(mr *modeResult) string {
	if mr.Keys == nil && (mr.Run1 == nil || mr.Run1.TimedOut) {
		return "-"
	}
	counts := countCategories(mr.Keys)
	if len(counts) == 0 {
		return "0"
	}
	var parts []string
	for _, c := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%s %d", c, counts[c]))
	}
	return strings.Join(parts, ", ")
}

// maxDetailLines caps each detail block in the report.
const maxDetailLines = 40

// writeProblems writes the failures and notes of every module, then
// their details.
func writeProblems(b *strings.Builder, results []*moduleResult) {
	var lines []string
	for _, res := range results {
		for _, f := range res.Failures {
			lines = append(lines, fmt.Sprintf("- `%s` FAIL: %s", res.Module, f))
		}
		for _, n := range res.Notes {
			lines = append(lines, fmt.Sprintf("- `%s` note: %s", res.Module, n))
		}
		for _, mr := range res.Modes {
			if mr.Run1 != nil && mr.Run1.RSS > highRSS && res.Vet != nil && res.Vet.RSS < vetRSS {
				lines = append(lines, fmt.Sprintf("- `%s` note: %s: chanown's peak RSS %s is above 4 GiB while go vet's is %s",
					res.Module, mr.Mode.Name, mib(mr.Run1.RSS), mib(res.Vet.RSS)))
			}
		}
	}
	if len(lines) == 0 {
		b.WriteString("\nNo failures.\n")
		return
	}
	b.WriteString("\n### Failures and notes\n\n")
	b.WriteString(strings.Join(lines, "\n") + "\n")
	for _, res := range results {
		for _, d := range res.Details {
			fmt.Fprintf(b, "\n`%s`, %s:\n\n```\n", res.Module, d.Title)
			shown := d.Lines
			if len(shown) > maxDetailLines {
				shown = shown[:maxDetailLines]
			}
			for _, l := range shown {
				b.WriteString(l + "\n")
			}
			if len(d.Lines) > len(shown) {
				fmt.Fprintf(b, "... (%d more lines)\n", len(d.Lines)-len(shown))
			}
			b.WriteString("```\n")
		}
	}
}

// seconds formats d in seconds.
func seconds(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return fmt.Sprintf("%.0f s", d.Seconds())
}

// mib formats a size in KiB as MiB.
func mib(kib int64) string {
	return fmt.Sprintf("%d MiB", (kib+512)/1024)
}

// Markers of the results section of a markdown file.
const (
	beginMarker = "<!-- realcode results: begin -->"
	endMarker   = "<!-- realcode results: end -->"
)

// replaceSection replaces what lies between the markers in file with
// report.
func replaceSection(file, report string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	text := string(data)
	before, rest, ok1 := strings.Cut(text, beginMarker+"\n")
	_, after, ok2 := strings.Cut(rest, endMarker)
	if !ok1 || !ok2 {
		return fmt.Errorf("%s: no lines %q and %q", file, beginMarker, endMarker)
	}
	text = before + beginMarker + "\n" + report + endMarker + after
	return os.WriteFile(file, []byte(text), 0o666)
}
