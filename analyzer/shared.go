package analyzer

import (
	"cmp"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A diagnoser is stage 8: it turns the verdict into diagnostics
// (diagnose), and reads every earlier product to place and word them.
// The products are embedded so that its methods read their fields by
// name; they are complete, and only raceCache fills lazily here.
type diagnoser struct {
	pass *analysis.Pass
	cfg  *Config
	apis *apis // the Go APIs chanown knows, with cfg's additions (knowledge.go)

	*program                   // SSA (ssabuild.go)
	globals       *globalTable // the package's globals and locks (globals.go); imported facts add locks
	*callGraph                 // calls, uses, order (graph.go, dispatch.go, singleton.go)
	*lockFlow                  // function summaries (ssa.go)
	*factImporter              // imported facts, read on first use (factimport.go)
	*contextSet                // contexts and reach (contexts.go)
	*accessSet                 // accesses with their locks and contexts (accesses.go)
	*classifier                // classification, asked again by diagnostics and facts (verdict.go)
	raceCache                  // lazy caches of the race tier (race.go)
}

// inTestFile reports whether fn is declared in a _test.go file.
func (dg *diagnoser) inTestFile(fn *ssa.Function) bool {
	return isTestFile(dg.pass.Fset, fn.Pos())
}

// diagnose returns the diagnostics of v (before suppression): the shared
// reports in group order, then the race tier's in unit order. It also
// returns the ids of the locks reported shared and of the reference
// counts, for the package fact.
func (dg *diagnoser) diagnose(v *verdict) (diags []analysis.Diagnostic, reported, counts []string) {
	for _, g := range v.groups {
		if d, ok := dg.sharedDiagnostic(g); ok {
			diags = append(diags, d)
			reported = append(reported, g.lock.id)
		}
		for _, f := range g.units {
			if f.count && !f.u.foreign {
				counts = append(counts, f.u.key)
			}
		}
	}
	diags = append(diags, dg.raceDiagnostics(v.units)...)
	for i := range diags {
		dg.sortRelated(diags[i].Related)
	}
	return diags, reported, counts
}

// sortRelated orders Related entries by position (file name, then
// offset; comparePos), and entries at one position by message, so that
// they read top to bottom whatever order the evidence was found in.
func (dg *diagnoser) sortRelated(rel []analysis.RelatedInformation) {
	slices.SortStableFunc(rel, func(a, b analysis.RelatedInformation) int {
		if c := comparePos(dg.pass.Fset, a.Pos, b.Pos); c != 0 {
			return c
		}
		return cmp.Compare(a.Message, b.Message)
	})
}

// sharedDiagnostic returns the shared report of g, if any of its units is
// shared and is not a count or a refcounted resource.
func (dg *diagnoser) sharedDiagnostic(g *group) (analysis.Diagnostic, bool) {
	var named, lazy []*unitFacts
	var evidence []*unitFacts
	for _, f := range g.units {
		switch {
		case f.inherited || f.testGuard:
			// Not named, but its accesses outside tests are
			// evidence, in the package and its test variant alike.
			evidence = append(evidence, f)
		case !f.shared || f.count || f.resource:
		case f.lazy:
			lazy = append(lazy, f)
		default:
			named = append(named, f)
		}
	}
	kind := msgShared
	if len(named) == 0 {
		if len(lazy) == 0 {
			return analysis.Diagnostic{}, false
		}
		named, kind = lazy, msgLazy
	}
	var ctxs []*goContext
	var live []*access
	for _, f := range named {
		live = append(live, f.liveWithKin()...)
	}
	ctxs = contextsOf(live)
	if kind == msgShared && isReadMostly(g) {
		kind = msgReadMostly
	}
	var names []string
	for _, f := range named {
		names = append(names, dg.globals.show(f.u.key))
	}
	d := analysis.Diagnostic{
		Pos:      g.lock.obj.Pos(),
		End:      g.lock.obj.Pos() + token.Pos(len(g.lock.obj.Name())),
		Category: CategoryShared,
		Message:  sharedMessage(kind, dg.globals.show(g.lock.id), names, ctxs),
		Related:  dg.related(ctxs, append(slices.Clone(named), evidence...), g.lock.id),
	}
	dg.offerFix(&d, g, kind) // fix.go: the conversion to channel-owned state, when safe
	if g.lock.obj.Pkg() != dg.pass.Pkg {
		// A lock of another package of the module: report here once,
		// at the first contributing spawn site, unless the declaring
		// package, or a package between, reported it (DESIGN §5
		// "Positions").
		if _, ok := dg.reportedByImports()[g.lock.id]; ok {
			return analysis.Diagnostic{}, false
		}
		d.Pos = token.NoPos
		for _, c := range ctxs {
			if c.site != nil && c.pos.IsValid() && (!d.Pos.IsValid() || comparePos(dg.pass.Fset, c.pos, d.Pos) < 0) {
				d.Pos = c.pos
			}
		}
		if !d.Pos.IsValid() {
			for _, a := range live {
				if !d.Pos.IsValid() || comparePos(dg.pass.Fset, a.pos, d.Pos) < 0 {
					d.Pos = a.pos
				}
			}
		}
		d.End = d.Pos
		for _, f := range named {
			if f.u.pos.IsValid() {
				d.Related = append(d.Related, analysis.RelatedInformation{Pos: f.u.pos, Message: dg.globals.show(f.u.key) + " declared here"})
			}
		}
	}
	return d, true
}

// related returns the evidence of a shared report: the spawn sites, then
// one access per (unit, function), preferring a write.
func (dg *diagnoser) related(ctxs []*goContext, units []*unitFacts, lock string) []analysis.RelatedInformation {
	var out []analysis.RelatedInformation
	for _, c := range ctxs {
		if c.pos.IsValid() {
			out = append(out, analysis.RelatedInformation{Pos: c.pos, Message: c.name + " starts here"})
		}
	}
	for _, f := range units {
		type key struct{ fn any }
		best := map[key]*access{}
		var order []key
		for _, a := range f.live {
			k := key{a.fn}
			b, ok := best[k]
			if !ok {
				order = append(order, k)
			}
			if !ok || a.write && !b.write || a.write == b.write && a.pos < b.pos {
				best[k] = a
			}
		}
		for _, k := range order {
			a := best[k]
			verb := "read"
			if a.write {
				verb = "written"
			}
			how := " here holding " + dg.globals.show(lock)
			switch {
			case !has(a.locks, lock):
				how = " here without " + dg.globals.show(lock)
			case a.inside != "" && !has(a.callerLocks, lock):
				// Made inside an imported function, which
				// takes the lock itself.
				how = " here, " + a.heldHere(lock, dg.globals.show(lock))
			}
			pos, _ := dg.exprRange(f.u, a.pos)
			out = append(out, analysis.RelatedInformation{Pos: pos, Message: dg.globals.show(f.u.key) + " " + verb + how})
		}
	}
	return out
}
