module example.com/badinput/buildtags

go 1.26
