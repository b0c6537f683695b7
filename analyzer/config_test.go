package analyzer

import "testing"

// TestEnabled checks which categories a Config reports, the races preset
// included.
func TestEnabled(t *testing.T) {
	for _, tc := range []struct {
		cats []string
		want map[string]bool // categories to report; all others are dropped
	}{
		{nil, map[string]bool{CategoryShared: true, CategoryUnguarded: true, CategoryWrongLock: true,
			CategoryRLockWrite: true, CategoryEscape: true, CategoryDirective: true}},
		{[]string{CategoryShared}, map[string]bool{CategoryShared: true}},
		{[]string{PresetRaces}, map[string]bool{CategoryUnguarded: true, CategoryWrongLock: true,
			CategoryRLockWrite: true, CategoryEscape: true, CategoryDirective: true}},
		{[]string{CategoryEscape, PresetRaces, CategoryShared}, map[string]bool{CategoryShared: true, CategoryUnguarded: true,
			CategoryWrongLock: true, CategoryRLockWrite: true, CategoryEscape: true, CategoryDirective: true}},
	} {
		c := Config{Categories: tc.cats}
		for _, cat := range Categories {
			if got := c.enabled(cat); got != tc.want[cat] {
				t.Errorf("Config{Categories: %q}.enabled(%s) = %v, want %v", tc.cats, cat, got, tc.want[cat])
			}
		}
	}
}
