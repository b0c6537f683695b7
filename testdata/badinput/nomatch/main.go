// Package main is clean: the patterns of cmd/chanown/badinput_test.go
// match nothing next to it.
package main

func main() {}
