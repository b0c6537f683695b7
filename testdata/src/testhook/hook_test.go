package main

import "testing"

type testHook struct{}

func (testHook) Fire() {
	record1("test")
	note1("test")
	last4 = "test" // want `^last4 written without holding mu4; test TestWatch also accesses it$`
	last5 = "test" // ok: TestWatch sets last5 only before it starts the goroutine that runs Fire
}

func TestWatch(t *testing.T) {
	setLast5("test")
	Watch(testHook{})
	setLast4("test")
}
