package analyzer

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// The contexts of callback sinks (knowledge.go) on SSA: stores into sink
// fields and registered types' methods.

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
	return ok && fa.Field < st.NumFields() && pc.apis.isSinkField(n, st.Field(fa.Field))
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
