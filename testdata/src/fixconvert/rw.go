package main

import "sync"

// An RWMutex group that is not read-mostly (written by many, read in
// one function) converts: RLock and RUnlock become the receive and the
// send as well. Beside it in the block stays a group that declines, so
// the new declarations split the block.
var (
	before = 1

	rw    sync.RWMutex // want `^rw guards peers, shared by .*; a fix is offered$`
	peers = []string{}

	muKeep sync.Mutex // want `^muKeep guards kept, shared by .*over a channel$`
	kept   []string
)

func join(p string) {
	rw.Lock()
	peers = append(peers, p)
	rw.Unlock()
}

func leave() {
	rw.Lock()
	defer rw.Unlock()
	peers = peers[1:]
}

func count() int {
	rw.RLock()
	defer rw.RUnlock()
	return len(peers)
}

func keep(k string) {
	muKeep.Lock()
	kept = append(kept, k)
	muKeep.Unlock()
	_ = kept // want `kept read without holding muKeep`
}

func init() {
	go join("a")
	go leave()
	go join("b")
	go leave()
	go keep("a")
	go keep("b")
	_ = before
	_ = count()
}
