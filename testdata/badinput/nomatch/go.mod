module example.com/badinput/nomatch

go 1.26
