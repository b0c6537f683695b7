// Command vetsuite runs go vet's analyzers (golang.org/x/tools/go/analysis/
// suite/vet) under the standalone x/tools driver, for comparing
// standalone chanown with what vet's suite costs in the same driver.
package main

import (
	"golang.org/x/tools/go/analysis/multichecker"
	"golang.org/x/tools/go/analysis/suite/vet"
)

func main() { multichecker.Main(vet.Suite...) }
