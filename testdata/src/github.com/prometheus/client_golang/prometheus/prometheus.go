// Package prometheus is a stand-in for the Prometheus Go client: the
// names and signatures chanown knows as callback sinks, no behaviour.
package prometheus

type Desc struct{}

type Metric interface{}

// Collector is what a registry scrapes, on its own goroutines.
type Collector interface {
	Describe(chan<- *Desc)
	Collect(chan<- Metric)
}

type GaugeOpts struct{ Name string }

type GaugeFunc interface{ Collector }

// NewGaugeFunc returns a gauge whose value function runs on every scrape.
func NewGaugeFunc(opts GaugeOpts, function func() float64) GaugeFunc { return nil }

// MustRegister registers collectors with the default registry.
func MustRegister(cs ...Collector) {}
