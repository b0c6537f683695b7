package plugin_test

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
	"github.com/chanown/chanown/plugin"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// build calls New with settings, as golangci-lint does with the value it
// decoded from YAML, and returns the plugin's only analyzer.
func build(t *testing.T, settings any) *analysis.Analyzer {
	t.Helper()
	p, err := plugin.New(settings)
	if err != nil {
		t.Fatalf("New(%#v): %v", settings, err)
	}
	if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatalf("BuildAnalyzers: %v", err)
	}
	if len(as) != 1 {
		t.Fatalf("BuildAnalyzers returned %d analyzers, want 1", len(as))
	}
	if err := analysis.Validate(as); err != nil {
		t.Fatalf("analysis.Validate: %v", err)
	}
	if as[0].Name != "chanown" {
		t.Errorf("analyzer name %q, want chanown", as[0].Name)
	}
	return as[0]
}

// flagValues returns the values of a's flags by name.
func flagValues(a *analysis.Analyzer) map[string]string {
	m := map[string]string{}
	a.Flags.VisitAll(func(f *flag.Flag) { m[f.Name] = f.Value.String() })
	return m
}

// TestRegistered checks that importing the package registers the plugin
// under the name that .golangci.yml enables.
func TestRegistered(t *testing.T) {
	if _, err := register.GetPlugin("chanown"); err != nil {
		t.Fatal(err)
	}
}

// TestGoodSettings checks that valid settings, in every shape YAML can
// give them, configure the analyzer as the same flags would.
func TestGoodSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     map[string]string // flag values; others keep their defaults
	}{
		{"none", nil, nil},
		{"empty", map[string]any{}, nil},
		{
			"all-lists",
			map[string]any{
				"exported":   true,
				"spawners":   []any{"example.com/pool.Submit:0", "(*example.com/pool.P).Go:1"},
				"self-sync":  []any{"example.com/x.T"},
				"categories": []any{"shared", "unguarded"},
			},
			map[string]string{
				"exported":   "true",
				"spawners":   "example.com/pool.Submit:0,(example.com/pool.P).Go:1",
				"self-sync":  "example.com/x.T",
				"categories": "shared,unguarded",
			},
		},
		{
			"comma-strings",
			map[string]any{
				"exported":   false,
				"self-sync":  "example.com/x.T, example.com/y.U",
				"categories": "escape,",
			},
			map[string]string{
				"exported":   "false",
				"self-sync":  "example.com/x.T,example.com/y.U",
				"categories": "escape",
			},
		},
		{"null-list", map[string]any{"spawners": nil}, nil},
		{"races-preset", map[string]any{"categories": "races"}, map[string]string{"categories": "races"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := flagValues(build(t, tc.settings))
			want := flagValues(analyzer.New(analyzer.DefaultConfig()))
			for k, v := range tc.want {
				want[k] = v
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("flag values after New(%#v):\n got  %v\n want %v", tc.settings, got, want)
			}
		})
	}
}

// TestBadSettings checks that an unknown key, a wrongly typed value and
// an invalid value are errors that name the key.
func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     []string // substrings of the error
	}{
		{"unknown-key", map[string]any{"nosuch": true}, []string{`unknown field "nosuch"`, "known keys: exported, spawners, self-sync, categories, callbacks"}},
		{"misspelt-key", map[string]any{"self_sync": "example.com/x.T"}, []string{`unknown field "self_sync"`}},
		{"driver-flag", map[string]any{"json": true}, []string{`unknown field "json"`}},
		{"wrong-type-bool", map[string]any{"exported": "yes"}, []string{"exported", "string"}},
		{"wrong-type-list", map[string]any{"spawners": 3}, []string{"spawners", "number"}},
		{"wrong-type-item", map[string]any{"categories": []any{"shared", 1}}, []string{"categories", "list of number"}},
		{"wrong-type-map", map[string]any{"self-sync": map[string]any{"a": "b"}}, []string{"self-sync", "object"}},
		{"not-a-map", []any{"exported"}, []string{"cannot unmarshal"}},
		{"bad-spawner", map[string]any{"spawners": []any{"nonsense"}}, []string{"spawners", "invalid spawner"}},
		{"bad-callback", map[string]any{"callbacks": []any{"nonsense"}}, []string{"callbacks", "invalid callback"}},
		{"bad-self-sync", map[string]any{"self-sync": "nodot"}, []string{"self-sync", "invalid type"}},
		{"bad-category", map[string]any{"categories": []any{"nosuch"}}, []string{"categories", `unknown category "nosuch"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, err := plugin.New(tc.settings)
			if err == nil {
				t.Fatalf("New(%#v) = %v, want an error", tc.settings, p)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "chanown settings: ") {
				t.Errorf("error %q does not start with %q", msg, "chanown settings: ")
			}
			for _, want := range tc.want {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not contain %q", msg, want)
				}
			}
		})
	}
}

// TestSettingsKeysAreFlags checks that the settings keys are exactly the
// analyzer's flag names, so that a new flag cannot be forgotten here.
func TestSettingsKeysAreFlags(t *testing.T) {
	var keys []string
	st := reflect.TypeFor[plugin.Settings]()
	for i := range st.NumField() {
		keys = append(keys, st.Field(i).Tag.Get("json"))
	}
	var flags []string
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { flags = append(flags, f.Name) })
	slices.Sort(keys)
	slices.Sort(flags)
	if !slices.Equal(keys, flags) {
		t.Errorf("settings keys %q, analyzer flags %q: they must be equal", keys, flags)
	}
}

// TestPluginsIndependent checks that two plugins, as two golangci-lint
// configurations in one process would make, do not share settings, and
// that neither changes the package-level Analyzer.
func TestPluginsIndependent(t *testing.T) {
	a := build(t, map[string]any{"exported": true, "categories": "shared"})
	b := build(t, map[string]any{"categories": "escape"})
	if got := flagValues(a); got["exported"] != "true" || got["categories"] != "shared" {
		t.Errorf("first plugin's flags changed: %v", got)
	}
	if got := flagValues(b); got["exported"] != "false" || got["categories"] != "escape" {
		t.Errorf("second plugin's flags: %v", got)
	}
	if got := flagValues(analyzer.Analyzer); got["exported"] != "false" || got["categories"] != "" {
		t.Errorf("the package-level Analyzer's flags changed: %v", got)
	}
}

// TestWithoutRelated runs chanown and the plugin's analyzer on the
// golangci-lint sample and checks that the plugin reports the same
// diagnostics without their Related entries, and that its settings take
// effect (lib is reported only in library mode).
func TestWithoutRelated(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the sample module with go list; skipped with -short")
	}
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "golangci"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir, Tests: true,
		Env: append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOPROXY=off")}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the sample module does not load")
	}

	settings := map[string]any{"exported": true, "spawners": []any{"example.com/gclsample/pool.Submit:0"}}
	acfg := analyzer.DefaultConfig()
	acfg.Exported = true
	acfg.Spawners = []analyzer.Spawner{{Pkg: "example.com/gclsample/pool", Name: "Submit", ArgIndex: 0}}

	full := diagnostics(t, analyzer.New(acfg), pkgs)
	plain := diagnostics(t, build(t, settings), pkgs)
	defaults := diagnostics(t, build(t, nil), pkgs)

	related := 0
	for _, d := range full {
		related += d.related
	}
	if related == 0 {
		t.Errorf("chanown reported no Related entries on the sample; the test proves nothing:\n%v", full)
	}
	for _, d := range plain {
		if d.related > 0 {
			t.Errorf("the plugin's analyzer reported %d Related entries: %v", d.related, d)
		}
	}
	strip := func(ds []diag) []diag {
		var out []diag
		for _, d := range ds {
			d.related = 0
			out = append(out, d)
		}
		return out
	}
	if !slices.Equal(strip(full), plain) {
		t.Errorf("the plugin's diagnostics differ from chanown's:\n plugin  %v\n chanown %v", plain, full)
	}
	inLib := func(d diag) bool { return strings.HasSuffix(d.posn, filepath.Join("lib", "lib.go")+":9:2") }
	if !slices.ContainsFunc(plain, inLib) {
		t.Errorf("with exported: true, lib/lib.go:9:2 is not reported: %v", plain)
	}
	if slices.ContainsFunc(defaults, inLib) {
		t.Errorf("without settings, lib/lib.go:9:2 is reported: %v", defaults)
	}
}

// diag is a diagnostic as compared by TestWithoutRelated.
type diag struct {
	posn, category, message string
	related                 int
}

// diagnostics analyses pkgs with a and returns the root diagnostics,
// sorted, each once.
func diagnostics(t *testing.T, a *analysis.Analyzer, pkgs []*packages.Package) []diag {
	t.Helper()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []diag
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			out = append(out, diag{act.Package.Fset.Position(d.Pos).String(), d.Category, d.Message, len(d.Related)})
		}
	}
	slices.SortFunc(out, func(a, b diag) int { return strings.Compare(a.posn+a.message, b.posn+b.message) })
	return slices.Compact(out)
}
