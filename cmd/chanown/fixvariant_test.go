package main

import (
	"strings"
	"testing"
)

// variantLib is a library whose hosts the fix would convert; with
// variantTest, a test file of the package names hosts, which the fix
// would leave behind.
var variantLib = `package lib

import (
	"sync"
	"time"
)

var (
	hosts     = map[string]time.Time{}
	hostsMu   sync.Mutex
	cleanOnce sync.Once
)

func Fill(addr string) {
	hostsMu.Lock()
	hosts[addr] = time.Now()
	hostsMu.Unlock()
	cleanOnce.Do(func() {
		go func() {
			for {
				time.Sleep(time.Minute)
				hostsMu.Lock()
				clear(hosts)
				hostsMu.Unlock()
			}
		}()
	})
}
`

const variantTest = `package lib

import "testing"

func TestFill(t *testing.T) {
	hostsMu.Lock()
	hosts = nil
	hostsMu.Unlock()
	Fill("a")
}
`

// TestFixVariants checks that a package and its test variant offer the
// same fix and print the same message, whichever driver runs them: the
// non-test variant does not see the test file that names hosts, the test
// variant does, and go vet analyses only the latter (DESIGN §5 "Test
// files": one report for a package and its test variant). The twin
// without the test file is offered the fix by every driver.
func TestFixVariants(t *testing.T) {
	goTool, bin := buildChanown(t)
	const msg = `hostsMu guards hosts, shared by callers of exported functions and goroutine started in Fill; give it one owner goroutine reached over a channel`
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"test file names the group", map[string]string{"go.mod": "module example.com/lib\n\ngo 1.22\n", "lib.go": variantLib, "lib_test.go": variantTest}, msg + `"`},
		{"no test file", map[string]string{"go.mod": "module example.com/lib\n\ngo 1.22\n", "lib.go": variantLib}, msg + `; a fix is offered"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeModule(t, tc.files)
			for _, cmd := range [][]string{
				{bin, "-format=json", "./..."},
				{bin, "-gocache=false", "-format=json", "./..."},
				{goTool, "vet", "-vettool=" + bin, "-json", "./..."},
			} {
				out := runIn(t, dir, 0, cmd...)
				if n := strings.Count(out, tc.want); n != 1 {
					t.Errorf("%s: %d diagnostics end %q, want 1:\n%s", strings.Join(cmd[1:], " "), n, tc.want, out)
				}
			}
		})
	}
}
