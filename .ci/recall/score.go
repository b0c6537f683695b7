package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// A score is the outcome of one mode on one labels file, per lock.
type score struct {
	Mode       string
	Positives  []lockKey           // locks that must be named
	Found      []lockKey           // positives some report names
	Missed     []lockKey           // positives no report names
	Locks      int                 // distinct locks the reports name
	Reports    []report            // every shared report
	Negative   map[string][]report // reports on labelled locks that are not positive, by lock
	Unlabelled map[string][]report // reports on locks with no label, by lock
	Groups     map[lockKey][]label // the labels, by lock
	Failed     []string            // analyses that failed
	BadLabels  []string            // rows whose position does not hold their variable
}

// scoreMode scores reports against ls in one mode. A lock is positive
// when a row of its group is flag (with exported, flag or lib-only); it
// is found when a `shared` report names it. Every report on a lock that
// is not positive is listed, so that it can be judged.
func scoreMode(ls *labelSet, mode string, exported bool, reports []report) *score {
	sc := &score{
		Mode:       mode,
		Reports:    reports,
		Negative:   map[string][]report{},
		Unlabelled: map[string][]report{},
		Groups:     ls.groups(),
	}
	keys := slices.SortedFunc(maps.Keys(sc.Groups), func(a, b lockKey) int {
		return strings.Compare(a.String(), b.String())
	})
	named := map[lockKey]bool{}
	locks := map[string]bool{}
	for _, r := range reports {
		var hit *lockKey
		for _, k := range keys {
			if r.names(k) || ls.Names[k.Pkg] != "" && r.Lock == ls.Names[k.Pkg]+"."+embedded(k.Mutex) {
				hit = &k
				break
			}
		}
		if hit == nil {
			locks[r.unlabelled()] = true
			sc.Unlabelled[r.unlabelled()] = append(sc.Unlabelled[r.unlabelled()], r)
			continue
		}
		locks[hit.String()] = true
		named[*hit] = true
		if !positive(sc.Groups[*hit], exported) {
			sc.Negative[hit.String()] = append(sc.Negative[hit.String()], r)
		}
	}
	sc.Locks = len(locks)
	for _, k := range keys {
		if !positive(sc.Groups[k], exported) {
			continue
		}
		sc.Positives = append(sc.Positives, k)
		if named[k] {
			sc.Found = append(sc.Found, k)
		} else {
			sc.Missed = append(sc.Missed, k)
		}
	}
	return sc
}

// recall formats found/positives as a percentage, or "-" with no
// positives.
func (sc *score) recall() string {
	if len(sc.Positives) == 0 {
		return "-"
	}
	return fmt.Sprintf("%d %%", 100*len(sc.Found)/len(sc.Positives))
}

// writeTable writes the markdown table of the scores of one module.
func writeTable(w io.Writer, title string, scores []*score) {
	fmt.Fprintf(w, "### %s\n\n", title)
	fmt.Fprintln(w, "| mode | positive locks | found | recall | shared reports (locks) | on non-positive locks | on unlabelled locks |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, sc := range scores {
		fmt.Fprintf(w, "| %s | %d | %d | %s | %d (%d) | %d | %d |\n", sc.Mode, len(sc.Positives), len(sc.Found),
			sc.recall(), len(sc.Reports), sc.Locks, len(sc.Negative), len(sc.Unlabelled))
	}
	fmt.Fprintln(w)
	if len(scores) > 0 {
		for _, b := range scores[0].BadLabels {
			fmt.Fprintf(w, "- label: %s\n", b)
		}
	}
	for _, sc := range scores {
		for _, f := range sc.Failed {
			fmt.Fprintf(w, "- %s: analysis failed: %s\n", sc.Mode, f)
		}
		for _, k := range sc.Missed {
			var vars []string
			for _, r := range sc.Groups[k] {
				vars = append(vars, r.Var+" ("+r.Expect+")")
			}
			fmt.Fprintf(w, "- %s: missed `%s`: %s\n", sc.Mode, k, strings.Join(vars, ", "))
		}
		writeReports(w, sc.Mode, "not positive", sc.Negative)
		writeReports(w, sc.Mode, "unlabelled", sc.Unlabelled)
	}
	fmt.Fprintln(w)
}

// writeReports lists the reports of each lock in byLock, one line each.
func writeReports(w io.Writer, mode, what string, byLock map[string][]report) {
	for _, lock := range slices.Sorted(maps.Keys(byLock)) {
		for _, r := range byLock[lock] {
			fmt.Fprintf(w, "- %s: report on %s lock `%s`: %s: %s\n", mode, what, lock, r.Posn, r.Message)
		}
	}
}

// writeSummary writes one row per labels file and mode.
func writeSummary(w io.Writer, sets []*labelSet, scores [][]*score) {
	fmt.Fprintln(w, "| module | mode | positive locks | found | recall | shared reports (locks) | on non-positive locks | on unlabelled locks |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
	for i, ls := range sets {
		for _, sc := range scores[i] {
			fmt.Fprintf(w, "| %s | %s | %d | %d | %s | %d (%d) | %d | %d |\n", ls.title(), sc.Mode, len(sc.Positives),
				len(sc.Found), sc.recall(), len(sc.Reports), sc.Locks, len(sc.Negative), len(sc.Unlabelled))
		}
	}
	fmt.Fprintln(w)
}

// title names the module of ls: path@version, or std.
func (ls *labelSet) title() string {
	if ls.Version == "" {
		return ls.Module
	}
	return ls.Module + "@" + ls.Version
}
