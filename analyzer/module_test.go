package analyzer

import (
	"os/exec"
	"strings"
	"testing"
)

// TestFindGOROOT checks that a chanown built with -trimpath, whose
// go/build default GOROOT is empty, still knows where the standard
// library is: without it, std packages were "ours" to every module
// (sameModule of two empty versions) and std's globals were reported in
// importers.
func TestFindGOROOT(t *testing.T) {
	if got := findGOROOT("/opt/go"); got != "/opt/go" {
		t.Errorf("findGOROOT(/opt/go) = %q, want it kept", got)
	}
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skip("no go command:", err)
	}
	want := strings.TrimSpace(string(out))
	if got := findGOROOT(""); got != want || got == "" {
		t.Errorf("findGOROOT(\"\") = %q, want the go command's %q", got, want)
	}
}
