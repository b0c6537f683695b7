package analyzer

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// The interface methods this package calls where an importer's types may
// answer (DESIGN §1 "reach"): a package that calls a method of one of its
// module's exported interfaces on goroutines of its own says so in its
// package fact, and an importer that converts a type of its own to that
// interface starts a context at the type's method (sinks.go). Function
// facts carry the calls an exported function makes, so that a goroutine
// of a package further up that runs the function counts them too.

// moduleInterface returns the qualified name of t, "example.com/p.Handler",
// if it is an exported named interface declared in a package of the
// analysed package's module, or "". Interfaces of other modules (io.Writer,
// error) are left out: every importer converts its types to them, and a
// context at each such method would be a guess, not a fact.
func (ex *exporter) moduleInterface(t types.Type) string {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || !types.IsInterface(n) {
		return ""
	}
	obj := n.Obj()
	if obj.Pkg() == nil || !obj.Exported() || !ex.inModule(obj.Pkg().Path()) {
		return ""
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// inModule reports whether the package of the given path is of the
// analysed package's module, by its path: the module path or below it,
// and without a module (GOPATH mode) the tree the package is in. Never
// in std.
func (ex *exporter) inModule(path string) bool {
	return inModuleOf(ex.globals.module, ex.pass.Pkg.Path(), path)
}

// inModuleOf reports whether the package of the given path is of mod,
// the module of the package pkgPath (ex.inModule).
func inModuleOf(mod moduleID, pkgPath, path string) bool {
	root := mod.path
	switch root {
	case stdModule:
		return false
	case "":
		root, _, _ = strings.Cut(pkgPath, "/")
	}
	return path == root || strings.HasPrefix(path, root+"/")
}

// invokesOf returns the interface method calls that instr makes for
// importers to answer: its own call of a module interface's method, or
// those the fact of the imported function it calls lists. Memoised per
// function by fnInvokes.
func (ex *exporter) invokesOf(instr ssa.Instruction) []factInvoke {
	c, ok := instr.(ssa.CallInstruction)
	if !ok {
		return nil
	}
	call := c.Common()
	if call.IsInvoke() {
		// An unexported method is implemented in its own package only.
		if iface := ex.moduleInterface(call.Value.Type()); iface != "" && call.Method.Exported() {
			return []factInvoke{{Iface: iface, Method: call.Method.Name()}}
		}
		return nil
	}
	if ff := ex.imports.factOf(staticCallee(call)); ff != nil {
		// The callee's module may be another: keep this module's.
		return slices.DeleteFunc(slices.Clone(ff.Invokes), func(v factInvoke) bool { return !ex.inModule(splitPath(v.Iface)) })
	}
	return nil
}

// fnInvokes returns the interface method calls of fn's own instructions
// (invokesOf), each once, computed once per function.
func (ex *exporter) fnInvokes(fn *ssa.Function) []factInvoke {
	if vs, ok := ex.invokeMemo[fn]; ok {
		return vs
	}
	var out []factInvoke
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			for _, v := range ex.invokesOf(instr) {
				if !slices.ContainsFunc(out, func(w factInvoke) bool { return w.key() == v.key() }) {
					out = append(out, v)
				}
			}
		}
	}
	if ex.invokeMemo == nil {
		ex.invokeMemo = map[*ssa.Function][]factInvoke{}
	}
	ex.invokeMemo[fn] = out
	return out
}

// reachedInvokes returns the interface method calls of the functions in
// reached, each once, sorted by key: a function fact's Invokes.
func (ex *exporter) reachedInvokes(reached map[*ssa.Function]bool) []factInvoke {
	index := map[string]bool{}
	var out []factInvoke
	for f := range reached {
		if isTestFile(ex.pass.Fset, f.Pos()) {
			continue
		}
		for _, v := range ex.fnInvokes(f) {
			if !index[v.key()] {
				index[v.key()] = true
				out = append(out, factInvoke{Iface: v.Iface, Method: v.Method})
			}
		}
	}
	slices.SortFunc(out, compareInvokes)
	return out
}

// exportedInvokes returns the interface method calls that the package
// makes on goroutines of its own, for its package fact: those of the
// functions a spawned context (not the caller context, nor a test's)
// runs, and those of a go statement (go h.Serve()), whoever runs it. Each
// is named by the first context, in source order, that makes it, and is
// multiple when some context that makes it is. Sorted by key.
func (ex *exporter) exportedInvokes() []factInvoke {
	if ex.globals.module.path == stdModule {
		return nil
	}
	type runner struct {
		c        *goContext
		multiple bool
	}
	// The first spawned context that runs each function; every context
	// adds each function it discovered once.
	by := map[*ssa.Function]*runner{}
	for _, c := range ex.ctxs.contexts {
		if c.kind == ctxCaller || c.kind == ctxTest || c.test || c.start != nil {
			continue
		}
		for f := range c.discovered {
			if r := by[f]; r != nil {
				r.multiple = r.multiple || c.multiple
			} else {
				by[f] = &runner{c, c.multiple}
			}
		}
	}
	index := map[string]int{}
	var out []factInvoke
	add := func(vs []factInvoke, name string, multiple bool) {
		for _, v := range vs {
			if i, ok := index[v.key()]; ok {
				out[i].Multiple = out[i].Multiple || multiple
				continue
			}
			index[v.key()] = len(out)
			out = append(out, factInvoke{Iface: v.Iface, Method: v.Method, Context: name, Multiple: multiple})
		}
	}
	for _, fn := range ex.prog.funcs {
		if isTestFile(ex.pass.Fset, fn.Pos()) {
			continue
		}
		r := by[fn]
		if r != nil {
			add(ex.fnInvokes(fn), r.c.name, r.multiple)
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if g, ok := instr.(*ssa.Go); ok {
					multiple := ex.ctxs.inLoop(g) || ex.graph.cyclic[fn] || r != nil && r.multiple
					add(ex.invokesOf(g), "goroutine started in "+funcName(topFunc(fn)), multiple)
				}
			}
		}
	}
	slices.SortFunc(out, compareInvokes)
	return out
}

// passedInvokes returns the calls of importedInvokes that this package's
// fact passes on: those of interfaces of its own module. go vet gives a
// package its direct imports' package facts only, so a chain of imports
// keeps the calls only if each link passes them on. None from std or a
// main package.
func passedInvokes(pass *analysis.Pass, mod moduleID) []factInvoke {
	if mod.path == stdModule || pass.Pkg.Name() == "main" {
		return nil
	}
	return slices.DeleteFunc(importedInvokes(pass), func(v factInvoke) bool {
		return !inModuleOf(mod, pass.Pkg.Path(), splitPath(v.Iface))
	})
}

// withPassed returns own, this package's calls, and the calls of passed
// whose methods own does not call, sorted by key.
func withPassed(own, passed []factInvoke) []factInvoke {
	if len(passed) == 0 {
		return own
	}
	out := slices.Clone(own)
	for _, v := range passed {
		if !slices.ContainsFunc(own, func(w factInvoke) bool { return w.key() == v.key() }) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, compareInvokes)
	return out
}

// exportPassedInvokes exports a package fact that only passes on the
// calls of passedInvokes, for a package that builds no SSA (mayMatter):
// without it a chain of imports through a package with nothing else to
// say would drop them.
func exportPassedInvokes(pass *analysis.Pass) {
	mod := passModule(pass)
	if passed := passedInvokes(pass, mod); len(passed) > 0 {
		pass.ExportPackageFact(&pkgFact{Module: mod.path, Version: mod.version, Invokes: passed})
	}
}
