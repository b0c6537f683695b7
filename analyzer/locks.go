package analyzer

import (
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// lockCall returns the lock operation performed by call and the address
// of the mutex, or opNone. It recognises direct method calls
// (mu.Lock(), st.Lock() through embedding) and calls of bound method
// values (unlock := mu.Unlock; unlock()).
func lockCall(call *ssa.CallCommon) (lockOpKind, ssa.Value) {
	if call.IsInvoke() {
		return opNone, nil
	}
	switch v := call.Value.(type) {
	case *ssa.Function:
		if op := lockMethod(funcObj(v)); op != opNone && len(call.Args) > 0 {
			return op, call.Args[0]
		}
	case *ssa.MakeClosure:
		return boundLockOp(v)
	}
	return opNone, nil
}

// boundLockOp returns the lock operation of a bound method value of a
// mutex (mu.Unlock used as a value) and the mutex's address.
func boundLockOp(mc *ssa.MakeClosure) (lockOpKind, ssa.Value) {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok || len(mc.Bindings) != 1 || !isBoundWrapper(fn) {
		return opNone, nil
	}
	if op := lockMethod(funcObj(fn)); op != opNone {
		return op, mc.Bindings[0]
	}
	return opNone, nil
}

// lockID returns the id of the mutex at address addr, and whether the
// lock is global (rooted at a package-level variable by an exact field
// path). Other locks are instance locks, identified by the type and field
// that hold them ("(Cache).mu"), so that wronglock can name them.
func (cg *callGraph) lockID(addr ssa.Value) (id string, global bool) {
	if r, ok := cg.addrRef(addr); ok && r.exact && r.global() != nil {
		return r.path(), true
	}
	return instanceLockID(addr), false
}

// instanceLockID names a lock that is not rooted at a global by the type
// that contains it and its field: "(Cache).mu"; "(Cache).*mu" when the
// field holds a pointer to the lock (mu *sync.Mutex). Any other
// *sync.Mutex value is "(*sync.Mutex)".
func instanceLockID(addr ssa.Value) string {
	if load, ok := addr.(*ssa.UnOp); ok && load.Op == token.MUL {
		if fa, ok := load.X.(*ssa.FieldAddr); ok {
			t := fa.X.Type()
			if p, ok := t.Underlying().(*types.Pointer); ok {
				t = p.Elem()
			}
			return "(" + types.TypeString(t, qualifierFor(fa)) + ").*" + fieldName(fa.X.Type(), fa.Field)
		}
	}
	if fa, ok := addr.(*ssa.FieldAddr); ok {
		t := fa.X.Type()
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		return "(" + types.TypeString(t, qualifierFor(fa)) + ")." + fieldName(fa.X.Type(), fa.Field)
	}
	return "(" + types.TypeString(addr.Type(), shortQualifier) + ")"
}

// shortQualifier qualifies types by package name only.
func shortQualifier(p *types.Package) string { return p.Name() }

// qualifierFor qualifies types by package name, leaving out the package
// of the function that instr belongs to.
func qualifierFor(instr ssa.Instruction) types.Qualifier {
	fn := instr.Parent()
	if fn == nil || fn.Pkg == nil {
		return shortQualifier
	}
	own := fn.Pkg.Pkg
	return func(p *types.Package) string {
		if p == own {
			return ""
		}
		return p.Name()
	}
}

// isOwnedLock reports whether instance lock id is a lock field of the
// value that holds it ("(Cache).mu"): one lock per value. A lock reached
// through a pointer ("(Cache).*mu", "(*sync.Mutex)") may be any mutex,
// a global one included.
func isOwnedLock(id string) bool {
	return strings.Contains(id, ").") && !strings.Contains(id, ").*")
}
