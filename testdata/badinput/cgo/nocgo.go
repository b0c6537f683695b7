package cgo

// Plain keeps the package non-empty when cgo is disabled.
func Plain() {}
