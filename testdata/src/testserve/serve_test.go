package main

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	motd3 = "test" // ok: before m.Run, and the handler is served by no test
	motd4 = "test" // want `^motd4 written without holding mu2; goroutine started in init also accesses it$`
	os.Exit(m.Run())
}

func TestMotd1(t *testing.T) {
	motd1 = "test" // ok: the handler runs only where a server serves it, and no test serves it
}

func TestMotd2(t *testing.T) {
	motd2 = "test" // want `^motd2 written without holding mu2; goroutine started in init also accesses it$`
}

func TestMotd5(t *testing.T) {
	motd5 = "test" // ok: initCache's goroutine runs only where a caller runs initCache; package initialisation only stores it
}
