// Command buildtags has files that build constraints exclude
// (cmd/chanown/badinput_test.go): chanown reports mu, and muExtra only
// when the tag chanownextra is set; ignored.go never counts.
package main

import "sync"

var (
	mu   sync.Mutex
	jobs []string
)

func work(s string) {
	mu.Lock()
	jobs = append(jobs, s)
	mu.Unlock()
}

func main() {
	go work("worker")
	work("main")
	extra()
}
