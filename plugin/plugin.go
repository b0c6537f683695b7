// Package plugin registers chanown as a golangci-lint v2 module plugin.
//
// A golangci-lint binary that imports this package (built by
// "golangci-lint custom" from a .custom-gcl.yml, or offline as
// docs/integrations.md describes) runs chanown when its configuration
// enables it:
//
//	linters:
//	  default: none
//	  enable: [chanown]
//	  settings:
//	    custom:
//	      chanown:
//	        type: module
//	        settings:
//	          exported: true
//	          spawners: [example.com/pool.Submit:0]
//
// The settings keys are the analyzer's flag names (docs/chanown.md,
// "Flags"). A list setting is a YAML list of strings or one
// comma-separated string, as on the command line. An unknown key, a
// wrongly typed value or an invalid value makes golangci-lint stop with
// an error that names the key.
//
// golangci-lint turns every Related entry of a diagnostic into an issue
// of its own ("chanown(related information): …"), which "//nolint:chanown"
// on the reported line does not suppress and which, for a position in
// another file, it moves onto the reported line. chanown's reports carry
// several such entries each (spawn sites, accesses), so the plugin drops
// them: golangci-lint shows one issue per finding, and the standalone
// command (text, SARIF or GitHub format) shows the evidence.
package plugin

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/chanown/chanown/analyzer"
	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// init registers the plugin under the analyzer's name, the name that
// .golangci.yml enables.
func init() {
	register.Plugin(analyzer.Analyzer.Name, New)
}

// Settings are the plugin's settings, linters.settings.custom.chanown.settings
// in .golangci.yml. Each JSON key is the name of an analyzer flag; the
// zero Settings means the analyzer's defaults.
type Settings struct {
	// Exported is the exported flag: library mode.
	Exported bool `json:"exported"`
	// Spawners is the spawners flag: pkg/path.Func:N or (pkg/path.T).M:N.
	Spawners List `json:"spawners"`
	// SelfSync is the self-sync flag: pkg/path.Type.
	SelfSync List `json:"self-sync"`
	// Categories is the categories flag: the categories to report.
	Categories List `json:"categories"`
	// Callbacks is the callbacks flag: pkg/path.Func:N, (pkg/path.T).M:N
	// or pkg/path.T.Field.
	Callbacks List `json:"callbacks"`
}

// List is a list-valued setting. It decodes from a list of strings, or
// from one string that holds a comma-separated list as the flag does;
// surrounding spaces and empty items are dropped.
type List []string

// UnmarshalJSON decodes a list of strings or one comma-separated string.
// Any other value is an *json.UnmarshalTypeError, which encoding/json
// completes with the name of the key.
func (l *List) UnmarshalJSON(data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	var items []string
	switch v := v.(type) {
	case nil:
	case string:
		items = splitList(v)
	case []any:
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				return &json.UnmarshalTypeError{Value: "list of " + jsonKind(item), Type: reflect.TypeFor[List]()}
			}
			items = append(items, splitList(s)...)
		}
	default:
		return &json.UnmarshalTypeError{Value: jsonKind(v), Type: reflect.TypeFor[List]()}
	}
	*l = items
	return nil
}

// jsonKind names the JSON kind of a value decoded into an any.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "list"
	}
	return "object"
}

// splitList splits a comma-separated value as the analyzer's flags do.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// Config returns the analyzer configuration that s describes, or an
// error naming the first key whose value is invalid.
func (s Settings) Config() (analyzer.Config, error) {
	cfg := analyzer.DefaultConfig()
	cfg.Exported = s.Exported
	for _, item := range s.Spawners {
		sp, err := analyzer.ParseSpawner(item)
		if err != nil {
			return cfg, fmt.Errorf("%s: %v", analyzer.SpawnersFlag, err)
		}
		cfg.Spawners = append(cfg.Spawners, sp)
	}
	// Validate each list on its own so that the error names its key.
	if err := (analyzer.Config{SelfSync: s.SelfSync}).Validate(); err != nil {
		return cfg, fmt.Errorf("%s: %v", analyzer.SelfSyncFlag, err)
	}
	cfg.SelfSync = s.SelfSync
	if err := (analyzer.Config{Categories: s.Categories}).Validate(); err != nil {
		return cfg, fmt.Errorf("%s: %v", analyzer.CategoriesFlag, err)
	}
	cfg.Categories = s.Categories
	if err := (analyzer.Config{Callbacks: s.Callbacks}).Validate(); err != nil {
		return cfg, fmt.Errorf("%s: %v", analyzer.CallbacksFlag, err)
	}
	cfg.Callbacks = s.Callbacks
	return cfg, cfg.Validate()
}

// Plugin is chanown's golangci-lint plugin: one configuration, fixed
// when golangci-lint reads its settings.
type Plugin struct {
	cfg analyzer.Config
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New is the plugin's constructor, called by golangci-lint with the
// settings decoded from YAML (nil when there are none). It rejects
// unknown keys, wrongly typed values and invalid values.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("chanown settings: %v (known keys: %s)", err, strings.Join(settingKeys(), ", "))
	}
	cfg, err := s.Config()
	if err != nil {
		return nil, fmt.Errorf("chanown settings: %v", err)
	}
	return &Plugin{cfg: cfg}, nil
}

// settingKeys returns the JSON keys of Settings, in declaration order.
func settingKeys() []string {
	var keys []string
	t := reflect.TypeFor[Settings]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	return keys
}

// BuildAnalyzers returns a new chanown analyzer with the plugin's
// configuration, whose diagnostics carry no Related entries (see the
// package documentation).
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{withoutRelated(analyzer.New(p.cfg))}, nil
}

// GetLoadMode reports that chanown needs type information.
func (p *Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}

// withoutRelated returns a copy of a whose diagnostics have their
// Related entries removed. Everything else, the name, flags, facts and
// requirements included, is a's.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	run := a.Run
	w.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			pass.Report(d)
		}
		return run(&p)
	}
	return &w
}
