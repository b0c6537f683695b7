package analyzer

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Functions in SSA: the function a value denotes, the callee of a
// call, names and positions. Vocabulary of every stage.

// norm maps an instantiation of a generic function to its origin, whose
// body is the one built from this package's syntax.
func norm(fn *ssa.Function) *ssa.Function {
	if fn == nil {
		return nil
	}
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

// funcValue returns the function a func-typed value denotes when SSA
// resolves it: a function, a closure, a bound method value, or a
// conversion of one (http.HandlerFunc(f)).
func funcValue(v ssa.Value) *ssa.Function {
	switch x := unwrapFunc(v).(type) {
	case *ssa.Function:
		return norm(x)
	case *ssa.MakeClosure:
		fn, _ := x.Fn.(*ssa.Function)
		if fn != nil && isBoundWrapper(fn) {
			// A method value (x.m) runs the declared method.
			if obj := funcObj(fn); obj != nil {
				if m := fn.Prog.FuncValue(obj.Origin()); m != nil {
					return norm(m)
				}
			}
		}
		return norm(fn)
	}
	return nil
}

// unwrapFunc returns v without the conversions that keep its function
// (to http.HandlerFunc, to http.Handler).
func unwrapFunc(v ssa.Value) ssa.Value {
	v, _ = stripConversions(v, nil)
	return v
}

// stripConversions walks v back through the conversions that keep its
// function (ChangeType, MakeInterface, Convert), at most maxRefDepth of
// them, and returns the value under them. It stops early, reporting
// true, at a ChangeType to a type that stop accepts; a nil stop accepts
// none.
func stripConversions(v ssa.Value, stop func(types.Type) bool) (ssa.Value, bool) {
	for range maxRefDepth {
		switch x := v.(type) {
		case *ssa.ChangeType:
			if stop != nil && stop(x.Type()) {
				return v, true
			}
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.Convert:
			v = x.X
		default:
			return v, false
		}
	}
	return v, false
}

// calleeObj returns the *types.Func statically called by call, or nil.
func calleeObj(call *ssa.CallCommon) *types.Func {
	if call.IsInvoke() {
		return call.Method
	}
	if fn := norm(call.StaticCallee()); fn != nil {
		return funcObj(fn)
	}
	return nil
}

// argIndex converts a parameter index (receiver excluded) of the callee
// of call into an index of call.Args.
func argIndex(call *ssa.CallCommon, obj *types.Func, param int) int {
	if obj.Signature().Recv() != nil && !call.IsInvoke() {
		return param + 1
	}
	return param
}

// topFunc returns the named function enclosing fn.
func topFunc(fn *ssa.Function) *ssa.Function {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	return fn
}

// isInitFunc reports whether fn is the package initialiser ("init") or
// an init function ("init#1", …), and not a function or method whose
// name only starts with "init" (initCallhome).
func isInitFunc(fn *ssa.Function) bool {
	if fn == nil || fn.Parent() != nil || fn.Signature.Recv() != nil {
		return false
	}
	return fn.Name() == "init" || strings.HasPrefix(fn.Name(), "init#")
}

// funcName names a named function or method: "serve", "(*Server).run".
func funcName(fn *ssa.Function) string {
	if fn.Pkg == nil {
		return fn.Name() // a synthetic wrapper
	}
	name := fn.RelString(fn.Pkg.Pkg)
	if strings.HasPrefix(name, "(") && !strings.HasPrefix(name, "(*") {
		// A value receiver: "(T).m" reads as T.m.
		if end := strings.IndexByte(name, ')'); end > 0 {
			name = name[1:end] + name[end+1:]
		}
	}
	if i := strings.IndexByte(name, '#'); i >= 0 {
		name = name[:i] // init#1
	}
	return name
}

// sitePos returns the position of a spawn site.
func sitePos(instr ssa.Instruction) token.Pos {
	if g, ok := instr.(*ssa.Go); ok && g.Pos().IsValid() {
		return g.Pos() // the go keyword
	}
	if c, ok := instr.(ssa.CallInstruction); ok && c.Common().Pos().IsValid() {
		return c.Common().Pos()
	}
	if instr.Pos().IsValid() {
		return instr.Pos()
	}
	return instr.Parent().Pos()
}

// funcObj returns the *types.Func of fn, or nil.
func funcObj(fn *ssa.Function) *types.Func {
	f, _ := fn.Object().(*types.Func)
	return f
}

// isBoundWrapper reports whether fn is the wrapper SSA makes for a method
// value (x.m).
func isBoundWrapper(fn *ssa.Function) bool {
	return strings.HasPrefix(fn.Synthetic, "bound method wrapper")
}
