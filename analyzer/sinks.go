package analyzer

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

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

// sinkStructs are the structs whose func-typed fields net/http calls on
// its own goroutines: per request, per connection, per dial.
var sinkStructs = []typeName{
	{"net/http", "Transport"},
	{"net/http", "Server"},
}

// isSinkField reports whether addr is the address of a func-typed field
// of one of sinkStructs, or a field of the callbacks flag.
func (pc *passContext) isSinkField(addr ssa.Value) bool {
	fa, ok := addr.(*ssa.FieldAddr)
	if !ok {
		return false
	}
	p, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return false
	}
	n, _ := types.Unalias(p.Elem()).(*types.Named)
	if n == nil || n.Obj().Pkg() == nil {
		return false
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok || fa.Field >= st.NumFields() || !isFuncType(st.Field(fa.Field).Type()) {
		return false
	}
	pkg, name := n.Obj().Pkg().Path(), n.Obj().Name()
	if slices.ContainsFunc(pc.callbackFields, func(f callbackField) bool {
		return f.pkg == pkg && f.typ == name && f.field == st.Field(fa.Field).Name()
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

// callbackMethods returns the methods of the package's types that a
// library calls on its own goroutines: the methods of sinkInterfaces of
// a type converted to one of them, and the methods of a gRPC service
// implementation (a value passed to a generated Register…Server
// function). In source order.
func (pc *passContext) callbackMethods() []*ssa.Function {
	var out []*ssa.Function
	add := func(t types.Type, names []string) {
		ms := types.NewMethodSet(t)
		for m := range ms.Methods() {
			obj, ok := m.Obj().(*types.Func)
			if !ok || (names != nil && !slices.Contains(names, obj.Name())) || (names == nil && !obj.Exported()) {
				continue
			}
			f := norm(pc.pkg.Prog.FuncValue(obj.Origin()))
			if f != nil && pc.isSource[f] && !pc.inTestFile(f) && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	for _, fn := range pc.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.MakeInterface:
					if iface, ok := sinkInterface(instr.Type()); ok && pc.ownType(instr.X.Type()) {
						var names []string
						for m := range iface.Methods() {
							names = append(names, m.Name())
						}
						add(instr.X.Type(), names)
					}
				case *ssa.Call:
					if t := grpcServiceImpl(&instr.Call); t != nil && pc.ownType(t) {
						add(t, nil)
					}
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b *ssa.Function) int { return pc.comparePos(a.Pos(), b.Pos()) })
	return out
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

// grpcServiceImpl returns the dynamic type of the service
// implementation a call registers with gRPC, or nil: a generated
// RegisterXServer(s grpc.ServiceRegistrar, srv XServer), or
// (*grpc.Server).RegisterService(desc, srv).
func grpcServiceImpl(call *ssa.CallCommon) types.Type {
	obj := calleeObj(call)
	if obj == nil || len(call.Args) < 2 {
		return nil
	}
	sig := obj.Signature()
	impl := call.Args[len(call.Args)-1]
	switch {
	case obj.Name() == "RegisterService" && sig.Recv() != nil && isGRPCType(sig.Recv().Type(), "Server"):
	case strings.HasPrefix(obj.Name(), "Register") && strings.HasSuffix(obj.Name(), "Server") &&
		sig.Recv() == nil && sig.Params().Len() == 2 && isGRPCType(sig.Params().At(0).Type(), "ServiceRegistrar"):
	default:
		return nil
	}
	if mi, ok := impl.(*ssa.MakeInterface); ok {
		return mi.X.Type()
	}
	return nil
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
