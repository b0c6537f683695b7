// Package main is clean: the flag tests of cmd/chanown/badinput_test.go
// fail before anything is loaded.
package main

func main() {}
