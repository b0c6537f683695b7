// Package main covers context.AfterFunc: its function runs on another
// goroutine when the context is done ("timer callback in main"), alongside
// main. mu2/closed is touched by its callback alone and stays silent.
package main

import (
	"context"
	"sync"
)

var (
	mu    sync.Mutex // want `^mu guards conns, shared by main and timer callback in main; give it one owner goroutine reached over a channel; a fix is offered$`
	conns = map[string]bool{}

	mu2    sync.Mutex // ok: only the AfterFunc callback touches closed
	closed []string
)

func dropAll() {
	mu.Lock()
	clear(conns)
	mu.Unlock()
}

func noteClosed() {
	mu2.Lock()
	closed = append(closed, "ctx")
	mu2.Unlock()
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	context.AfterFunc(ctx, dropAll)
	context.AfterFunc(ctx, noteClosed)
	mu.Lock()
	conns["a"] = true
	mu.Unlock()
	cancel()
}
