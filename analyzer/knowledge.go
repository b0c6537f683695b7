package analyzer

import (
	"go/types"
	"slices"
	"strings"
)

// This file is chanown's knowledge of Go APIs, in one place: what the
// standard library and a few widely used modules do with the functions,
// values and locks they are given (spawners, callback sinks, Once, Wait,
// lock methods, self-synchronised types, net/http, testing), plus what
// the user adds with flags (apis). Every stage asks here: the prefilter
// on syntax and types, the later stages on SSA through small adapters
// (calleeObj, funcObj). Predicates take go/types values, never SSA.

// apis is the knowledge of one analyzer: the built-in tables of this
// file plus what its configuration adds.
type apis struct {
	spawners       []spawnerSpec   // the spawners flag
	callbacks      []spawnerSpec   // the functions of the callbacks flag
	callbackFields []callbackField // the fields of the callbacks flag
	selfSync       map[string]bool // the selfsync flag, "path.Name"
}

// newAPIs converts the flag settings of cfg, validated when set, into
// lookup structures.
func newAPIs(cfg *Config) *apis {
	k := &apis{selfSync: map[string]bool{}}
	for _, s := range cfg.Spawners {
		k.spawners = append(k.spawners, spawnerSpec{pkg: s.Pkg, recv: s.Recv, name: s.Name, arg: s.ArgIndex, kind: ctxGoroutine})
	}
	for _, cb := range cfg.Callbacks {
		sp, field, _ := splitCallback(cb)
		if sp != nil {
			k.callbacks = append(k.callbacks, spawnerSpec{pkg: sp.Pkg, recv: sp.Recv, name: sp.Name, arg: sp.ArgIndex, kind: ctxCallback})
		}
		if field != nil {
			k.callbackFields = append(k.callbackFields, *field)
		}
	}
	for _, t := range cfg.SelfSync {
		k.selfSync[t] = true
	}
	return k
}

// Spawners (DESIGN §1 "goroutine context").

// ctxKind is the kind of a goroutine context.
type ctxKind int

const (
	ctxCaller    ctxKind = iota // main, or callers of exported functions
	ctxInit                     // package initialisation (not a sharing context)
	ctxGoroutine                // go statement, wg.Go, errgroup, -spawners
	ctxHandler                  // net/http handler
	ctxTimer                    // time.AfterFunc, context.AfterFunc
	ctxFinalizer                // runtime.SetFinalizer
	ctxCleanup                  // runtime.AddCleanup
	ctxTest                     // a Test, Benchmark or Fuzz function
	ctxCallback                 // a function a library keeps and calls on its own goroutines
)

// spawnerSpec describes a function that runs its argument elsewhere.
type spawnerSpec struct {
	pkg, recv, name string
	arg             int
	kind            ctxKind
}

// builtinSpawners lists the spawn functions of DESIGN §1.
var builtinSpawners = []spawnerSpec{
	{"time", "", "AfterFunc", 1, ctxTimer},
	{"context", "", "AfterFunc", 1, ctxTimer},
	{"sync", "WaitGroup", "Go", 0, ctxGoroutine},
	{"golang.org/x/sync/errgroup", "Group", "Go", 0, ctxGoroutine},
	{"golang.org/x/sync/errgroup", "Group", "TryGo", 0, ctxGoroutine},
	{"runtime", "", "SetFinalizer", 1, ctxFinalizer},
	{"runtime", "", "AddCleanup", 1, ctxCleanup},
	{"net/http", "", "HandleFunc", 1, ctxHandler},
	{"net/http", "ServeMux", "HandleFunc", 1, ctxHandler},
	// Callback sinks: libraries that keep a function and call it later
	// on goroutines of their own.
	{"github.com/prometheus/client_golang/prometheus", "", "NewGaugeFunc", 1, ctxCallback},
	{"github.com/prometheus/client_golang/prometheus", "", "NewCounterFunc", 1, ctxCallback},
	{"github.com/prometheus/client_golang/prometheus", "", "NewUntypedFunc", 1, ctxCallback},
}

// parallelStarts are the functions that run their func argument on
// several goroutines at once and return once all of them have finished
// (b.RunParallel): the call starts a multiple context and joins it.
var parallelStarts = []spawnerSpec{
	{"testing", "B", "RunParallel", 0, ctxGoroutine},
}

// A spawnerMatch is a spawner that a function is, and whether the user
// configured it.
type spawnerMatch struct {
	spawnerSpec
	configured bool
}

// spawnersOf returns the spawners fn is: the built-in one first, then
// those of the spawners flag (goroutines) and of the callbacks flag
// (callbacks). A function both built in and configured is each.
func (k *apis) spawnersOf(fn *types.Func) []spawnerMatch {
	var out []spawnerMatch
	if s, ok := matchSpec(fn, builtinSpawners); ok {
		out = append(out, spawnerMatch{s, false})
	}
	if s, ok := matchSpec(fn, k.spawners); ok {
		out = append(out, spawnerMatch{s, true})
	}
	if s, ok := matchSpec(fn, k.callbacks); ok {
		out = append(out, spawnerMatch{s, true})
	}
	return out
}

// runsLater reports whether fn keeps a function argument to run it
// elsewhere or once: a spawner or a Once function. Any other function
// chanown knows nothing of runs its function arguments in place.
func (k *apis) runsLater(fn *types.Func) bool {
	_, once := matchSpec(fn, onceFuncs)
	return once || len(k.spawnersOf(fn)) > 0
}

// matchSpec returns the spec in specs that fn matches, if any.
func matchSpec(fn *types.Func, specs []spawnerSpec) (spawnerSpec, bool) {
	if fn == nil || fn.Pkg() == nil {
		return spawnerSpec{}, false
	}
	recv := ""
	if r := fn.Signature().Recv(); r != nil {
		t := r.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok {
			return spawnerSpec{}, false
		}
		recv = n.Obj().Name()
	}
	for _, s := range specs {
		if s.pkg == fn.Pkg().Path() && s.recv == recv && s.name == fn.Name() {
			return s, true
		}
	}
	return spawnerSpec{}, false
}

// Callback sinks (DESIGN §1 "goroutine context"): library functions,
// types and fields that keep a function, or a value's methods, and call
// them later on goroutines of their own, often concurrently. Each is a
// context that is multiple. The call forms are in builtinSpawners; the
// forms below are conversions, stores and registered types.

// A typeName is a named type: its package path and name.
type typeName struct{ pkg, name string }

// namedIn returns t as a named type if it is one of names.
func namedIn(t types.Type, names []typeName) (*types.Named, bool) {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return nil, false
	}
	return n, slices.Contains(names, typeName{n.Obj().Pkg().Path(), n.Obj().Name()})
}

// sinkFuncTypes are the func types whose conversion publishes the
// function: expvar.Func values are called on every read of /debug/vars.
var sinkFuncTypes = []typeName{
	{"expvar", "Func"},
}

// isSinkFuncType reports whether t is one of sinkFuncTypes.
func isSinkFuncType(t types.Type) bool {
	_, ok := namedIn(t, sinkFuncTypes)
	return ok
}

// sinkStructs are the structs whose func-typed fields the standard
// library calls on its own goroutines: net/http per request, per
// connection, per dial; crypto/tls in every handshake (GetCertificate,
// GetClientCertificate, VerifyConnection, …), which runs on each
// connection's goroutine.
var sinkStructs = []typeName{
	{"net/http", "Transport"},
	{"net/http", "Server"},
	{"crypto/tls", "Config"},
}

// mayBeSinkField reports whether v is a func-typed field of a package of
// sinkStructs, or a field the callbacks flag names: a candidate callback
// sink for the prefilter, which sees no struct type (isSinkField decides).
func (k *apis) mayBeSinkField(v *types.Var) bool {
	if !v.IsField() || v.Pkg() == nil || !isFuncType(v.Type()) {
		return false
	}
	if slices.ContainsFunc(sinkStructs, func(s typeName) bool { return s.pkg == v.Pkg().Path() }) {
		return true
	}
	return slices.ContainsFunc(k.callbackFields, func(f callbackField) bool {
		return f.pkg == v.Pkg().Path() && f.field == v.Name()
	})
}

// isSinkField reports whether field, of struct type n, is a func-typed
// field of one of sinkStructs or a field the callbacks flag names.
func (k *apis) isSinkField(n *types.Named, field *types.Var) bool {
	if n.Obj().Pkg() == nil || !isFuncType(field.Type()) {
		return false
	}
	pkg, name := n.Obj().Pkg().Path(), n.Obj().Name()
	if slices.ContainsFunc(k.callbackFields, func(f callbackField) bool {
		return f.pkg == pkg && f.typ == name && f.field == field.Name()
	}) {
		return true
	}
	_, builtin := namedIn(n, sinkStructs)
	return builtin
}

// sinkInterfaces are the interfaces whose implementations a library
// calls on its own goroutines once a value is registered: the
// Prometheus client calls Collect and Describe of a registered
// collector on every scrape.
var sinkInterfaces = []typeName{
	{"github.com/prometheus/client_golang/prometheus", "Collector"},
}

// sinkInterface returns the interface t names if it is one of
// sinkInterfaces.
func sinkInterface(t types.Type) (*types.Interface, bool) {
	n, ok := namedIn(t, sinkInterfaces)
	if !ok {
		return nil, false
	}
	iface, ok := n.Underlying().(*types.Interface)
	return iface, ok
}

// sinkLibraries are the modules whose registered types' methods run as
// callbacks (sinkInterfaces, gRPC service implementations).
var sinkLibraries = []string{
	"github.com/prometheus/client_golang/prometheus",
	"google.golang.org/grpc",
}

// importsSinkLibrary reports whether the package imports a library whose
// registered types' methods run as callbacks (sinkLibraries).
func importsSinkLibrary(pkg *types.Package) bool {
	return slices.ContainsFunc(pkg.Imports(), func(p *types.Package) bool {
		return slices.Contains(sinkLibraries, p.Path())
	})
}

// isGRPCType reports whether t is, or points to, google.golang.org/grpc's
// type name.
func isGRPCType(t types.Type, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "google.golang.org/grpc" && n.Obj().Name() == name
}

// net/http.

// handlerRegistrations are the functions that register argument 1 as an
// HTTP handler, whatever its form: a function, a conversion to
// http.HandlerFunc, or what a middleware returns.
var handlerRegistrations = []spawnerSpec{
	{"net/http", "", "HandleFunc", 1, ctxHandler},
	{"net/http", "ServeMux", "HandleFunc", 1, ctxHandler},
	{"net/http", "", "Handle", 1, ctxHandler},
	{"net/http", "ServeMux", "Handle", 1, ctxHandler},
}

// isHandlerSig reports whether t is a func(http.ResponseWriter,
// *http.Request) type.
func isHandlerSig(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 2 || sig.Results().Len() != 0 {
		return false
	}
	return strings.HasSuffix(sig.Params().At(0).Type().String(), "net/http.ResponseWriter") &&
		strings.HasSuffix(sig.Params().At(1).Type().String(), "*net/http.Request")
}

// isHandlerFunc reports whether t is net/http.HandlerFunc.
func isHandlerFunc(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "HandlerFunc"
}

// isServeHTTP reports whether obj is a ServeHTTP(http.ResponseWriter,
// *http.Request) method.
func isServeHTTP(obj *types.Func) bool {
	if obj == nil || obj.Name() != "ServeHTTP" || obj.Signature().Recv() == nil {
		return false
	}
	ps := obj.Signature().Params()
	if ps.Len() != 2 {
		return false
	}
	return strings.HasSuffix(ps.At(0).Type().String(), "net/http.ResponseWriter") &&
		strings.HasSuffix(ps.At(1).Type().String(), "*net/http.Request")
}

// sync: Once, WaitGroup, errgroup, and the lock methods.

// onceFuncs are the functions whose function argument runs once, as
// initialisation (DESIGN §1 "access").
var onceFuncs = []spawnerSpec{
	{"sync", "Once", "Do", 0, ctxInit},
	{"sync", "", "OnceFunc", 0, ctxInit},
	{"sync", "", "OnceValue", 0, ctxInit},
	{"sync", "", "OnceValues", 0, ctxInit},
}

// waitSpecs are the calls that wait for the goroutines a group started.
var waitSpecs = []spawnerSpec{
	{"sync", "WaitGroup", "Wait", 0, ctxInit},
	{"golang.org/x/sync/errgroup", "Group", "Wait", 0, ctxInit},
}

// isWaitGroupMethod reports whether fn is a method of sync.WaitGroup.
func isWaitGroupMethod(fn *types.Func) bool {
	_, ok := matchSpec(fn, []spawnerSpec{{pkg: "sync", recv: "WaitGroup", name: fn.Name()}})
	return ok
}

// containsLock reports whether a value of type t holds a sync.Mutex or
// sync.RWMutex in its own storage (or, at the top level, behind a
// pointer: var srv = &server{}).
func containsLock(t types.Type, depth int) bool {
	return (&lockSearch{seen: map[types.Type]bool{}}).contains(t, depth)
}

// A lockSearch is one search of containsLock. Each type is searched
// once (seen): a type met again was found to hold no lock, or is being
// searched, so the work is linear in the distinct types reached, however
// often struct fields repeat a type.
type lockSearch struct {
	seen  map[types.Type]bool
	steps walkCount
}

// contains implements containsLock.
func (s *lockSearch) contains(t types.Type, depth int) bool {
	s.steps.step()
	if depth > 8 || s.seen[t] {
		return false
	}
	s.seen[t] = true
	if isLockType(t) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if s.contains(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return s.contains(u.Elem(), depth+1)
	case *types.Pointer:
		if depth == 0 {
			return s.contains(u.Elem(), depth+1)
		}
	}
	return false
}

// lockOpKind is what a call does to a mutex.
type lockOpKind int

const (
	opNone lockOpKind = iota
	opLock
	opRLock
	opUnlock
	opRUnlock
	opTryLock
	opTryRLock
)

// isLockType reports whether t is sync.Mutex or sync.RWMutex.
func isLockType(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == "sync" && (obj.Name() == "Mutex" || obj.Name() == "RWMutex")
}

// isRWMutex reports whether t is sync.RWMutex.
func isRWMutex(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "sync" && n.Obj().Name() == "RWMutex"
}

// lockMethod returns the operation of a sync.Mutex or sync.RWMutex method.
func lockMethod(fn *types.Func) lockOpKind {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "sync" {
		return opNone
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return opNone
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if !isLockType(t) {
		return opNone
	}
	switch fn.Name() {
	case "Lock":
		return opLock
	case "RLock":
		return opRLock
	case "Unlock":
		return opUnlock
	case "RUnlock":
		return opRUnlock
	case "TryLock":
		return opTryLock
	case "TryRLock":
		return opTryRLock
	}
	return opNone
}

// Self-synchronised types.

// isSelfSync reports whether values of type t synchronise themselves
// (DESIGN §1 "self-synchronised").
func (k *apis) isSelfSync(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Chan); ok {
		return true
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	path, name := n.Obj().Pkg().Path(), n.Obj().Name()
	switch path {
	case "sync/atomic":
		return true
	case "sync":
		switch name {
		case "Map", "Once", "WaitGroup", "Pool", "Cond":
			return true
		}
	case "log":
		return name == "Logger"
	case "log/slog":
		return name == "Logger"
	}
	return k.selfSync[path+"."+name]
}

// Functions that never return.

// noReturnSpecs are the functions that never return (neverReturns).
var noReturnSpecs = []spawnerSpec{
	{pkg: "os", name: "Exit"},
	{pkg: "syscall", name: "Exit"},
	{pkg: "runtime", name: "Goexit"},
	{pkg: "log", name: "Fatal"},
	{pkg: "log", name: "Fatalf"},
	{pkg: "log", name: "Fatalln"},
	{pkg: "log", name: "Panic"},
	{pkg: "log", name: "Panicf"},
	{pkg: "log", name: "Panicln"},
	{pkg: "testing", recv: "common", name: "Fatal"},
	{pkg: "testing", recv: "common", name: "Fatalf"},
	{pkg: "testing", recv: "common", name: "FailNow"},
	{pkg: "testing", recv: "common", name: "Skip"},
	{pkg: "testing", recv: "common", name: "Skipf"},
	{pkg: "testing", recv: "common", name: "SkipNow"},
}

// Functions that run a function argument after their caller returns.

// afterReturnSpecs are the functions that keep a function argument and run
// it on the caller's goroutine once the caller has returned: t.Cleanup
// runs its argument when the test and its deferred calls are done. The
// argument belongs to the caller's context but holds none of its locks.
var afterReturnSpecs = []spawnerSpec{
	{"testing", "common", "Cleanup", 0, ctxTest},
	{"testing", "TB", "Cleanup", 0, ctxTest},
}

// runsAfterReturn reports whether fn runs its function argument after its
// caller has returned (afterReturnSpecs).
func runsAfterReturn(fn *types.Func) bool {
	_, ok := matchSpec(fn, afterReturnSpecs)
	return ok
}

// isFuncType reports whether t is a func type.
func isFuncType(t types.Type) bool {
	_, ok := t.Underlying().(*types.Signature)
	return ok
}
