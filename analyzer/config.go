package analyzer

import (
	"flag"
	"fmt"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Diagnostic categories. Each is a section of docs/chanown.md.
const (
	CategoryShared     = "shared"     // D1: a guarded global shared by goroutines
	CategoryUnguarded  = "unguarded"  // D2: access without the guard
	CategoryWrongLock  = "wronglock"  // D3: access under a lock that is not the guard
	CategoryRLockWrite = "rlockwrite" // D3: write under a read-held guard
	CategoryEscape     = "escape"     // D4: guarded data leaves the critical section
	CategoryDirective  = "directive"  // malformed or unused //chanown: directive
)

// Categories lists every diagnostic category, in documentation order.
var Categories = []string{
	CategoryShared,
	CategoryUnguarded,
	CategoryWrongLock,
	CategoryRLockWrite,
	CategoryEscape,
	CategoryDirective,
}

// Flag names. They are kebab-case and never reuse a driver flag name.
const (
	ExportedFlag   = "exported"
	SpawnersFlag   = "spawners"
	SelfSyncFlag   = "self-sync"
	CategoriesFlag = "categories"
	CallbacksFlag  = "callbacks"
)

// PresetRaces is the category preset of the race tier: every category
// but shared, which is design advice rather than a bug (DESIGN §5
// "Severity"). The categories flag accepts it in place of the list, so
// that CI can gate on races alone: -categories=races.
const PresetRaces = "races"

// Presets maps each category preset, a name that the categories flag
// accepts in place of categories, to the categories it stands for.
var Presets = map[string][]string{
	PresetRaces: {CategoryUnguarded, CategoryWrongLock, CategoryRLockWrite, CategoryEscape, CategoryDirective},
}

// IsAdvice reports whether diagnostics of category cat are design advice
// (shared) rather than a data race or a broken guard. Outputs that carry
// a level give advice a lower one: SARIF note, GitHub notice.
func IsAdvice(cat string) bool { return cat == CategoryShared }

// Spawner names a function or method that runs one of its function-typed
// arguments on another goroutine.
type Spawner struct {
	Pkg      string // import path, e.g. "golang.org/x/sync/errgroup"
	Recv     string // receiver type name without '*', or "" for a function
	Name     string // function or method name
	ArgIndex int    // parameter index, counted from 0, receiver excluded
}

// String returns the spawner in the syntax accepted by the spawners flag.
func (s Spawner) String() string {
	if s.Recv != "" {
		return fmt.Sprintf("(%s.%s).%s:%d", s.Pkg, s.Recv, s.Name, s.ArgIndex)
	}
	return fmt.Sprintf("%s.%s:%d", s.Pkg, s.Name, s.ArgIndex)
}

// Config holds the analyzer's settings. The zero Config is valid and
// means the defaults.
type Config struct {
	// Exported selects library mode: every exported entry point may be
	// called from many goroutines at once.
	Exported bool
	// Spawners lists extra functions that start a goroutine running one of
	// their arguments.
	Spawners []Spawner
	// SelfSync lists extra self-synchronised types as "pkg/path.Type".
	SelfSync []string
	// Callbacks lists extra callback sinks: functions that keep a
	// function argument and call it later on goroutines of their own
	// (spawners syntax, pkg/path.Func:N or (pkg/path.T).M:N), or
	// func-typed struct fields that a library calls so
	// ("pkg/path.T.Field").
	Callbacks []string
	// Categories lists the categories to report, each a category or a
	// preset (PresetRaces); empty means all.
	Categories []string
}

// DefaultConfig returns the default configuration.
func DefaultConfig() Config { return Config{} }

// Validate reports the first invalid setting in c.
func (c Config) Validate() error {
	for _, s := range c.Spawners {
		if s.Pkg == "" || s.Name == "" || s.ArgIndex < 0 {
			return fmt.Errorf("invalid spawner %q", s.String())
		}
	}
	for _, t := range c.SelfSync {
		if _, _, err := parseTypeName(t); err != nil {
			return err
		}
	}
	for _, cb := range c.Callbacks {
		if err := parseCallback(cb); err != nil {
			return err
		}
	}
	for _, cat := range c.Categories {
		if err := parseCategory(cat); err != nil {
			return err
		}
	}
	return nil
}

// enabled reports whether category cat is to be reported.
func (c Config) enabled(cat string) bool {
	if len(c.Categories) == 0 {
		return true
	}
	for _, name := range c.Categories {
		if name == cat || slices.Contains(Presets[name], cat) {
			return true
		}
	}
	return false
}

// bindFlags registers c's settings in fs, so that setting a flag changes c.
func (c *Config) bindFlags(fs *flag.FlagSet) {
	fs.BoolVar(&c.Exported, ExportedFlag, c.Exported,
		"library mode: every exported function may be called from many goroutines at once (default false: callers form one goroutine)")
	fs.Var(&spawnersValue{&c.Spawners}, SpawnersFlag,
		"extra spawn functions, comma-separated pkg/path.Func:N or (pkg/path.T).M:N (N counts parameters from 0, receiver excluded)")
	fs.Var(&listValue{&c.Callbacks, parseCallback}, CallbacksFlag,
		"extra callback sinks, comma-separated pkg/path.Func:N, (pkg/path.T).M:N or pkg/path.T.Field (a func-typed field)")
	fs.Var(&listValue{&c.SelfSync, parseSelfSync}, SelfSyncFlag,
		"extra self-synchronised types, comma-separated pkg/path.Type (default: none beyond the built-in list)")
	fs.Var(&listValue{&c.Categories, parseCategory}, CategoriesFlag,
		"comma-separated categories to report, or the preset races for all but shared (default: all)")
}

// spawnersValue is the flag.Value of the spawners flag.
type spawnersValue struct{ p *[]Spawner }

func (v *spawnersValue) String() string {
	if v == nil || v.p == nil {
		return ""
	}
	var parts []string
	for _, s := range *v.p {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, ",")
}

func (v *spawnersValue) Set(s string) error {
	var out []Spawner
	for _, item := range splitList(s) {
		sp, err := ParseSpawner(item)
		if err != nil {
			return err
		}
		out = append(out, sp)
	}
	*v.p = out
	return nil
}

// ParseSpawner parses one spawners entry: pkg/path.Func:N,
// (pkg/path.T).M:N or (*pkg/path.T).M:N. The package path is everything
// before the last dot outside parentheses.
func ParseSpawner(s string) (Spawner, error) {
	bad := func(why string) (Spawner, error) {
		return Spawner{}, fmt.Errorf("invalid spawner %q: %s (want pkg/path.Func:N or (pkg/path.T).M:N)", s, why)
	}
	colon := strings.LastIndex(s, ":")
	if colon < 0 {
		return bad("missing :N argument index")
	}
	n, err := strconv.Atoi(s[colon+1:])
	if err != nil || n < 0 {
		return bad("argument index is not a non-negative integer")
	}
	name := s[:colon]
	var sp Spawner
	sp.ArgIndex = n
	if strings.HasPrefix(name, "(") {
		end := strings.Index(name, ")")
		if end < 0 {
			return bad("unbalanced parenthesis")
		}
		recv := strings.TrimPrefix(name[1:end], "*")
		rest := name[end+1:]
		if !strings.HasPrefix(rest, ".") || !token.IsIdentifier(rest[1:]) {
			return bad("missing method name after the receiver")
		}
		pkg, typ, err := parseTypeName(recv)
		if err != nil {
			return bad("bad receiver type")
		}
		sp.Pkg, sp.Recv, sp.Name = pkg, typ, rest[1:]
		return sp, nil
	}
	dot := strings.LastIndex(name, ".")
	if dot <= 0 || !token.IsIdentifier(name[dot+1:]) || !validPkgPath(name[:dot]) {
		return bad("missing package path or function name")
	}
	sp.Pkg, sp.Name = name[:dot], name[dot+1:]
	return sp, nil
}

// parseTypeName splits "pkg/path.Type" into its package path and type name.
func parseTypeName(s string) (pkg, name string, err error) {
	dot := strings.LastIndex(s, ".")
	if dot <= 0 || !token.IsIdentifier(s[dot+1:]) || !validPkgPath(s[:dot]) {
		return "", "", fmt.Errorf("invalid type %q (want pkg/path.Type)", s)
	}
	return s[:dot], s[dot+1:], nil
}

// validPkgPath reports whether p looks like an import path.
func validPkgPath(p string) bool {
	if p == "" || strings.ContainsAny(p, " \t()*:,") || strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") {
		return false
	}
	return !strings.Contains(p, "//")
}

// A callbackField is a func-typed struct field that a library calls on
// goroutines of its own: a callbacks entry pkg/path.T.Field.
type callbackField struct{ pkg, typ, field string }

// parseCallback checks one callbacks entry.
func parseCallback(s string) error {
	_, _, err := splitCallback(s)
	return err
}

// splitCallback parses a callbacks entry: a spawner (it has a :N
// argument index) or a field.
func splitCallback(s string) (*Spawner, *callbackField, error) {
	if strings.Contains(s, ":") {
		sp, err := ParseSpawner(s)
		if err != nil {
			return nil, nil, fmt.Errorf("invalid callback %q: %v", s, strings.TrimPrefix(err.Error(), fmt.Sprintf("invalid spawner %q: ", s)))
		}
		return &sp, nil, nil
	}
	dot := strings.LastIndex(s, ".")
	if dot <= 0 || !token.IsIdentifier(s[dot+1:]) {
		return nil, nil, fmt.Errorf("invalid callback %q (want pkg/path.Func:N, (pkg/path.T).M:N or pkg/path.T.Field)", s)
	}
	pkg, typ, err := parseTypeName(s[:dot])
	if err != nil {
		return nil, nil, fmt.Errorf("invalid callback %q (want pkg/path.Func:N, (pkg/path.T).M:N or pkg/path.T.Field)", s)
	}
	return nil, &callbackField{pkg, typ, s[dot+1:]}, nil
}

func parseSelfSync(s string) error {
	_, _, err := parseTypeName(s)
	return err
}

// parseCategory checks that s names a category or a category preset.
func parseCategory(s string) error {
	if !slices.Contains(Categories, s) && Presets[s] == nil {
		return fmt.Errorf("unknown category %q (known: %s; presets: %s)",
			s, strings.Join(Categories, ", "), strings.Join(slices.Sorted(maps.Keys(Presets)), ", "))
	}
	return nil
}

// listValue is a flag.Value holding a comma-separated list whose items
// are each checked by check.
type listValue struct {
	p     *[]string
	check func(string) error
}

func (v *listValue) String() string {
	if v == nil || v.p == nil {
		return ""
	}
	return strings.Join(*v.p, ",")
}

func (v *listValue) Set(s string) error {
	items := splitList(s)
	for _, item := range items {
		if err := v.check(item); err != nil {
			return err
		}
	}
	*v.p = items
	return nil
}

// splitList splits a comma-separated flag value, dropping empty items
// and surrounding spaces.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}
