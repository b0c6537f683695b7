module example.com/badinput/generated

go 1.26
