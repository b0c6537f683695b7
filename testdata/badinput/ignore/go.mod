module example.com/badinput/ignore

go 1.26
