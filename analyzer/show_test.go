package analyzer

import "testing"

// TestSplitPath checks how ids of packages the analysed package does not
// import directly are split and named, the same under every driver.
func TestSplitPath(t *testing.T) {
	for _, tc := range []struct{ id, path, name string }{
		{"example.com/a/b.mu", "example.com/a/b", "b"},
		{"example.com/a/b.st.mu", "example.com/a/b", "b"},
		{"example.com/m/v2.mu", "example.com/m/v2", "m"},
		{"example.com/m/v2/sub.cfg", "example.com/m/v2/sub", "sub"},
		{"os.mu", "os", "os"},
		{"net/http.mu", "net/http", "http"},
		{"gopkg.in/yaml.v3.mu", "gopkg.in/yaml", "yaml"},
		{"v2.mu", "v2", "v2"},
		{"nodot", "", ""},
	} {
		path := splitPath(tc.id)
		if path != tc.path {
			t.Errorf("splitPath(%q) = %q, want %q", tc.id, path, tc.path)
			continue
		}
		if path != "" && pathName(path) != tc.name {
			t.Errorf("pathName(%q) = %q, want %q", path, pathName(path), tc.name)
		}
	}
}
