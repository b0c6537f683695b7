package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/chanown/chanown/analyzer"
	"golang.org/x/tools/go/analysis"
)

// helpTopics returns the topics of "chanown help TOPIC", in the order
// "chanown help" lists them: the categories, then the presets, then the
// analyzer itself.
func helpTopics(a *analysis.Analyzer) []string {
	topics := slices.Clone(analyzer.Categories)
	topics = append(topics, slices.Sorted(maps.Keys(analyzer.Presets))...)
	return append(topics, a.Name)
}

// help runs "chanown help [topic]": with no topic, the usage and the list
// of topics; with a category or preset, what it reports and at which
// level; with the analyzer's name, its documentation. The text goes to
// stdout, as go help's does; an unknown topic or a second argument is
// one line on stderr and exit 2.
func help(a *analysis.Analyzer, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) int {
	topics := helpTopics(a)
	if len(args) > 1 {
		fmt.Fprintf(stderr, "%s: help takes at most one topic, got %d (see %s help)\n", progname, len(args), progname)
		return exitUsage
	}
	if len(args) == 0 {
		usage(stdout, fs)
		fmt.Fprintf(stdout, "\nCategories (%s help <category> for more):\n", progname)
		for _, cat := range analyzer.Categories {
			fmt.Fprintf(stdout, "  %-11s %s\n", cat, categorySummaries[cat])
		}
		for _, name := range topics[len(analyzer.Categories) : len(topics)-1] {
			fmt.Fprintf(stdout, "  %-11s preset: %s\n", name, strings.Join(analyzer.Presets[name], ","))
		}
		fmt.Fprintf(stdout, "\n%s help %s describes the analyzer.\n", progname, a.Name)
		return exitOK
	}
	topic := args[0]
	switch {
	case slices.Contains(analyzer.Categories, topic):
		level := "warning (SARIF warning, GitHub ::warning); in the races preset"
		if analyzer.IsAdvice(topic) {
			level = "note (SARIF note, GitHub ::notice): design advice, not in the races preset"
		}
		fmt.Fprintf(stdout, "%s: %s\n\nLevel: %s.\nReport only it with -categories=%s; suppress one report with //chanown:ignore %s <reason>.\nWrong and right examples: %s#%s\n",
			topic, categorySummaries[topic], level, topic, topic, analyzer.URL, topic)
	case analyzer.Presets[topic] != nil:
		fmt.Fprintf(stdout, "%s: the category preset %s\n\n-categories=%s reports the race tier and malformed directives, and\nleaves out the design advice (shared): gate CI on it.\n",
			topic, strings.Join(analyzer.Presets[topic], ","), topic)
	case topic == a.Name:
		fmt.Fprintf(stdout, "%s: %s\n", a.Name, a.Doc)
	default:
		fmt.Fprintf(stderr, "%s: unknown help topic %q (known: %s)\n", progname, topic, strings.Join(topics, ", "))
		return exitUsage
	}
	return exitOK
}
