package analyzer

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// run analyses one package: a cheap syntax and types check first, then
// SSA, locksets, contexts and the reports. A dependency is analysed only
// for its facts (WithDependencies).
func run(pass *analysis.Pass, cfg *Config, dependency bool) (any, error) {
	if pass.Pkg == nil || pass.TypesInfo == nil || len(pass.TypeErrors) > 0 {
		return nil, nil // the driver reports the errors; importers go on
	}
	// 1. Knowledge and the prefilter: syntax and types only.
	k := newAPIs(cfg)
	scan := scanSyntax(pass, k)
	if scan.bad {
		return nil, nil
	}
	dirs := parseDirectives(pass)
	uses := scanUses(pass)
	if !mayMatter(pass, cfg, scan, uses, dependency) {
		dirs.report(pass, cfg, nil)
		exportPassedInvokes(pass)
		return nil, nil
	}
	pc := &passContext{pass: pass, cfg: cfg, apis: k}
	pc.spawnMemo = map[*ssa.Function]bool{}

	// 2. SSA and the globals table, which imported facts complete.
	pc.program = newProgram(pass, uses.imports)
	pc.globals = collectGlobals(pass)
	pc.factImporter = newFactImporter(pass, pc.isSource, pc.globals)

	// 3. The call graph: dispatch, calls and uses, singletons.
	pc.buildDispatch()
	pc.buildGraph()
	pc.findSingletons()

	// 4. Lock flow: summaries, callees first.
	pc.summaries = map[*ssa.Function]*summary{}
	for _, fn := range pc.order {
		pc.summaries[fn] = pc.summarize(fn)
	}

	// 5. Contexts, then 6. accesses with their locks and contexts.
	pc.buildContexts()
	pc.collectAccesses()
	pc.assignContexts()

	// 7. Classification, 8. diagnostics, 9. facts for importers, and
	// the directives' suppression last.
	v := pc.classify()
	diags, reported, counts := pc.diagnose(v)
	pc.exportFacts(v, reported, counts)
	dirs.report(pass, cfg, diags)
	return nil, nil
}
