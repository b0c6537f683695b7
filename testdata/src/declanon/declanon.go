// Package main covers an anonymous struct global that embeds sync.Mutex:
// the lock is st.Mutex (taken as st.Lock()) and the guarded data st.m, named
// by its field path; the report sits on st. st2, the same shape touched by
// one goroutine only, is the silent twin.
package main

import "sync"

var st struct { // want `^st\.Mutex guards st\.m, shared by main and goroutine started in main; give it one owner goroutine reached over a channel$`
	sync.Mutex
	m map[string]int
}

var st2 struct { // ok: only the goroutine started in main touches st2.m
	sync.Mutex
	m map[string]int
}

func init() {
	st.m = map[string]int{}
	st2.m = map[string]int{}
}

func bump(k string) {
	st.Lock()
	st.m[k]++
	st.Unlock()
}

func bump2(k string) {
	st2.Lock()
	defer st2.Unlock()
	st2.m[k]++
}

func main() {
	go func() {
		bump("a")
		bump2("a")
	}()
	bump("b")
}
