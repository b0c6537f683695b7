package vettool

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/unitchecker"
)

// TestUnit checks which units Unit rewrites so that unitchecker reports
// them, and which it marks as for facts only.
func TestUnit(t *testing.T) {
	for _, tc := range []struct {
		name      string
		cfg       string // the config file's JSON; "" for no file
		flags     []string
		rewritten bool // the config is replaced by one without VetxOnly
		factsOnly bool
	}{
		{"root", `{"ID":"example.com/m/b","ModulePath":"example.com/m","VetxOnly":false}`, []string{"-" + ModuleDepsFlag}, false, false},
		{"ours-flag", `{"ID":"example.com/m/b","ModulePath":"example.com/m","VetxOnly":true}`, []string{"-json", "-" + ModuleDepsFlag}, true, false},
		{"ours-flag-true", `{"ID":"example.com/m/b","ModulePath":"example.com/m","VetxOnly":true}`, []string{"--" + ModuleDepsFlag + "=true"}, true, false},
		{"ours-flag-false", `{"ID":"example.com/m/b","ModulePath":"example.com/m","VetxOnly":true}`, []string{"-" + ModuleDepsFlag + "=false"}, false, true},
		{"ours-no-flag", `{"ID":"example.com/m/b","ModulePath":"example.com/m","VetxOnly":true}`, []string{"-json"}, false, true},
		{"third-party", `{"ID":"github.com/x/y","ModulePath":"github.com/x/y","ModuleVersion":"v1.2.3","VetxOnly":true}`, []string{"-" + ModuleDepsFlag}, false, true},
		{"std", `{"ID":"fmt","VetxOnly":true}`, []string{"-" + ModuleDepsFlag}, false, true},
		{"no-config", "", []string{"-" + ModuleDepsFlag}, false, false},
		{"bad-config", `{`, []string{"-" + ModuleDepsFlag}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "vet.cfg")
			if tc.cfg != "" {
				if err := os.WriteFile(file, []byte(tc.cfg), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			args := append(slices.Clone(tc.flags), file)
			got, factsOnly := Unit(args)
			if factsOnly != tc.factsOnly {
				t.Errorf("factsOnly = %v, want %v", factsOnly, tc.factsOnly)
			}
			if !slices.Equal(got[:len(got)-1], tc.flags) {
				t.Errorf("flags %q, want %q", got[:len(got)-1], tc.flags)
			}
			last := got[len(got)-1]
			if !tc.rewritten {
				if last != file {
					t.Errorf("config %s, want %s unchanged", last, file)
				}
				return
			}
			if last == file {
				t.Fatalf("config %s not rewritten", last)
			}
			data, err := os.ReadFile(last)
			if err != nil {
				t.Fatal(err)
			}
			var cfg unitchecker.Config
			if err := json.Unmarshal(data, &cfg); err != nil {
				t.Fatal(err)
			}
			if cfg.VetxOnly || cfg.ID != "example.com/m/b" || cfg.ModulePath != "example.com/m" {
				t.Errorf("rewritten config %s", data)
			}
		})
	}
}
