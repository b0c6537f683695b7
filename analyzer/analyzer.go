package analyzer

import (
	_ "embed"
	"flag"
	"fmt"

	"golang.org/x/tools/go/analysis"
)

//go:embed doc.go
var doc string

// URL is the published documentation of the analyzer; drivers append
// "#<category>".
const URL = "https://github.com/chanown/chanown/blob/main/docs/chanown.md"

// Analyzer is the chanown analyzer with the default configuration. Its
// flags change only its own configuration.
var Analyzer = New(DefaultConfig())

// New returns a new chanown analyzer using cfg and the driver's opts. Its
// flags are bound to a private copy of cfg, so analyzers made by New
// never share settings.
func New(cfg Config, opts ...Option) *analysis.Analyzer {
	c := new(Config)
	*c = cfg
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	fs := flag.NewFlagSet("chanown", flag.ContinueOnError)
	c.bindFlags(fs)
	return &analysis.Analyzer{
		Name:      "chanown",
		Doc:       mustExtractDoc(doc, "chanown"),
		URL:       URL,
		Flags:     *fs,
		FactTypes: []analysis.Fact{(*funcFact)(nil), (*pkgFact)(nil)},
		// With facts, a package that does not type-check would fail
		// every importer; run (and return at once) so importers are
		// still analysed.
		RunDespiteErrors: true,
		Run: func(pass *analysis.Pass) (any, error) {
			if err := c.Validate(); err != nil {
				return nil, fmt.Errorf("invalid chanown configuration: %v", err)
			}
			dependency := o.isDependency != nil && o.isDependency(pass.Pkg)
			return run(pass, c, dependency)
		},
	}
}
