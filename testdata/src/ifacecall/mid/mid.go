// Package mid serves requests with ifacecall/lib and calls no interface // want package:`chanown\(module ""; reported ; counts ; invokes ifacecall/lib.Handler.Handle in goroutine started in \(\*Server\).Serve \(multiple\) of ifacecall/lib; invokes ifacecall/lib.Service.Serve in goroutine started in \(\*Supervisor\).Add of ifacecall/lib\)`
// method on goroutines of its own. Its package fact passes on what lib's
// says, named by lib, so that ifacecall/ext, which imports mid and not
// lib, sees the calls: go vet gives a package the package facts of its
// direct imports only.
package mid

import "ifacecall/lib"

// Serve serves reqs with h, named by c.
func Serve(h lib.Handler, c lib.Config, reqs []string) {
	lib.NewServer(h, c, nil).Serve(reqs)
}
