package analyzer_test

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/chanown/chanown/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// factBudget caps the encoded size of all facts of one scenario run, so
// that facts stay small (DESIGN §4).
const factBudget = 64 << 10

// TestFactRoundTrip gob-encodes every fact the analyzer exports over the
// cross-package scenarios, decodes it, encodes it again and requires the
// same bytes, and keeps the total under factBudget. The scenarios hold
// every field, the interface methods called on goroutines (Invokes) of
// both facts included.
func TestFactRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages from source")
	}
	pkgs := loadTestdata(t, "xpkg/user", "exportedon", "library", "ifacecall/app")
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.New(analyzer.Config{})}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var facts []analysis.Fact
	for act := range graph.All() {
		if act.Analyzer.Name != "chanown" {
			continue
		}
		for _, f := range act.AllObjectFacts() {
			facts = append(facts, f.Fact)
		}
		for _, f := range act.AllPackageFacts() {
			facts = append(facts, f.Fact)
		}
	}
	kinds := map[reflect.Type]bool{}
	invokes := map[reflect.Type]bool{}
	total := 0
	for _, f := range facts {
		kinds[reflect.TypeOf(f)] = true
		if strings.Contains(fmt.Sprint(f), "invokes ") {
			invokes[reflect.TypeOf(f)] = true
		}
		first := encode(t, f)
		total += len(first)
		decoded := reflect.New(reflect.TypeOf(f).Elem()).Interface()
		if err := gob.NewDecoder(bytes.NewReader(first)).Decode(decoded); err != nil {
			t.Fatalf("decoding %T: %v", f, err)
		}
		if second := encode(t, decoded); !bytes.Equal(first, second) {
			t.Errorf("%T %v: encoding differs after a round trip", f, f)
		}
		if !reflect.DeepEqual(f, decoded) {
			t.Errorf("%T: decoded %v, want %v", f, decoded, f)
		}
	}
	if len(kinds) < 2 {
		t.Errorf("got facts of %d types, want both the function and the package fact", len(kinds))
	}
	if len(invokes) < 2 {
		t.Errorf("got interface method calls in facts of %d types, want both", len(invokes))
	}
	if total > factBudget {
		t.Errorf("facts take %d bytes, over the budget of %d", total, factBudget)
	}
	t.Logf("%d facts, %d bytes", len(facts), total)
}

// encode gob-encodes v.
func encode(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		t.Fatalf("encoding %T: %v", v, err)
	}
	return buf.Bytes()
}

// loadTestdata loads scenario packages of testdata (GOPATH mode) with
// their dependencies from source, as a driver with facts does, and fails
// the test if any has errors.
func loadTestdata(t *testing.T, patterns ...string) []*packages.Package {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  testdata,
		Env:  append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOFLAGS=", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("packages have errors")
	}
	return pkgs
}
