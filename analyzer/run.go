package analyzer

import (
	"golang.org/x/tools/go/analysis"
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
	if incomplete(pass) {
		return nil, nil // an import does not type-check: the driver reports it
	}
	// 2. SSA and the globals table, which imported facts complete.
	prog := newProgram(pass, uses.imports)
	globals := collectGlobals(pass)
	imports := newFactImporter(pass, prog.isSource, globals)

	// 3. The call graph: dispatch, calls and uses, singletons.
	cg := buildCallGraph(pass, k, prog, imports)

	// 4. Lock flow: summaries, callees first.
	lf := buildLockFlow(cg, imports)

	// 5. Contexts, then 6. accesses with their locks and contexts.
	cs := buildContexts(pass, cfg, k, prog, globals, cg, lf, imports)
	set := buildAccesses(pass, k, prog, globals, cg, lf, cs, imports)

	// 7. Classification.
	cl := newClassifier(pass, prog, globals, cg, cs, set, imports)
	v := cl.classify()

	// 8. Diagnostics and 9. facts for importers read every product;
	// the directives' suppression comes last.
	dg := &diagnoser{
		pass: pass, cfg: cfg, apis: k,
		program: prog, globals: globals, factImporter: imports,
		callGraph: cg, lockFlow: lf, contextSet: cs, accessSet: set, classifier: cl,
	}
	diags, reported, counts := dg.diagnose(v)
	ex := &exporter{pass: pass, prog: prog, globals: globals, graph: cg, flows: lf, ctxs: cs, accs: set, cls: cl, imports: imports}
	ex.exportFacts(v, reported, counts)
	dirs.report(pass, cfg, diags)
	return nil, nil
}
