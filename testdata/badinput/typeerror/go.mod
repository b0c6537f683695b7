module example.com/badinput/typeerror

go 1.26
