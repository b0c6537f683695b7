package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// limit bounds each command; grpc, the largest module, takes minutes.
const limit = 40 * time.Minute

// targetEnv is the environment of commands run on a labelled module, as
// .ci/realcode runs them: outside this module, no workspace, no
// toolchain switch, none of the caller's GOFLAGS.
func targetEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
}

// command runs name with args in dir and returns its standard output.
// A non-zero exit is an error only if nothing was printed: the
// standalone driver exits non-zero when it reports diagnostics or when
// some package fails to load, and prints JSON all the same.
func command(dir, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = targetEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	err := cmd.Run()
	if err != nil && stdout.Len() == 0 {
		return nil, fmt.Errorf("%s %s: %v: %s", filepath.Base(name), strings.Join(args, " "), err, firstLine(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// firstLine returns the first line of s.
func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// moduleDir returns the directory to analyse ls's module in, and the
// pattern: the module's directory in the module cache (downloaded if
// needed, from work, outside this module) and ./..., or for the
// standard library GOROOT/src and std, so that positions are relative
// to it as std.tsv's are.
func moduleDir(ls *labelSet, work string) (dir, pattern string, err error) {
	if ls.Module == "std" {
		out, err := command(work, "go", "env", "GOROOT")
		if err != nil {
			return "", "", err
		}
		return filepath.Join(strings.TrimSpace(string(out)), "src"), "std", nil
	}
	out, err := command(work, "go", "mod", "download", "-json", ls.Module+"@"+ls.Version)
	var dl struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &dl); err != nil || jerr != nil || dl.Error != "" {
		return "", "", fmt.Errorf("go mod download %s: %v%s", ls.title(), err, dl.Error)
	}
	return dl.Dir, "./...", nil
}

// buildChanown builds chanown from the working tree into dir.
func buildChanown(dir string) (string, error) {
	bin := filepath.Join(dir, "chanown")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/chanown/chanown/cmd/chanown")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building chanown: %v", err)
	}
	return bin, nil
}
