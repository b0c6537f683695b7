package analyzer

import (
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A goContext is a place where code runs: the caller context, or a
// context spawned at a site (DESIGN §1 "goroutine context").
type goContext struct {
	kind       ctxKind
	entries    []*ssa.Function
	site       ssa.Instruction // spawn site; nil for the caller context and ServeHTTP
	pos        token.Pos       // position of the site (or of the ServeHTTP method)
	siteFn     *ssa.Function   // function containing site
	name       string
	multiple   bool
	configured bool           // started by a -spawners entry
	group      ssa.Value      // the WaitGroup or errgroup.Group it is started with
	start      *factStart     // for a context an imported function starts
	startPkg   *types.Package // the package of that function
	test       bool           // exists only because of _test.go files
	seq        int            // index in cs.contexts (source order): the order of messages
	// joinedBy is the one parent that starts this context and waits for
	// it before the starting function returns (markJoined): it runs only
	// within that call.
	joinedBy *goContext
	// joinCh is the channel (a value of siteFn, see joinChan) that the
	// goroutine sends on or closes as its last action: a receive on it
	// orders what follows after the goroutine (DESIGN §5 "Happens-before").
	joinCh ssa.Value
	// joinAtSite marks a context started by a call that returns only
	// once the goroutines it starts have finished (b.RunParallel): the
	// call is its join too.
	joinAtSite bool
	// once is set for a context started in a Once body: it starts once,
	// however many contexts run the body.
	once bool

	discovered map[*ssa.Function]bool   // every function it runs, setup included
	reached    map[*ssa.Function]bool   // functions it runs after its setup
	setup      map[ssa.Instruction]bool // entry instructions before its first spawn
	parents    map[*goContext]bool      // contexts that run the spawn site

	// kindText and nameFn are the two parts of name that facts carry
	// (factStart.Kind and Func): "goroutine started in" and the
	// function that starts it, "HTTP handler" and the handler. A name
	// is never cut back into them, which concatenated the names of
	// several frames when it did not end with the site's function.
	kindText string
	nameFn   *ssa.Function
}

// label names the context in messages (DESIGN §5 "Messages").
func (c *goContext) label() string { return c.name }

// A spawnSite is an instruction that starts target in a new context.
type spawnSite struct {
	instr      ssa.Instruction
	fn         *ssa.Function
	target     *ssa.Function
	extra      []*ssa.Function // more entries: other dispatch targets, func arguments of a go call
	kind       ctxKind
	configured bool
	start      *factStart     // a context an imported function starts
	startPkg   *types.Package // the package of that function

	// For a handler registered through a middleware
	// (mux.HandleFunc("/login", track(login))): the middleware, and
	// the functions it returns, which run before target.
	through *ssa.Function
	wrapper []*ssa.Function
}

// spawnsOf returns the spawn sites of instr, and the argument values that
// are run elsewhere or once (so that reach does not follow them).
func (cs *contextSet) spawnsOf(fn *ssa.Function, instr ssa.Instruction) (sites []spawnSite, skip []ssa.Value) {
	switch instr := instr.(type) {
	case *ssa.Go:
		skip = append(skip, instr.Call.Value)
		var targets []*ssa.Function
		if t := funcValue(instr.Call.Value); t != nil {
			targets = []*ssa.Function{t}
		} else if callee := staticCallee(&instr.Call); callee != nil {
			targets = []*ssa.Function{callee}
		} else {
			targets = cs.graph.callTargets(&instr.Call)
		}
		if len(targets) == 0 {
			return nil, skip
		}
		// A function handed to the goroutine (go run(func() { … })) runs
		// there, or later, never here.
		for _, arg := range instr.Call.Args {
			if f := funcValue(arg); f != nil && cs.prog.isSource[f] {
				skip = append(skip, arg)
				if !slices.Contains(targets, f) {
					targets = append(targets, f)
				}
			}
		}
		sites = append(sites, spawnSite{instr: instr, fn: fn, target: targets[0], extra: targets[1:], kind: ctxGoroutine})
		return sites, skip
	case *ssa.ChangeType:
		if isHandlerFunc(instr.Type()) {
			if t := funcValue(instr.X); t != nil {
				sites = append(sites, spawnSite{instr: instr, fn: fn, target: t, kind: ctxHandler})
				skip = append(skip, instr.X)
			}
		} else if isSinkFuncType(instr.Type()) {
			if t := funcValue(instr.X); t != nil {
				sites = append(sites, spawnSite{instr: instr, fn: fn, target: t, kind: ctxCallback})
				skip = append(skip, instr.X)
			}
		}
		return sites, skip
	case *ssa.Store:
		if cs.isSinkField(instr.Addr) {
			skip = append(skip, instr.Val)
			if t := funcValue(instr.Val); t != nil && cs.prog.isSource[t] {
				sites = append(sites, spawnSite{instr: instr, fn: fn, target: t, kind: ctxCallback})
			}
		}
		return sites, skip
	case *ssa.Call:
		call := &instr.Call
		obj := calleeObj(call)
		if obj == nil {
			return nil, nil
		}
		add := func(param int, kind ctxKind, configured bool) {
			k := argIndex(call, obj, param)
			if k >= len(call.Args) {
				return
			}
			skip = append(skip, call.Args[k])
			if t := funcValue(call.Args[k]); t != nil {
				sites = append(sites, spawnSite{instr: instr, fn: fn, target: t, kind: kind, configured: configured})
			}
		}
		if s, ok := matchSpec(obj, handlerRegistrations); ok {
			if k := argIndex(call, obj, s.arg); k < len(call.Args) {
				sites = append(sites, cs.middlewareSites(fn, instr, call.Args[k])...)
			}
		}
		if cs.feedsRegistration(instr) {
			// A middleware call whose result is registered: the
			// handlers it wraps run in the handler context
			// (middlewareSites), not here.
			for _, arg := range call.Args {
				if isHandlerFunc(arg.Type()) || isHandlerSig(arg.Type()) {
					skip = append(skip, arg)
				}
			}
		}
		for _, s := range cs.apis.spawnersOf(obj) {
			add(s.arg, s.kind, s.configured)
		}
		if s, ok := matchSpec(obj, onceFuncs); ok {
			k := argIndex(call, obj, s.arg)
			if k < len(call.Args) {
				skip = append(skip, call.Args[k])
			}
		}
		if callee := staticCallee(call); callee != nil {
			if ff := cs.imports.factOf(callee); ff != nil {
				for i := range ff.Starts {
					sites = append(sites, spawnSite{instr: instr, fn: fn, kind: ctxGoroutine, start: &ff.Starts[i], startPkg: cs.imports.factPkg[ff]})
				}
			}
			if sum := cs.flows.summaryOf(callee); sum != nil {
				for k := range sum.spawnsParam {
					if k < len(call.Args) {
						skip = append(skip, call.Args[k])
						if t := funcValue(call.Args[k]); t != nil && !slices.ContainsFunc(sites, func(s spawnSite) bool { return s.start == nil && s.target == t }) {
							// Not when a spawner already starts it here
							// (wg.Go, whose summary spawns it too).
							sites = append(sites, spawnSite{instr: instr, fn: fn, target: t, kind: ctxGoroutine})
						}
					}
				}
			}
		}
	}
	return sites, skip
}

// onceBody returns the source function that instr hands to sync.Once.Do,
// OnceFunc, OnceValue or OnceValues, or nil.
func (cs *contextSet) onceBody(instr ssa.Instruction) *ssa.Function {
	c, ok := instr.(*ssa.Call)
	if !ok {
		return nil
	}
	obj := calleeObj(&c.Call)
	s, ok := matchSpec(obj, onceFuncs)
	if !ok {
		return nil
	}
	if k := argIndex(&c.Call, obj, s.arg); k < len(c.Call.Args) {
		if t := funcValue(c.Call.Args[k]); t != nil && cs.prog.isSource[t] {
			return t
		}
	}
	return nil
}

// middlewareSites returns the handler sites of a registration whose
// handler h is made by a call of a middleware of this package,
// mux.HandleFunc("/login", track(login)): one site per handler-shaped
// function the middleware is given (through nested middleware calls,
// track(auth(login))), at the registration, running the functions the
// middlewares return and then the handler. A handler given as a
// function or conversion is left to the spawners and conversions.
func (cs *contextSet) middlewareSites(fn *ssa.Function, reg ssa.Instruction, h ssa.Value) []spawnSite {
	mw, ok := unwrapFunc(h).(*ssa.Call)
	if !ok {
		return nil
	}
	outer := staticCallee(&mw.Call)
	if outer == nil || !cs.prog.isSource[outer] {
		return nil
	}
	var handlers, returned []*ssa.Function
	// Nested calls are followed at most maxRefDepth deep, each once
	// (seen).
	seen := map[*ssa.Call]bool{}
	var walk func(c *ssa.Call, depth int)
	walk = func(c *ssa.Call, depth int) {
		m := staticCallee(&c.Call)
		if m == nil || !cs.prog.isSource[m] || depth > maxRefDepth || seen[c] {
			return
		}
		seen[c] = true
		for _, r := range returnedFuncs(m) {
			if cs.prog.isSource[r] && !slices.Contains(returned, r) {
				returned = append(returned, r)
			}
		}
		for _, arg := range c.Call.Args {
			if inner, ok := unwrapFunc(arg).(*ssa.Call); ok {
				walk(inner, depth+1)
				continue
			}
			if t := funcValue(arg); t != nil && cs.prog.isSource[t] && (isHandlerFunc(arg.Type()) || isHandlerSig(arg.Type())) && !slices.Contains(handlers, t) {
				handlers = append(handlers, t)
			}
		}
	}
	walk(mw, 0)
	var sites []spawnSite
	for _, t := range handlers {
		sites = append(sites, spawnSite{instr: reg, fn: fn, target: t, kind: ctxHandler, through: outer, wrapper: returned})
	}
	return sites
}

// feedsRegistration reports whether the value of the call instr, a call
// of a function of this package (a middleware), is registered as an HTTP
// handler: passed, as it is or converted, to a registration or to
// another middleware call whose value is. Each value is visited once
// (seen), and at most maxRefDepth conversions and calls deep.
func (cs *contextSet) feedsRegistration(instr ssa.Instruction) bool {
	c, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	if m := staticCallee(&c.Call); m == nil || !cs.prog.isSource[m] {
		return false
	}
	seen := map[ssa.Value]bool{}
	var feeds func(v ssa.Value, depth int) bool
	feeds = func(v ssa.Value, depth int) bool {
		if seen[v] || depth > maxRefDepth || v.Referrers() == nil {
			return false
		}
		seen[v] = true
		for _, r := range *v.Referrers() {
			switch r := r.(type) {
			case *ssa.ChangeType, *ssa.MakeInterface, *ssa.Convert:
				if feeds(r.(ssa.Value), depth+1) {
					return true
				}
			case *ssa.Call:
				obj := calleeObj(&r.Call)
				if s, ok := matchSpec(obj, handlerRegistrations); ok {
					if k := argIndex(&r.Call, obj, s.arg); k < len(r.Call.Args) && r.Call.Args[k] == v {
						return true
					}
				}
				if m := staticCallee(&r.Call); m != nil && cs.prog.isSource[m] && slices.Contains(r.Call.Args, v) && feeds(r, depth+1) {
					return true
				}
			}
		}
		return false
	}
	return feeds(c, 0)
}

// returnedFuncs returns the functions that fn returns as values.
func returnedFuncs(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, r := range ret.Results {
			if t := funcValue(r); t != nil && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// isFuncWrapper reports whether v makes a function value out of another:
// a closure, or a conversion of a function value. Whether the function
// runs here is decided where the value is used.
func isFuncWrapper(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.MakeClosure, *ssa.MakeInterface, *ssa.ChangeType, *ssa.Convert:
		return funcValue(v) != nil
	}
	return false
}

// viaHandlerFunc reports whether the function value v was made by a
// conversion to http.HandlerFunc or to a callback sink's func type
// (expvar.Func), which registers a context instead of running the
// function here.
func viaHandlerFunc(v ssa.Value) bool {
	_, found := stripConversions(v, func(t types.Type) bool { return isHandlerFunc(t) || isSinkFuncType(t) })
	return found
}

// An edge of the reach graph: instr in the caller runs to.
type edge struct {
	instr ssa.Instruction
	to    *ssa.Function
}

// computeEdges records, per source function, its spawn sites and the
// functions it runs synchronously: static callees, closures called in
// place or deferred, and function values passed or stored (SSA resolves
// them; they may run on this goroutine). Values run elsewhere or once
// are not edges.
func (cs *contextSet) computeEdges() {
	cs.edges = map[*ssa.Function][]edge{}
	cs.onceEdges = map[*ssa.Function][]edge{}
	cs.sites = map[*ssa.Function][]spawnSite{}
	for _, fn := range cs.prog.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				sites, skip := cs.spawnsOf(fn, instr)
				cs.sites[fn] = append(cs.sites[fn], sites...)
				if body := cs.onceBody(instr); body != nil {
					cs.onceEdges[fn] = append(cs.onceEdges[fn], edge{instr, body})
				}
				if v, ok := instr.(ssa.Value); ok && isFuncWrapper(v) {
					continue // its uses decide
				}
				if c, ok := instr.(ssa.CallInstruction); ok && !cs.graph.foreignCalls[instr] {
					if _, isGo := instr.(*ssa.Go); !isGo {
						for _, t := range cs.graph.callTargets(c.Common()) {
							cs.edges[fn] = append(cs.edges[fn], edge{instr, t})
						}
					}
				}
				var rands []*ssa.Value
				for _, rand := range instr.Operands(rands) {
					if *rand == nil || slices.Contains(skip, *rand) {
						continue
					}
					if t := funcValue(*rand); t != nil && cs.prog.isSource[t] && !viaHandlerFunc(*rand) {
						cs.edges[fn] = append(cs.edges[fn], edge{instr, t})
					}
				}
			}
		}
	}
}

// buildContexts is stage 5: it finds every context of the package, what
// each reaches, and which are multiple.
func buildContexts(pass *analysis.Pass, cfg *Config, k *apis, prog *program, globals *globalTable, cg *callGraph, lf *lockFlow, imports *factImporter) *contextSet {
	cs := &contextSet{pass: pass, cfg: cfg, apis: k, prog: prog, globals: globals, graph: cg, flows: lf, imports: imports}
	cs.spawnMemo = map[*ssa.Function]bool{}
	cs.findContexts()
	return cs
}

// findContexts fills cs: the reach edges and spawn sites, the contexts,
// and their parents, tests, joins and multiplicity.
func (cs *contextSet) findContexts() {
	cs.computeEdges()
	isMain := cs.prog.pkg.Pkg.Name() == "main"

	caller := &goContext{kind: ctxCaller, name: "callers of exported functions"}
	if isMain {
		caller.name = "main"
		if f := cs.prog.pkg.Func("main"); f != nil {
			caller.entries = []*ssa.Function{f}
		}
	} else {
		caller.multiple = cs.cfg.Exported
		for _, fn := range cs.prog.funcs {
			if isExportedFunc(fn) && !isTestFile(cs.pass.Fset, fn.Pos()) {
				caller.entries = append(caller.entries, fn)
			}
		}
	}
	initCtx := &goContext{kind: ctxInit, name: "package initialisation"}
	if f := cs.prog.pkg.Func("init"); f != nil {
		initCtx.entries = []*ssa.Function{f}
	}
	cs.contexts = []*goContext{caller}
	for _, fn := range cs.callbackMethods() {
		cs.contexts = append(cs.contexts, &goContext{
			kind: ctxCallback, entries: []*ssa.Function{fn}, pos: fn.Pos(), siteFn: fn,
			name: "callback " + funcName(fn), kindText: "callback", nameFn: fn, multiple: true,
		})
	}
	for _, m := range cs.invokedMethods() {
		fn := m.fn
		if isServeHTTP(funcObj(fn)) || slices.ContainsFunc(cs.contexts, func(c *goContext) bool { return c.kind == ctxCallback && c.entries[0] == fn }) {
			continue // an HTTP handler, or a callback already
		}
		cs.contexts = append(cs.contexts, &goContext{
			kind: ctxCallback, entries: []*ssa.Function{fn}, pos: fn.Pos(), siteFn: fn,
			name:     "callback " + funcName(fn) + " (called on goroutines of " + m.src.Name + ")",
			kindText: "callback", nameFn: fn, multiple: m.src.Multiple,
		})
	}
	for _, fn := range cs.prog.funcs {
		if isServeHTTP(funcObj(fn)) && !isTestFile(cs.pass.Fset, fn.Pos()) {
			cs.contexts = append(cs.contexts, &goContext{
				kind: ctxHandler, entries: []*ssa.Function{fn}, pos: fn.Pos(), siteFn: fn,
				name: "HTTP handler " + funcName(fn), kindText: "HTTP handler", nameFn: fn, multiple: true,
			})
		}
	}
	for _, fn := range cs.prog.funcs {
		for _, s := range cs.sites[fn] {
			c := &goContext{
				kind: s.kind, site: s.instr,
				pos: sitePos(s.instr), siteFn: fn, configured: s.configured,
			}
			if s.start != nil {
				c.start = s.start
				c.startPkg = s.startPkg
				c.multiple = s.start.Multiple
				c.name = s.start.Kind + " " + cs.globals.show(s.start.Func)
				c.kindText = s.start.Kind
			} else {
				c.entries = slices.Concat([]*ssa.Function{s.target}, s.extra, s.wrapper)
				c.group = groupOf(s)
				c.name, c.kindText, c.nameFn = contextName(s)
			}
			cs.contexts = append(cs.contexts, c)
		}
	}
	// A conversion to http.HandlerFunc of a function that a middleware
	// wraps, or returns, at a registration is that registration's
	// handler context, named and placed there (middlewareSites).
	through := map[*ssa.Function]bool{}
	for _, fn := range cs.prog.funcs {
		for _, s := range cs.sites[fn] {
			if s.through != nil {
				through[s.target] = true
				for _, w := range s.wrapper {
					through[w] = true
				}
			}
		}
	}
	cs.contexts = slices.DeleteFunc(cs.contexts, func(c *goContext) bool {
		_, conv := c.site.(*ssa.ChangeType)
		return conv && c.kind == ctxHandler && through[c.entries[0]]
	})
	for _, fn := range cs.prog.funcs {
		if name, ok := testEntry(fn); ok && isTestFile(cs.pass.Fset, fn.Pos()) {
			cs.contexts = append(cs.contexts, &goContext{
				kind: ctxTest, entries: []*ssa.Function{fn}, pos: fn.Pos(), siteFn: fn,
				name: "test " + name, kindText: "test", nameFn: fn, multiple: callsParallel(fn), test: true,
			})
		}
	}
	all := append([]*goContext{initCtx}, cs.contexts...)
	for _, c := range all {
		c.discovered = cs.reach(c.entries, nil, cs.production(c))
	}
	// A spawned context is real when some real context runs its site.
	// One instruction may start several contexts (two func arguments,
	// the starts of an imported function's fact).
	bySite := map[ssa.Instruction][]*goContext{}
	for _, c := range cs.contexts {
		if c.site != nil {
			bySite[c.site] = append(bySite[c.site], c)
			c.parents = map[*goContext]bool{}
		}
	}
	// A site in a Once body runs once, whichever context runs the body
	// first (DESIGN §5 "Initialisation"); the site is once when no
	// context reaches it other than through a Once body.
	viaOnce := map[*goContext]bool{}
	direct := map[*goContext][]*goContext{} // the parents that run the site outside a Once body
	for _, p := range all {
		for fn := range p.discovered {
			for _, s := range cs.sites[fn] {
				for _, c := range bySite[s.instr] {
					c.parents[p] = true
					direct[c] = append(direct[c], p)
				}
			}
		}
		for fn := range cs.onceReach(p.discovered) {
			for _, s := range cs.sites[fn] {
				for _, c := range bySite[s.instr] {
					c.parents[p] = true
					viaOnce[c] = true
				}
			}
		}
	}
	cs.contexts = dropUnreal(cs.contexts)
	for c := range viaOnce {
		// once unless a real parent runs the site outside a Once body
		c.once = !slices.ContainsFunc(direct[c], func(p *goContext) bool { return c.parents[p] })
	}
	for i, c := range cs.contexts {
		c.seq = i + 1 // package initialisation keeps 0
	}
	cs.markTest()
	cs.markMultiple()
	cs.markJoined()
	for _, c := range cs.contexts {
		// The caller context of a library is not a context that runs
		// once: its entries can be called again while goroutines they
		// started still run (DESIGN §5 "Happens-before").
		if !c.multiple && len(c.entries) == 1 && (c.kind != ctxCaller || isMain) {
			c.setup = cs.setupInstrs(c.entries[0], 0)
		}
		c.reached = cs.reach(c.entries, c.setup, cs.production(c))
	}
}

// dropUnreal removes the spawned contexts that no real context starts,
// and removes them from the parents of the others: a context whose
// every parent is unreal is unreal too (a site reached only from the
// body of a goroutine that is never started). Each round removes at
// least one context, so it ends after at most len(cs) rounds.
func dropUnreal(cs []*goContext) []*goContext {
	for {
		dead := map[*goContext]bool{}
		for _, c := range cs {
			if c.site != nil && len(c.parents) == 0 {
				dead[c] = true
			}
		}
		if len(dead) == 0 {
			return cs
		}
		cs = slices.DeleteFunc(cs, func(c *goContext) bool { return dead[c] })
		for _, c := range cs {
			for p := range c.parents {
				if dead[p] {
					delete(c.parents, p)
				}
			}
		}
	}
}

// markTest marks the contexts that exist only because of test files:
// started in a test file, or only by test contexts (DESIGN §5 "Test
// files").
func (cs *contextSet) markTest() {
	for _, c := range cs.contexts {
		if c.site != nil && isTestFile(cs.pass.Fset, c.pos) {
			c.test = true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, c := range cs.contexts {
			if c.test || c.site == nil || len(c.parents) == 0 {
				continue
			}
			onlyTests := true
			for p := range c.parents {
				if !p.test {
					onlyTests = false
				}
			}
			if onlyTests {
				c.test, changed = true, true
			}
		}
	}
}

// markJoined marks the contexts that their one parent starts and joins
// before the starting function returns (DESIGN §5 "Happens-before" and
// "Test files"): on every path from the site to a return of its
// function lies a Wait on the WaitGroup or errgroup that starts it, or
// a receive on the channel that the goroutine sends on or closes as its
// last action (joinedBefore). Such a context runs only within that call
// of its parent's. A site in a test function's own code (the function,
// or a subtest it runs in place) is joined by that test, which must be
// its one parent.
func (cs *contextSet) markJoined() {
	tests := map[*ssa.Function]*goContext{}
	for _, c := range cs.contexts {
		if c.kind == ctxTest {
			tests[c.entries[0]] = c
		}
	}
	for _, c := range cs.contexts {
		if c.site != nil && len(c.entries) > 0 {
			c.joinCh = joinChan(c.site, c.entries[0])
		}
		c.joinAtSite = c.site != nil && isParallelStart(c.site)
		p := cs.joiner(c)
		if p == nil {
			continue
		}
		if t := cs.testOf(c.siteFn, tests); t != nil && t != p {
			continue
		}
		switch {
		case c.joinAtSite:
			c.joinedBy = p
		case c.group != nil:
			if joinedBefore(c.site, func(instr ssa.Instruction) bool { return isWaitOn(instr, c.group) }) {
				c.joinedBy = p
			}
		case c.joinCh != nil:
			if joinedBefore(c.site, func(instr ssa.Instruction) bool { return receives(instr, c.joinCh) }) {
				c.joinedBy = p
			}
		}
	}
}

// joiner returns the parent whose run would bound c's if c is joined:
// its one parent, leaving out package initialisation when the site is
// not in an init function (initialisation reaches the functions it
// stores, a command table, which it does not run) and, for a site
// outside test files, the tests that run it too (they never judge code
// outside test files, and what a test joins meets no other test). Nil
// when not exactly one remains, or when it is c itself.
func (cs *contextSet) joiner(c *goContext) *goContext {
	if c.site == nil {
		return nil
	}
	inTest := isTestFile(cs.pass.Fset, c.pos)
	var p *goContext
	for q := range c.parents {
		if q.kind == ctxInit && !isInitFunc(topFunc(c.siteFn)) || q.test && !inTest && len(c.parents) > 1 {
			continue
		}
		if p != nil {
			return nil
		}
		p = q
	}
	if p == c {
		return nil
	}
	return p
}

// testOf returns the context of the test function whose own code fn
// is: the test function, or a closure it runs as a subtest (t.Run,
// b.Run) that does not call t.Parallel, at any depth: a subtest runs
// while its parent waits. Each step goes to the function that encloses
// the subtest's closure, so the walk is at most the nesting depth.
func (cs *contextSet) testOf(fn *ssa.Function, tests map[*ssa.Function]*goContext) *goContext {
	for fn != nil {
		if t := tests[fn]; t != nil {
			return t
		}
		fn = cs.subtestParent(fn)
	}
	return nil
}

// subtestParent returns the function that runs fn as a sequential
// subtest: every use of fn is as the func argument of (*testing.T).Run or
// (*testing.B).Run in that one function, and fn does not call Parallel.
// Otherwise nil.
func (cs *contextSet) subtestParent(fn *ssa.Function) *ssa.Function {
	if fn.Parent() == nil || callsParallel(fn) {
		return nil
	}
	var parent *ssa.Function
	for _, u := range cs.graph.uses[fn] {
		if u.kind != useCallback || !isSubtestRun(u.helper) {
			return nil
		}
		p := u.instr.Parent()
		if parent != nil && p != parent {
			return nil
		}
		parent = p
	}
	if parent == fn {
		return nil
	}
	return parent
}

// isSubtestRun reports whether fn is (*testing.T).Run or (*testing.B).Run.
func isSubtestRun(fn *ssa.Function) bool {
	if fn == nil {
		return false // an interface method or a func value
	}
	obj := funcObj(fn)
	if obj == nil || obj.Pkg() == nil || obj.Pkg().Path() != "testing" || obj.Name() != "Run" {
		return false
	}
	recv := obj.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type().String()
	return t == "*testing.T" || t == "*testing.B"
}

// isWaitOn reports whether instr is a Wait on group.
func isWaitOn(instr ssa.Instruction, group ssa.Value) bool {
	c, ok := instr.(*ssa.Call)
	if !ok || len(c.Call.Args) == 0 {
		return false
	}
	_, ok = matchSpec(calleeObj(&c.Call), waitSpecs)
	return ok && sameGroup(c.Call.Args[0], group)
}

// joinedBefore reports whether every path from site to a return of its
// function passes an instruction that joins (isJoin) after site. It
// visits each block once.
func joinedBefore(site ssa.Instruction, isJoin func(ssa.Instruction) bool) bool {
	// The rest of the site's own block first.
	b := site.Block()
	i := slices.Index(b.Instrs, site)
	for _, instr := range b.Instrs[i+1:] {
		if isJoin(instr) {
			return true
		}
	}
	seen := map[*ssa.BasicBlock]bool{}
	work := slices.Clone(b.Succs)
	if len(b.Succs) == 0 {
		return false // returns (or panics) in the site's block
	}
	for len(work) > 0 {
		b := work[len(work)-1]
		work = work[:len(work)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if slices.ContainsFunc(b.Instrs, isJoin) {
			continue // joined on this path
		}
		if len(b.Succs) == 0 {
			return false // a return without a join
		}
		work = append(work, b.Succs...)
	}
	return true
}

// testEntry returns the name of fn if it is a Test, Benchmark or Fuzz
// function.
func testEntry(fn *ssa.Function) (string, bool) {
	obj := funcObj(fn)
	if obj == nil || fn.Parent() != nil || obj.Signature().Recv() != nil {
		return "", false
	}
	name := obj.Name()
	for _, prefix := range []string{"Test", "Benchmark", "Fuzz"} {
		if strings.HasPrefix(name, prefix) && obj.Signature().Params().Len() == 1 {
			t := obj.Signature().Params().At(0).Type().String()
			if strings.HasPrefix(t, "*testing.") {
				return name, true
			}
		}
	}
	return "", false
}

// isParallelStart reports whether instr calls one of parallelStarts.
func isParallelStart(instr ssa.Instruction) bool {
	call, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	_, ok = matchSpec(calleeObj(&call.Call), parallelStarts)
	return ok
}

// callsParallel reports whether the test function fn, or a closure in it,
// calls t.Parallel. A benchmark that calls b.RunParallel runs beside no
// other test: the body it passes runs on goroutines of their own, which
// RunParallel waits for (isParallelStart).
func callsParallel(fn *ssa.Function) bool {
	for _, f := range append([]*ssa.Function{fn}, fn.AnonFuncs...) {
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				c, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				obj := calleeObj(c.Common())
				if obj != nil && obj.Pkg() != nil && obj.Pkg().Path() == "testing" && obj.Name() == "Parallel" {
					return true
				}
			}
		}
	}
	return false
}

// markMultiple computes which contexts run concurrently with themselves
// (DESIGN §5 "Multiple"). Test files never make a global shared, nor
// judge code outside them: a context that production code starts is
// multiple only through its production parents, however many tests
// start it.
func (cs *contextSet) markMultiple() {
	counts := func(c, p *goContext) bool { return c.test || !p.test }
	for _, c := range cs.contexts {
		if c.site == nil {
			continue
		}
		if c.kind == ctxFinalizer || c.kind == ctxCleanup {
			continue // the runtime runs them one at a time (DESIGN §5)
		}
		n := 0
		for p := range c.parents {
			if counts(c, p) {
				n++
			}
		}
		if c.kind == ctxHandler || c.kind == ctxCallback || c.configured || isParallelStart(c.site) || cs.inLoop(c.site) || cs.graph.cyclic[c.siteFn] || (n >= 2 && !c.once) {
			c.multiple = true
		}
	}
	// A context started by a multiple one is multiple: propagate along
	// the parent edges, each context queued once, when it becomes
	// multiple, so the work is linear in the edges.
	children := map[*goContext][]*goContext{}
	for _, c := range cs.contexts {
		for p := range c.parents {
			children[p] = append(children[p], c)
		}
	}
	var work []*goContext
	for _, c := range cs.contexts {
		if c.multiple {
			work = append(work, c)
		}
	}
	for len(work) > 0 {
		p := work[len(work)-1]
		work = work[:len(work)-1]
		for _, c := range children[p] {
			if c.multiple || c.site == nil || c.once || c.kind == ctxFinalizer || c.kind == ctxCleanup || !counts(c, p) {
				continue
			}
			c.multiple = true
			work = append(work, c)
		}
	}
}

// reach returns the source functions run from entries, not following
// edges from the setup instructions. With restricted (a context of code
// outside test files, production) it does not follow test code back
// into code outside test files: a production context runs a test's
// callback or a test type's method only because a test made it, and
// what that test code calls is the test's doing, which never judges
// code outside test files (DESIGN §5 "Test files"). The test code
// itself, and the test helpers it calls, are reached: a race between
// such a callback and its test is reported in the test file. A function
// without a position (a wrapper) keeps the state of its caller. Each
// function is queued at most once per state (seen): linear in the call
// graph, once per context.
func (cs *contextSet) reach(entries []*ssa.Function, setup map[ssa.Instruction]bool, restricted bool) map[*ssa.Function]bool {
	type item struct {
		fn     *ssa.Function
		inTest bool // reached through test code from a production context
	}
	seen := map[item]bool{}
	out := map[*ssa.Function]bool{}
	var work []item
	push := func(it item) {
		if !seen[it] && !seen[item{it.fn, false}] {
			seen[it], out[it.fn] = true, true
			work = append(work, it)
		}
	}
	for _, e := range entries {
		push(item{e, restricted && cs.inTestFile(e)})
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		for _, e := range cs.edges[it.fn] {
			if setup[e.instr] {
				continue
			}
			next := item{e.to, it.inTest}
			if restricted && e.to.Pos().IsValid() {
				if cs.inTestFile(e.to) {
					next.inTest = true
				} else if it.inTest {
					continue // test code calling back into production code
				}
			}
			push(next)
		}
	}
	return out
}

// production reports whether c is a context of code outside test files:
// its site is outside them or, for a context without a site, one of its
// entries is. Its reach does not run test code back into production
// code (reach).
func (cs *contextSet) production(c *goContext) bool {
	if c.kind == ctxTest {
		return false
	}
	if c.site != nil {
		return !isTestFile(cs.pass.Fset, c.pos)
	}
	return len(c.entries) == 0 || slices.ContainsFunc(c.entries, func(fn *ssa.Function) bool { return !cs.inTestFile(fn) })
}

// inTestFile reports whether fn is declared in a _test.go file.
func (cs *contextSet) inTestFile(fn *ssa.Function) bool {
	return isTestFile(cs.pass.Fset, fn.Pos())
}

// onceReach returns the source functions run through the Once bodies
// that the functions of from start, and not in from: the bodies, and
// what they run. Each function is queued once (seen).
func (cs *contextSet) onceReach(from map[*ssa.Function]bool) map[*ssa.Function]bool {
	seen := map[*ssa.Function]bool{}
	var work []*ssa.Function
	push := func(f *ssa.Function) {
		if !from[f] && !seen[f] {
			seen[f] = true
			work = append(work, f)
		}
	}
	for fn := range from {
		for _, e := range cs.onceEdges[fn] {
			push(e.to)
		}
	}
	for len(work) > 0 {
		fn := work[len(work)-1]
		work = work[:len(work)-1]
		for _, e := range slices.Concat(cs.edges[fn], cs.onceEdges[fn]) {
			push(e.to)
		}
	}
	return seen
}

// setupInstrs returns the instructions of fn that on every path precede
// its first spawn: a spawn site, or a call of a function that spawns
// (DESIGN §5 "Happens-before"). Each block is marked once (after); the
// recursion into the first spawning call goes at most maxSetupDepth
// deep, into a callee with one call site and no cycle.
func (cs *contextSet) setupInstrs(fn *ssa.Function, depth int) map[ssa.Instruction]bool {
	spawning := map[ssa.Instruction]bool{}
	for _, s := range cs.sites[fn] {
		spawning[s.instr] = true
	}
	for _, e := range slices.Concat(cs.edges[fn], cs.onceEdges[fn]) {
		if cs.spawnsTransitively(e.to) {
			spawning[e.instr] = true
		}
	}
	if len(spawning) == 0 {
		return nil // nothing is started: no instruction precedes a spawn
	}
	// after holds the blocks entered after some spawn.
	// A path that calls a function that never returns (os.Exit,
	// t.Fatal) ends there: what its successors hold in SSA never runs
	// after it.
	after := map[*ssa.BasicBlock]bool{}
	var mark func(b *ssa.BasicBlock)
	mark = func(b *ssa.BasicBlock) {
		for _, s := range b.Succs {
			if !after[s] {
				after[s] = true
				if !slices.ContainsFunc(s.Instrs, neverReturns) {
					mark(s)
				}
			}
		}
	}
	for instr := range spawning {
		b := instr.Block()
		if i := slices.Index(b.Instrs, instr); !slices.ContainsFunc(b.Instrs[i+1:], neverReturns) {
			mark(b)
		}
	}
	setup := map[ssa.Instruction]bool{}
	for _, b := range fn.Blocks {
		if after[b] {
			continue
		}
		for _, instr := range b.Instrs {
			if spawning[instr] {
				// The first spawning call runs once too: a function
				// called only here sets up before it spawns (main
				// calling run).
				if depth < maxSetupDepth {
					for _, e := range cs.edges[fn] {
						if e.instr == instr && distinctInstrs(cs.graph.uses[e.to]) == 1 && !cs.graph.cyclic[e.to] {
							maps.Copy(setup, cs.setupInstrs(e.to, depth+1))
						}
					}
				}
				break
			}
			setup[instr] = true
		}
	}
	return setup
}

// neverReturns reports whether instr calls a function that does not
// return to its caller: it exits the process or the goroutine, or fails
// or skips a test.
func neverReturns(instr ssa.Instruction) bool {
	c, ok := instr.(*ssa.Call)
	if !ok {
		return false
	}
	_, ok = matchSpec(calleeObj(&c.Call), noReturnSpecs)
	return ok
}

// maxSetupDepth bounds how deep setupInstrs follows the first spawning
// call.
const maxSetupDepth = 4

// spawnsTransitively reports whether fn, or a function it runs, has a
// spawn site. Memoised in spawnMemo (set before the callees are visited,
// so cycles end): each function's edges are followed once.
func (cs *contextSet) spawnsTransitively(fn *ssa.Function) bool {
	if v, ok := cs.spawnMemo[fn]; ok {
		return v
	}
	cs.spawnMemo[fn] = false // cycles: assume not while computing
	r := len(cs.sites[fn]) > 0
	for _, e := range slices.Concat(cs.edges[fn], cs.onceEdges[fn]) {
		if r {
			break
		}
		r = cs.spawnsTransitively(e.to)
	}
	cs.spawnMemo[fn] = r
	return r
}

// inLoop reports whether instr's block is in a cycle of its CFG. The
// blocks in cycles are found once per function (loopBlocks), so asking
// for every spawn site costs linear time in the function, not in
// sites × blocks.
func (cs *contextSet) inLoop(instr ssa.Instruction) bool {
	fn := instr.Parent()
	loops, ok := cs.loops[fn]
	if !ok {
		loops = loopBlocks(fn)
		if cs.loops == nil {
			cs.loops = map[*ssa.Function][]bool{}
		}
		cs.loops[fn] = loops
	}
	return loops[instr.Block().Index]
}

// loopBlocks returns, by block index, whether each block of fn lies on a
// cycle of its CFG: in a strongly connected component of several blocks,
// or a block that is its own successor.
func loopBlocks(fn *ssa.Function) []bool {
	loops := make([]bool, len(fn.Blocks))
	succs := func(b *ssa.BasicBlock) []*ssa.BasicBlock { return b.Succs }
	for _, scc := range sccs(fn.Blocks, succs) {
		for _, b := range scc {
			loops[b.Index] = len(scc) > 1 || slices.Contains(b.Succs, b)
		}
	}
	return loops
}

// contextName names the context started at s (DESIGN §5 "Messages"):
// its name, and the two parts of it that facts carry, the kind and the
// function that names it. A handler is named by its function, or by where
// its func literal is; one registered through a middleware by the
// function the middleware wraps ("HTTP handler login (through track)").
func contextName(s spawnSite) (name, kind string, fn *ssa.Function) {
	where := topFunc(s.fn)
	switch s.kind {
	case ctxHandler:
		if s.target.Parent() != nil {
			kind, fn = "HTTP handler func literal in", where
			break
		}
		kind, fn = "HTTP handler", s.target
		if s.through != nil {
			return kind + " " + funcName(fn) + " (through " + funcName(s.through) + ")", kind, fn
		}
	case ctxTimer:
		kind, fn = "timer callback in", where
	case ctxCallback:
		kind, fn = "callback registered in", where
	case ctxFinalizer:
		kind, fn = "finalizer set in", where
	case ctxCleanup:
		kind, fn = "cleanup added in", where
	default:
		kind, fn = "goroutine started in", where
	}
	return kind + " " + funcName(fn), kind, fn
}

// contextSet is the product of stage 5 (buildContexts). It keeps the
// earlier products its queries read (reach, inLoop, subtestParent).
type contextSet struct {
	pass    *analysis.Pass
	cfg     *Config
	apis    *apis
	prog    *program
	globals *globalTable
	graph   *callGraph
	flows   *lockFlow
	imports *factImporter

	edges     map[*ssa.Function][]edge
	onceEdges map[*ssa.Function][]edge // to the bodies of sync.Once and OnceFunc/Value(s) calls
	sites     map[*ssa.Function][]spawnSite
	spawnMemo map[*ssa.Function]bool   // lazy: spawnsTransitively
	loops     map[*ssa.Function][]bool // lazy: blocks in CFG cycles, by function; see inLoop
	contexts  []*goContext             // caller context first, then by site
}
