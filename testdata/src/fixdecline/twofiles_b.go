// The other half of twofiles.go's declining group.
package main

var tabFA = map[string]int{}
