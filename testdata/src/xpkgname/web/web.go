// Package web registers a handler from an exported function; package // want package:`chanown\(module ""; reported xpkgname/web.Mu; counts ; guards xpkgname/web.Sessions by xpkgname/web.Mu\)`
// xpkgname/app calls it and races with the handler. The handler's context
// crosses packages in Serve's fact as "HTTP handler" and web.login, never
// as the name cut at Serve ("HTTP handler login web.Serve" before).
package web

import (
	"net/http"
	"sync"
)

var (
	Mu       sync.Mutex // want `^Mu guards Sessions, shared by concurrent runs of HTTP handler login; give it one owner goroutine reached over a channel$`
	Sessions = map[string]string{}
)

func login(w http.ResponseWriter, r *http.Request) {
	Mu.Lock()
	Sessions[r.FormValue("user")] = "token"
	Mu.Unlock()
}

// Serve registers login.
func Serve() { http.HandleFunc("/login", login) } // want Serve:`^chanown\(starts HTTP handler xpkgname/web.login \(2 accesses\)\)$`
