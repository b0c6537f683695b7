package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// A run is the outcome of one command.
type run struct {
	Wall     time.Duration
	RSS      int64 // peak resident set size in KiB, of the largest single process
	Exit     int   // exit status; -1 if it did not exit normally
	TimedOut bool
	Stdout   []byte
	Stderr   []byte
}

// targetEnv is the environment of every command run on a target module:
// as a user would run it, outside this module, with no workspace, no
// toolchain switch and none of the caller's GOFLAGS.
func targetEnv(extra ...string) []string {
	env := append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	return append(env, extra...)
}

// command runs name with args in dir, with env, and kills it and every
// process it started if it runs longer than limit. It returns an error
// only if the command could not be started.
func command(dir string, env []string, limit time.Duration, name string, args ...string) (*run, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	setProcessGroup(cmd)
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	err := cmd.Run()
	r := &run{
		Wall:   time.Since(start),
		Exit:   -1,
		Stdout: stdout.Bytes(),
		Stderr: stderr.Bytes(),
	}
	if cmd.ProcessState == nil {
		return nil, fmt.Errorf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	r.Exit = cmd.ProcessState.ExitCode()
	r.RSS = maxRSS(cmd.ProcessState)
	r.TimedOut = errors.Is(ctx.Err(), context.DeadlineExceeded)
	return r, nil
}

// goCmd runs the go command in dir with the target environment and
// returns its standard output, or an error with its standard error.
func goCmd(dir string, args ...string) ([]byte, error) {
	r, err := command(dir, targetEnv(), 30*time.Minute, "go", args...)
	if err != nil {
		return nil, err
	}
	if r.Exit != 0 {
		return r.Stdout, fmt.Errorf("go %s: exit %d: %s", strings.Join(args, " "), r.Exit, firstLines(r.Stderr, 5))
	}
	return r.Stdout, nil
}

// firstLines returns the first n lines of data, trimmed, as one string.
func firstLines(data []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}
