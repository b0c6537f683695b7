//go:build chanownextra

package main

import "sync"

var (
	muExtra sync.Mutex
	extras  []string
)

func extra() {
	go func() {
		muExtra.Lock()
		extras = append(extras, "worker")
		muExtra.Unlock()
	}()
	muExtra.Lock()
	extras = append(extras, "main")
	muExtra.Unlock()
}
