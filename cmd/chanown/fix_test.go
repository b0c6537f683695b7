package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fixModule is a module whose counts the fix converts: a map guarded by
// mu, shared by goroutines started in main.
var fixModule = map[string]string{
	"go.mod": "module example.com/fixme\n\ngo 1.22\n",
	"main.go": `package main

import (
	"fmt"
	"sync"
)

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

func inc(w string) {
	mu.Lock()
	counts[w]++
	mu.Unlock()
}

func get(w string) int {
	mu.Lock()
	defer mu.Unlock()
	return counts[w]
}

func main() {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inc("a")
		}()
	}
	wg.Wait()
	fmt.Println(get("a"))
}
`,
}

// fixedMain is main.go of fixModule once fixed.
const fixedMain = `package main

import (
	"fmt"
	"sync"
)

// countsState is the state that mu guarded. Whoever has received it from
// countsOwner owns it, and hands it on by sending it back.
type countsState struct {
	counts map[string]int
}

// countsOwner holds the one countsState: receiving it takes ownership, sending
// it back hands it on. Its buffer of one makes it a lock, as mu was.
var countsOwner = func(s *countsState) chan *countsState {
	c := make(chan *countsState, 1)
	c <- s
	return c
}(&countsState{
	counts: map[string]int{},
})

func inc(w string) {
	mu := <-countsOwner
	mu.counts[w]++
	countsOwner <- mu
}

func get(w string) int {
	mu := <-countsOwner
	defer func() { countsOwner <- mu }()
	return mu.counts[w]
}

func main() {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			inc("a")
		}()
	}
	wg.Wait()
	fmt.Println(get("a"))
}
`

// TestFixApplies applies the fix of fixModule in each way docs/chanown.md
// lists: the standalone driver's -fix through go vet and in process, go
// vet -fix with chanown as the vettool, and go fix with chanown as the
// fixtool. Each must write the same file, which builds, and on which
// chanown offers no fix any more; -diff must print the change and leave
// the file alone.
func TestFixApplies(t *testing.T) {
	goTool, bin := buildChanown(t)
	for _, tc := range []struct {
		name string
		cmd  []string
	}{
		{"chanown -fix", []string{bin, "-fix", "./..."}},
		{"chanown -gocache=false -fix", []string{bin, "-gocache=false", "-fix", "./..."}},
		{"go vet -fix", []string{goTool, "vet", "-vettool=" + bin, "-fix", "./..."}},
		{"go fix -fixtool", []string{goTool, "fix", "-fixtool=" + bin, "./..."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeModule(t, fixModule)
			runIn(t, dir, 0, tc.cmd...)
			got, err := os.ReadFile(filepath.Join(dir, "main.go"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != fixedMain {
				t.Errorf("%s wrote:\n%s\nwant:\n%s", tc.name, got, fixedMain)
			}
			runIn(t, dir, 0, goTool, "vet", "./...")
			out := runIn(t, dir, exitOK, bin, "-format=json", "./...")
			if strings.Contains(out, "a fix is offered") || strings.Contains(out, "suggested_fixes") {
				t.Errorf("chanown still offers a fix after %s:\n%s", tc.name, out)
			}
		})
	}
	for _, tc := range []struct {
		name string
		code int
		cmd  []string
	}{
		{"chanown -diff", exitFindings, []string{bin, "-diff", "./..."}},
		{"chanown -gocache=false -diff", exitFindings, []string{bin, "-gocache=false", "-diff", "./..."}},
		{"go vet -fix -diff", 1, []string{goTool, "vet", "-vettool=" + bin, "-fix", "-diff", "./..."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeModule(t, fixModule)
			out := runIn(t, dir, tc.code, tc.cmd...)
			for _, want := range []string{"-\tmu.Lock()", "+\tmu := <-countsOwner", "+var countsOwner = func(s *countsState) chan *countsState {"} {
				if !strings.Contains(out, want) {
					t.Errorf("%s: the diff does not say %q:\n%s", tc.name, want, out)
				}
			}
			got, _ := os.ReadFile(filepath.Join(dir, "main.go"))
			if string(got) != fixModule["main.go"] {
				t.Errorf("%s changed main.go", tc.name)
			}
		})
	}
}

// TestFixMessage checks that the JSON of a fixed diagnostic carries the
// fix and that the message says so.
func TestFixMessage(t *testing.T) {
	_, bin := buildChanown(t)
	dir := writeModule(t, fixModule)
	out := runIn(t, dir, exitOK, bin, "-format=json", "./...")
	var tree jsonTree
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	fixes := tree.fixes()
	if len(fixes) != 1 || fixes[0].Message != "Move the guarded globals into a value owned over a channel" {
		t.Errorf("fixes = %+v, want the conversion", fixes)
	}
	if !strings.Contains(out, "give it one owner goroutine reached over a channel; a fix is offered") {
		t.Errorf("the message does not say a fix is offered:\n%s", out)
	}
}

// runIn runs cmd in dir, checks its exit code and returns its stdout
// and stderr together.
func runIn(t *testing.T, dir string, code int, cmd ...string) string {
	t.Helper()
	c := exec.Command(cmd[0], cmd[1:]...)
	c.Dir = dir
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	err := c.Run()
	got := 0
	if ee, ok := err.(*exec.ExitError); ok {
		got = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", strings.Join(cmd, " "), err)
	}
	if got != code {
		t.Fatalf("%s: exit %d, want %d\n%s", strings.Join(cmd, " "), got, code, out.String())
	}
	return out.String()
}
