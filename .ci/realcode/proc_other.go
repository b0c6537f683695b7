//go:build !linux

package main

import (
	"os"
	"os/exec"
)

// setProcessGroup does nothing here: cancelling cmd kills only cmd.
func setProcessGroup(cmd *exec.Cmd) {}

// maxRSS returns 0: the harness measures peak RSS on Linux only.
func maxRSS(state *os.ProcessState) int64 { return 0 }
