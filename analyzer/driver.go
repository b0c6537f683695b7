package analyzer

import "go/types"

// An Option changes how a driver runs an analyzer made by New.
type Option func(*options)

// options are the settings of New that are not part of Config: they
// come from the driver, not from the user.
type options struct {
	// isDependency reports whether the driver analyses a package only
	// for its facts; nil means never.
	isDependency func(*types.Package) bool
}

// WithDependencies tells the analyzer which packages its driver analyses
// only as dependencies: for the facts their importers need, discarding
// their diagnostics. Both drivers of cmd/chanown do so: the x/tools
// checker prints the diagnostics of its root packages only, and go vet
// runs a vettool on a dependency with VetxOnly set. For such a package
// chanown builds SSA only if it may export a fact (DESIGN §5 "Cost");
// what it exports does not change. Drivers that do not say (golangci-lint,
// analysistest) get every package analysed in full.
//
// The driver may learn its roots after it made the analyzer (the
// standalone command loads packages after parsing the analyzer's flags):
// isDependency is called for each package as it is analysed, and may be
// called from several goroutines at once.
func WithDependencies(isDependency func(*types.Package) bool) Option {
	return func(o *options) { o.isDependency = isDependency }
}
