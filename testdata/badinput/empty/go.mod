module example.com/badinput/empty

go 1.26
