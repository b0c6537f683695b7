module example.com/badinput/missingdep

go 1.26

require example.com/gone v0.0.0

replace example.com/gone => ./gone
