// Package metrics keeps the service's request counters and latency
// histograms in package-level state, and serves them as text.
package metrics

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"
)

// buckets are the upper bounds of the latency histogram, in milliseconds.
var buckets = []float64{1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500}

var (
	mu        sync.Mutex
	requests  = map[string]int{}
	errors    = map[string]int{}
	latencies = map[string][]int{}
	inFlight  int
	started   time.Time
)

func init() {
	started = time.Now()
}

// route names one endpoint: method and pattern.
func route(method, pattern string) string {
	return method + " " + pattern
}

// Begin records the start of a request and returns the function that
// records its end with the response status.
func Begin(method, pattern string) func(status int) {
	start := time.Now()
	mu.Lock()
	inFlight++
	mu.Unlock()
	return func(status int) {
		observe(route(method, pattern), status, time.Since(start))
	}
}

// observe records one finished request.
func observe(name string, status int, d time.Duration) {
	ms := float64(d) / float64(time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	inFlight--
	requests[name]++
	if status >= 500 {
		errors[name]++
	}
	h := latencies[name]
	if h == nil {
		h = make([]int, len(buckets)+1)
		latencies[name] = h
	}
	i := sort.SearchFloat64s(buckets, ms)
	h[i]++
}

// Snapshot is a copy of the counters at one moment.
type Snapshot struct {
	Uptime    time.Duration
	InFlight  int
	Requests  map[string]int
	Errors    map[string]int
	Latencies map[string][]int
}

// Take returns a copy of the current counters.
func Take() Snapshot {
	mu.Lock()
	defer mu.Unlock()
	s := Snapshot{
		Uptime:    time.Since(started),
		InFlight:  inFlight,
		Requests:  make(map[string]int, len(requests)),
		Errors:    make(map[string]int, len(errors)),
		Latencies: make(map[string][]int, len(latencies)),
	}
	for k, v := range requests {
		s.Requests[k] = v
	}
	for k, v := range errors {
		s.Errors[k] = v
	}
	for k, v := range latencies {
		s.Latencies[k] = append([]int(nil), v...)
	}
	return s
}

// Reset clears every counter; tests use it.
func Reset() {
	mu.Lock()
	defer mu.Unlock()
	clear(requests)
	clear(errors)
	clear(latencies)
	inFlight = 0
}

// WriteText writes s in a line-oriented text format.
func (s Snapshot) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "uptime_seconds %.0f\n", s.Uptime.Seconds())
	fmt.Fprintf(&b, "in_flight %d\n", s.InFlight)
	names := make([]string, 0, len(s.Requests))
	for name := range s.Requests {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		label := strings.ReplaceAll(name, " ", ":")
		fmt.Fprintf(&b, "requests{route=%q} %d\n", label, s.Requests[name])
		fmt.Fprintf(&b, "errors{route=%q} %d\n", label, s.Errors[name])
		cum := 0
		for i, n := range s.Latencies[name] {
			cum += n
			le := "+Inf"
			if i < len(buckets) {
				le = fmt.Sprintf("%g", buckets[i])
			}
			fmt.Fprintf(&b, "latency_ms_bucket{route=%q,le=%q} %d\n", label, le, cum)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Handler serves the counters.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := Take().WriteText(w); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
}

// Middleware counts every request that passes through next, under the
// pattern that pattern returns for it.
func Middleware(pattern func(*http.Request) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			start := time.Now()
			mu.Lock()
			inFlight++
			mu.Unlock()
			next.ServeHTTP(rec, r)
			name := pattern(r)
			if name == "" {
				name = r.URL.Path
			}
			observe(route(r.Method, name), rec.status, time.Since(start))
		})
	}
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}
