package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// The contexts of callback sinks (knowledge.go) on SSA: stores into sink
// fields and registered types' methods.

// isSinkField reports whether addr is the address of a func-typed field
// of one of sinkStructs, or a field of the callbacks flag.
func (cs *contextSet) isSinkField(addr ssa.Value) bool {
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
	return ok && fa.Field < st.NumFields() && cs.apis.isSinkField(n, st.Field(fa.Field))
}

// callbackMethods returns the methods of the package's types that a
// library calls on its own goroutines: the methods of sinkInterfaces of
// a type converted to one of them, and the methods of a gRPC service
// implementation (a value passed to a generated Register…Server
// function). In source order.
func (cs *contextSet) callbackMethods() []*ssa.Function {
	var out []*ssa.Function
	add := func(t types.Type, names []string) {
		ms := types.NewMethodSet(t)
		for m := range ms.Methods() {
			obj, ok := m.Obj().(*types.Func)
			if !ok || (names != nil && !slices.Contains(names, obj.Name())) || (names == nil && !obj.Exported()) {
				continue
			}
			f := norm(cs.prog.pkg.Prog.FuncValue(obj.Origin()))
			if f != nil && cs.prog.isSource[f] && !isTestFile(cs.pass.Fset, f.Pos()) && !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	for _, fn := range cs.prog.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch instr := instr.(type) {
				case *ssa.MakeInterface:
					if iface, ok := sinkInterface(instr.Type()); ok && cs.graph.ownType(instr.X.Type()) {
						var names []string
						for m := range iface.Methods() {
							names = append(names, m.Name())
						}
						add(instr.X.Type(), names)
					}
				case *ssa.Call:
					if t := grpcServiceImpl(&instr.Call); t != nil && cs.graph.ownType(t) {
						add(t, nil)
					}
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b *ssa.Function) int { return comparePos(cs.pass.Fset, a.Pos(), b.Pos()) })
	return out
}

// An invokedMethod is a method of one of the package's types that a
// dependency calls on goroutines of its own, through an interface the
// package converts the type to (DESIGN §1 "spawned context").
type invokedMethod struct {
	fn  *ssa.Function
	src factInvoke // From and Name name the calling package
}

// invokedMethods returns the methods of the package's own types that a
// dependency's package fact says it calls on its goroutines: for each
// conversion, outside test files, of such a type to the fact's interface
// (the interface guard var _ I = (*T)(nil) included), the type's methods
// of the fact's names. Each method once, in source order. A type never
// converted to the interface starts nothing: the dependency cannot call
// it through that interface.
func (cs *contextSet) invokedMethods() []invokedMethod {
	invoked := cs.imports.invokedByImports()
	if len(invoked) == 0 {
		return nil
	}
	ifaces := map[string]bool{}
	for _, src := range invoked {
		ifaces[src.Iface] = true
	}
	var out []invokedMethod
	seen := map[*ssa.Function]bool{}
	add := func(t, to types.Type) {
		n, ok := types.Unalias(to).(*types.Named)
		if !ok || n.Obj().Pkg() == nil || !cs.graph.ownType(t) {
			return
		}
		qual := n.Obj().Pkg().Path() + "." + n.Obj().Name()
		iface, ok := n.Underlying().(*types.Interface)
		if !ok || !ifaces[qual] {
			return
		}
		for m := range iface.Methods() {
			src, ok := invoked[qual+"."+m.Name()]
			if !ok {
				continue
			}
			f := cs.graph.sourceMethod(t, m.Pkg(), m.Name())
			if f != nil && !isTestFile(cs.pass.Fset, f.Pos()) && !seen[f] {
				seen[f] = true
				out = append(out, invokedMethod{f, src})
			}
		}
	}
	for _, fn := range cs.prog.funcs {
		if isTestFile(cs.pass.Fset, fn.Pos()) {
			continue
		}
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				if mi, ok := instr.(*ssa.MakeInterface); ok {
					add(mi.X.Type(), mi.Type())
				}
			}
		}
	}
	// SSA drops the value of a blank variable's initialiser unconverted,
	// so the guards are read from the syntax.
	for _, g := range cs.interfaceGuards() {
		add(g[0], g[1])
	}
	slices.SortFunc(out, func(a, b invokedMethod) int { return comparePos(cs.pass.Fset, a.fn.Pos(), b.fn.Pos()) })
	return out
}

// interfaceGuards returns the interface guards of the package's files
// outside tests, var _ I = (*T)(nil), as pairs of the value's type and
// the interface, in source order.
func (cs *contextSet) interfaceGuards() [][2]types.Type {
	var out [][2]types.Type
	for _, file := range cs.pass.Files {
		if isTestFile(cs.pass.Fset, file.Pos()) {
			continue
		}
		for _, decl := range file.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs, ok := spec.(*ast.ValueSpec)
				if !ok || vs.Type == nil || len(vs.Values) != len(vs.Names) {
					continue
				}
				to := cs.pass.TypesInfo.TypeOf(vs.Type)
				if to == nil || !types.IsInterface(to) {
					continue
				}
				for i, name := range vs.Names {
					if t := cs.pass.TypesInfo.TypeOf(vs.Values[i]); name.Name == "_" && t != nil && !types.IsInterface(t) {
						out = append(out, [2]types.Type{t, to})
					}
				}
			}
		}
	}
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
