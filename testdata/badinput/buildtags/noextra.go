//go:build !chanownextra

package main

func extra() {}
