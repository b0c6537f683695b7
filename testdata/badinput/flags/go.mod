module example.com/badinput/flags

go 1.26
