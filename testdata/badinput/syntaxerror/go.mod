module example.com/badinput/syntaxerror

go 1.26
