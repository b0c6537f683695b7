package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// buildSSA builds SSA for the package of pass, as the buildssa pass does,
// and returns it with its source functions (named functions, the package
// initialiser, and every function literal) in source order.
//
// chanown does not require buildssa: that would build SSA for every
// package, while run builds it only after a cheap check says the package
// can matter (DESIGN §5 "Cost"). The SSA is dropped when run returns.
//
// Of the imports it creates only those in named, whose package-level
// functions or variables the package uses (scanUses): creating a
// package makes a member for each of its objects and methods, which cost
// as much as building the package itself (docs/performance.md, finding
// 3). go/ssa needs no more: it creates imported methods on demand, takes
// constants from their types, and with BareInits the package initialiser
// does not call the initialisers of its imports, which chanown never
// follows.
func buildSSA(pass *analysis.Pass, named map[*types.Package]bool) (*ssa.Package, []*ssa.Function) {
	prog := ssa.NewProgram(pass.Fset, ssa.BareInits)
	for _, p := range pass.Pkg.Imports() {
		if named[p] {
			prog.CreatePackage(p, nil, nil, true)
		}
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	var funcs []*ssa.Function
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			add(anon)
		}
	}
	// The package initialiser holds package-level variable initialisers
	// and their function literals.
	if init := pkg.Func("init"); init != nil {
		add(init)
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue // missing type information
			}
			if f := prog.FuncValue(obj); f != nil {
				add(f)
			}
		}
	}
	return pkg, funcs
}

// program is the SSA of the package's source functions.
type program struct {
	pkg      *ssa.Package
	funcs    []*ssa.Function // source functions, in source order
	isSource map[*ssa.Function]bool
}

// newProgram builds the SSA of the package (buildSSA) and indexes its
// source functions.
func newProgram(pass *analysis.Pass, imports map[*types.Package]bool) *program {
	p := new(program)
	p.pkg, p.funcs = buildSSA(pass, imports)
	p.isSource = make(map[*ssa.Function]bool, len(p.funcs))
	for _, fn := range p.funcs {
		p.isSource[fn] = true
	}
	return p
}
