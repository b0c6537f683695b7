package main

import "testing"

type testHook struct{}

func (testHook) Fire() {
	record1("test")
	note1("test")
}

func TestWatch(t *testing.T) {
	Watch(testHook{})
}
