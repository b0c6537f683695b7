// Package main covers the -self-sync flag (analysed with
// selfsyncflag.Gauge): Gauge is declared self-synchronised, so the write
// that (*Gauge).Set makes through its receiver is not guarded data and muG
// guards nothing (silent). Meter has the same shape but is not declared, so
// muM guards meter (reported).
package main

import "sync"

// Gauge is declared self-synchronised by the test's -self-sync flag.
type Gauge struct{ last float64 }

// Set records v.
func (g *Gauge) Set(v float64) { g.last = v }

// Meter has Gauge's shape but is not declared self-synchronised.
type Meter struct{ last float64 }

// Set records v.
func (m *Meter) Set(v float64) { m.last = v }

var (
	muG   sync.Mutex // ok: gauge's type is self-synchronised by flag
	gauge Gauge

	muM   sync.Mutex // want `^muM guards meter, shared by main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	meter Meter
)

func observe(v float64) {
	muG.Lock()
	gauge.Set(v)
	muG.Unlock()

	muM.Lock()
	meter.Set(v)
	muM.Unlock()
}

func main() {
	go observe(1)
	observe(2)
}
