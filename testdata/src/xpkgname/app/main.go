// Package main starts package web's handler and writes its sessions
// without web.Mu: the race names the handler by its function, and says
// that web.Mu is held inside it, not at the call of web.Serve, where main
// holds nothing.
package main

import "xpkgname/web"

func main() {
	web.Serve()
	web.Sessions["admin"] = "root" // want `^web.Sessions written without holding web.Mu; HTTP handler web.login also accesses it$`
}
