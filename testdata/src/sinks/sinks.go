// Package main covers callback sinks (DESIGN §1 "goroutine context"):
// libraries that keep a function, or a registered value's methods, and
// call them later on goroutines of their own. Each guarded global below
// is written by main after the registration and read by the callback
// under its lock (reported): an expvar.Func, the Proxy field of an
// http.Transport, the GetCertificate field of a tls.Config (crypto/tls
// calls it in every handshake, on the connection's goroutine), a
// Prometheus gauge function, and the Collect method of a registered
// Prometheus collector.
//
// The twins: order, read by a less function handed to sort.Slice, which
// calls it synchronously in main, and names, read by a function stored
// in a field of this package's struct and called in main (silent).
package main

import (
	"crypto/tls"
	"expvar"
	"net/http"
	"net/url"
	"sort"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

var (
	queueMu sync.Mutex // want `^queueMu guards queue, shared by main and callback registered in main; give it one owner goroutine reached over a channel; a fix is offered$`
	queue   []string

	proxyMu  sync.Mutex // want `^proxyMu guards proxyURL, shared by main and callback registered in main; give it one owner goroutine reached over a channel$`
	proxyURL *url.URL

	connsMu sync.Mutex // want `^connsMu guards conns, shared by main and callback registered in main; give it one owner goroutine reached over a channel; a fix is offered$`
	conns   = map[string]bool{}

	varsMu sync.Mutex // want `^varsMu guards vars, shared by callback registered in main and goroutine started in main; give it one owner goroutine reached over a channel; a fix is offered$`
	vars   = map[string]int{}

	statsMu sync.Mutex // want `^statsMu guards stats, shared by main and callback \(\*statsCollector\).Collect; give it one owner goroutine reached over a channel; a fix is offered$`
	stats   = map[string]int{}

	certMu sync.Mutex // want `^certMu guards certs, shared by main and callback registered in main; give it one owner goroutine reached over a channel; a fix is offered$`
	certs  = map[string]*tls.Certificate{}

	orderMu sync.Mutex // ok: sort.Slice calls less synchronously, in main
	order   []int

	namesMu sync.Mutex // ok: the field is this package's, and main calls it
	names   = map[string]string{}
)

// lookup holds a function in a field, as tls.Config does, but only main
// calls it.
type lookup struct {
	get func(string) string
}

func proxyFor(*http.Request) (*url.URL, error) {
	proxyMu.Lock()
	defer proxyMu.Unlock()
	return proxyURL, nil
}

type statsCollector struct{}

func (*statsCollector) Describe(chan<- *prometheus.Desc) {}

func (*statsCollector) Collect(ch chan<- prometheus.Metric) {
	statsMu.Lock()
	defer statsMu.Unlock()
	ch <- len(stats)
}

func main() {
	expvar.Publish("queue", expvar.Func(func() any {
		queueMu.Lock()
		defer queueMu.Unlock()
		return len(queue)
	}))
	// Published as an expvar.Var: the function runs when /debug/vars is
	// read, not in main, which never touches vars.
	expvar.Publish("vars", expvar.Func(func() any {
		varsMu.Lock()
		defer varsMu.Unlock()
		return len(vars)
	}))
	go func() {
		varsMu.Lock()
		vars["a"] = 1
		varsMu.Unlock()
	}()
	client := &http.Client{Transport: &http.Transport{Proxy: proxyFor}}
	srv := &http.Server{TLSConfig: &tls.Config{
		GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
			certMu.Lock()
			defer certMu.Unlock()
			return certs[hello.ServerName], nil
		},
	}}
	l := lookup{get: func(name string) string {
		namesMu.Lock()
		defer namesMu.Unlock()
		return names[name]
	}}
	prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "conns"}, func() float64 {
		connsMu.Lock()
		defer connsMu.Unlock()
		return float64(len(conns))
	})
	prometheus.MustRegister(&statsCollector{})

	queueMu.Lock()
	queue = append(queue, "job")
	queueMu.Unlock()
	proxyMu.Lock()
	proxyURL = &url.URL{Host: "proxy:3128"}
	proxyMu.Unlock()
	connsMu.Lock()
	conns["a"] = true
	connsMu.Unlock()
	statsMu.Lock()
	stats["a"]++
	statsMu.Unlock()

	orderMu.Lock()
	order = append(order, 3, 1, 2)
	orderMu.Unlock()
	sort.Slice(order, func(i, j int) bool {
		orderMu.Lock()
		defer orderMu.Unlock()
		return order[i] < order[j]
	})
	certMu.Lock()
	certs["example.com"] = &tls.Certificate{}
	certMu.Unlock()
	namesMu.Lock()
	names["a"] = "b"
	namesMu.Unlock()
	_ = l.get("a")

	client.Get("http://example.com")
	srv.ListenAndServeTLS("", "")
}
