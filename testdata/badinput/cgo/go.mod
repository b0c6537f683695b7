module example.com/badinput/cgo

go 1.26
