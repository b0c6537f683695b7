package analyzer

import (
	"fmt"
	"strings"
)

// Kinds of shared message.
const (
	msgShared     = iota // give them one owner goroutine
	msgReadMostly        // keep the RWMutex, or publish copies through an atomic.Pointer
	msgLazy              // sync.OnceValue
)

// sharedMessage formats the message of a shared report (DESIGN §2, §5
// "Messages", "Read-mostly groups").
func sharedMessage(kind int, lock string, globals []string, ctxs []*goContext) string {
	names := listNames(globals, 3)
	switch kind {
	case msgReadMostly:
		// Never an owner goroutine: readers would queue on one
		// goroutine where they now run in parallel.
		return fmt.Sprintf("%s guards read-mostly %s; keep the RWMutex or publish immutable copies via atomic.Pointer",
			lock, names)
	case msgLazy:
		return fmt.Sprintf("%s guards the lazy initialisation of %s, shared by %s; consider sync.OnceValue",
			lock, names, contextList(ctxs))
	}
	pronoun := "them"
	if len(globals) == 1 {
		pronoun = "it"
	}
	return fmt.Sprintf("%s guards %s, shared by %s; give %s one owner goroutine reached over a channel",
		lock, names, contextList(ctxs), pronoun)
}

// contextList names contexts, one phrase per name in the order of ctxs,
// at most two phrases and then "and N more" (DESIGN §5 "Messages"):
// "main and goroutine started in serve", "concurrent runs of HTTP handler
// index". Contexts that share a name (three go statements in main) are
// counted in their phrase, "3 goroutines started in main", never merged
// into one.
func contextList(ctxs []*goContext) string {
	var names []string
	count := map[string]int{}
	first := map[string]*goContext{}
	for _, c := range ctxs {
		if count[c.name] == 0 {
			names = append(names, c.name)
			first[c.name] = c
		}
		count[c.name]++
	}
	if len(names) == 1 && count[names[0]] == 1 && ctxs[0].multiple {
		return "concurrent runs of " + names[0]
	}
	phrases := make([]string, len(names))
	for i, n := range names {
		phrases[i] = countedName(first[n], count[n])
	}
	return listNames(phrases, 2)
}

// pluralKinds gives the plural of each kind of context named by where it
// starts.
var pluralKinds = map[string]string{
	"goroutine started in":         "goroutines started in",
	"timer callback in":            "timer callbacks in",
	"finalizer set in":             "finalizers set in",
	"cleanup added in":             "cleanups added in",
	"HTTP handler func literal in": "HTTP handler func literals in",
	"callback registered in":       "callbacks registered in",
}

// countedName names n contexts that share c's name: "3 goroutines
// started in main", "2 registrations of HTTP handler login".
func countedName(c *goContext, n int) string {
	if n == 1 {
		return c.name
	}
	if plural, ok := pluralKinds[c.kindText]; ok {
		if rest, ok := strings.CutPrefix(c.name, c.kindText); ok {
			return fmt.Sprintf("%d %s%s", n, plural, rest)
		}
	}
	if c.kind == ctxHandler {
		return fmt.Sprintf("%d registrations of %s", n, c.name)
	}
	return fmt.Sprintf("%d contexts named %s", n, c.name)
}

// listNames joins names as "a", "a and b", "a, b and c", or, past max,
// "a, b and 2 more".
func listNames(names []string, max int) string {
	switch {
	case len(names) == 0:
		return ""
	case len(names) > max:
		return strings.Join(names[:max], ", ") + fmt.Sprintf(" and %d more", len(names)-max)
	case len(names) == 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
