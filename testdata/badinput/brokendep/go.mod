module example.com/badinput/brokendep

go 1.26
