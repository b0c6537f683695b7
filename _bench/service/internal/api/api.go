// Package api serves the shop's HTTP API: users, sessions, products and
// orders, as JSON, with chi.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/google/uuid"

	"example.com/benchservice/internal/auth"
	"example.com/benchservice/internal/cache"
	"example.com/benchservice/internal/jobs"
	"example.com/benchservice/internal/metrics"
	"example.com/benchservice/internal/store"
)

// Server holds what the handlers need.
type Server struct {
	Store    *store.Store
	Sessions *auth.Sessions
	Jobs     *jobs.Pool
	// Password is the one password every account shares: the service
	// is a benchmark, not a shop.
	Password string
	Now      func() time.Time
}

// Recent events for the admin page, in package-level state written by
// every handler.
var (
	eventsMu sync.Mutex
	events   []string
	lastErr  error
)

// event records a line for the admin page.
func event(format string, args ...any) {
	line := time.Now().UTC().Format(time.RFC3339) + " " + fmt.Sprintf(format, args...)
	eventsMu.Lock()
	events = append(events, line)
	if len(events) > 100 {
		events = events[1:]
	}
	eventsMu.Unlock()
}

// Routes returns the router.
func (s *Server) Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)
	r.Use(metrics.Middleware(func(r *http.Request) string {
		if rc := chi.RouteContext(r.Context()); rc != nil {
			return rc.RoutePattern()
		}
		return ""
	}))
	r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	r.Handle("/metrics", metrics.Handler())
	r.Post("/users", s.createUser)
	r.Post("/sessions", s.login)
	r.Get("/products", s.listProducts)
	r.Get("/products/{id}", s.getProduct)
	r.Group(func(r chi.Router) {
		r.Use(s.Sessions.Middleware)
		r.Delete("/sessions", s.logout)
		r.Get("/me", s.me)
		r.Get("/orders", s.listOrders)
		r.Post("/orders", s.placeOrder)
		r.Get("/orders/{id}", s.getOrder)
		r.Post("/orders/{id}/cancel", s.cancelOrder)
		r.Group(func(r chi.Router) {
			r.Use(auth.RequireAdmin)
			r.Put("/products/{id}", s.putProduct)
			r.Post("/orders/{id}/pay", s.payOrder)
			r.Post("/orders/{id}/ship", s.shipOrder)
			r.Get("/admin/users", s.listUsers)
			r.Delete("/admin/users/{id}", s.deleteUser)
			r.Get("/admin/events", s.adminEvents)
			r.Get("/admin/jobs", s.adminJobs)
			r.Get("/admin/stats", s.adminStats)
		})
	})
	return r
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		log.Printf("writing response: %v", err)
	}
}

// apiError is the body of every error response.
type apiError struct {
	Error string `json:"error"`
}

// fail writes err with the status that its kind calls for.
func fail(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, store.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, store.ErrConflict):
		status = http.StatusConflict
	case errors.Is(err, auth.ErrUnauthorized):
		status = http.StatusUnauthorized
	case errors.Is(err, errBadRequest):
		status = http.StatusBadRequest
	}
	if status == http.StatusInternalServerError {
		eventsMu.Lock()
		lastErr = err
		eventsMu.Unlock()
	}
	writeJSON(w, status, apiError{err.Error()})
}

var errBadRequest = errors.New("bad request")

// decode reads a JSON body of at most 1 MiB into v.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%w: %v", errBadRequest, err)
	}
	return nil
}

type createUserRequest struct {
	Email string `json:"email"`
	Name  string `json:"name"`
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	var req createUserRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	req.Email = strings.TrimSpace(req.Email)
	if !strings.Contains(req.Email, "@") || req.Name == "" {
		fail(w, fmt.Errorf("%w: email and name are required", errBadRequest))
		return
	}
	u := store.User{ID: uuid.NewString(), Email: req.Email, Name: req.Name, Created: s.Now()}
	if err := s.Store.CreateUser(u); err != nil {
		fail(w, err)
		return
	}
	event("user %s created", u.ID)
	writeJSON(w, http.StatusCreated, u)
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type loginResponse struct {
	Token   string    `json:"token"`
	Expires time.Time `json:"expires"`
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if !auth.Allow(r) {
		writeJSON(w, http.StatusTooManyRequests, apiError{"too many attempts"})
		return
	}
	var req loginRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	u, err := s.Store.UserByEmail(req.Email)
	if err != nil || !auth.CheckPassword(req.Password, s.Password) {
		fail(w, auth.ErrUnauthorized)
		return
	}
	sess := s.Sessions.Create(u.ID, u.Admin)
	event("user %s logged in", u.ID)
	writeJSON(w, http.StatusCreated, loginResponse{sess.Token, sess.Expires})
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	sess, _ := auth.FromContext(r.Context())
	s.Sessions.Revoke(sess.Token)
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	sess, _ := auth.FromContext(r.Context())
	u, err := s.Store.User(sess.User)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (s *Server) listProducts(w http.ResponseWriter, r *http.Request) {
	var tags []string
	if t := r.URL.Query().Get("tags"); t != "" {
		tags = strings.Split(t, ",")
	}
	key := "products:" + strings.Join(tags, ",")
	v, err := cache.GetOrLoad(key, 30*time.Second, func() (any, error) { return s.Store.Products(tags...) })
	if err != nil {
		fail(w, err)
		return
	}
	products := v.([]store.Product)
	limit, offset := page(r, len(products))
	writeJSON(w, http.StatusOK, products[offset:min(offset+limit, len(products))])
}

// page returns the limit and offset query parameters, clamped to n.
func page(r *http.Request, n int) (limit, offset int) {
	limit, offset = 50, 0
	if v, err := strconv.Atoi(r.URL.Query().Get("limit")); err == nil && v > 0 && v <= 500 {
		limit = v
	}
	if v, err := strconv.Atoi(r.URL.Query().Get("offset")); err == nil && v >= 0 {
		offset = v
	}
	return limit, min(offset, n)
}

func (s *Server) getProduct(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	v, err := cache.GetOrLoad("product:"+id, time.Minute, func() (any, error) { return s.Store.Product(id) })
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) putProduct(w http.ResponseWriter, r *http.Request) {
	var p store.Product
	if err := decode(r, &p); err != nil {
		fail(w, err)
		return
	}
	p.ID = chi.URLParam(r, "id")
	if p.Name == "" || p.Price < 0 || p.Stock < 0 {
		fail(w, fmt.Errorf("%w: name, price >= 0 and stock >= 0 are required", errBadRequest))
		return
	}
	if err := s.Store.PutProduct(p); err != nil {
		fail(w, err)
		return
	}
	cache.Delete("product:" + p.ID)
	cache.DeletePrefix("products:")
	event("product %s stored", p.ID)
	writeJSON(w, http.StatusOK, p)
}

type orderRequest struct {
	Lines []store.Line `json:"lines"`
}

func (s *Server) placeOrder(w http.ResponseWriter, r *http.Request) {
	sess, _ := auth.FromContext(r.Context())
	var req orderRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	if len(req.Lines) == 0 {
		fail(w, fmt.Errorf("%w: an order needs lines", errBadRequest))
		return
	}
	o := &store.Order{ID: uuid.NewString(), User: sess.User, Lines: req.Lines, Created: s.Now()}
	if err := s.Store.PlaceOrder(o); err != nil {
		fail(w, err)
		return
	}
	cache.DeletePrefix("products:")
	for _, l := range o.Lines {
		cache.Delete("product:" + l.Product)
	}
	s.notify(o.ID, "placed")
	event("order %s placed by %s", o.ID, o.User)
	writeJSON(w, http.StatusCreated, o)
}

// notify queues a job that tells the (imaginary) mail system about an
// order.
func (s *Server) notify(order, what string) {
	if s.Jobs == nil {
		return
	}
	err := s.Jobs.Submit(jobs.Job{Name: "notify " + what, Run: func(ctx context.Context) error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Millisecond):
			log.Printf("mail: order %s %s", order, what)
			return nil
		}
	}})
	if err != nil {
		event("order %s %s: not notified: %v", order, what, err)
	}
}

// ownOrder returns the order in the URL if the session may see it.
func (s *Server) ownOrder(r *http.Request) (store.Order, error) {
	sess, _ := auth.FromContext(r.Context())
	o, err := s.Store.Order(chi.URLParam(r, "id"))
	if err != nil {
		return o, err
	}
	if o.User != sess.User && !sess.Admin {
		return o, store.ErrNotFound
	}
	return o, nil
}

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) {
	o, err := s.ownOrder(r)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

func (s *Server) listOrders(w http.ResponseWriter, r *http.Request) {
	sess, _ := auth.FromContext(r.Context())
	user := sess.User
	if sess.Admin && r.URL.Query().Get("all") == "1" {
		user = ""
	}
	orders, err := s.Store.Orders(user)
	if err != nil {
		fail(w, err)
		return
	}
	limit, offset := page(r, len(orders))
	writeJSON(w, http.StatusOK, orders[offset:min(offset+limit, len(orders))])
}

// transition moves the order in the URL to status.
func (s *Server) transition(w http.ResponseWriter, r *http.Request, status string) {
	o, err := s.ownOrder(r)
	if err != nil {
		fail(w, err)
		return
	}
	if err := s.Store.SetStatus(o.ID, status); err != nil {
		fail(w, err)
		return
	}
	if status == store.StatusCancelled {
		cache.DeletePrefix("products:")
	}
	s.notify(o.ID, status)
	event("order %s %s", o.ID, status)
	o, err = s.Store.Order(o.ID)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

func (s *Server) cancelOrder(w http.ResponseWriter, r *http.Request) {
	s.transition(w, r, store.StatusCancelled)
}

func (s *Server) payOrder(w http.ResponseWriter, r *http.Request) {
	s.transition(w, r, store.StatusPaid)
}

func (s *Server) shipOrder(w http.ResponseWriter, r *http.Request) {
	s.transition(w, r, store.StatusShipped)
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.Store.Users()
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, users)
}

func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	if err := s.Store.DeleteUser(id); err != nil {
		fail(w, err)
		return
	}
	event("user %s deleted", id)
	w.WriteHeader(http.StatusNoContent)
}

type eventsResponse struct {
	Events  []string `json:"events"`
	LastErr string   `json:"last_error,omitempty"`
}

func (s *Server) adminEvents(w http.ResponseWriter, r *http.Request) {
	eventsMu.Lock()
	resp := eventsResponse{Events: append([]string(nil), events...)}
	if lastErr != nil {
		resp.LastErr = lastErr.Error()
	}
	eventsMu.Unlock()
	writeJSON(w, http.StatusOK, resp)
}

type jobsResponse struct {
	History  []jobs.Result  `json:"history"`
	Failures map[string]int `json:"failures"`
}

func (s *Server) adminJobs(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, jobsResponse{jobs.History(), jobs.Failures()})
}

type statsResponse struct {
	Buckets  map[string]int `json:"buckets"`
	Sessions int            `json:"sessions"`
	Hits     int            `json:"cache_hits"`
	Misses   int            `json:"cache_misses"`
	Cached   int            `json:"cached"`
}

func (s *Server) adminStats(w http.ResponseWriter, r *http.Request) {
	buckets, err := s.Store.Stats()
	if err != nil {
		fail(w, err)
		return
	}
	hits, misses, size := cache.Stats()
	writeJSON(w, http.StatusOK, statsResponse{buckets, s.Sessions.Len(), hits, misses, size})
}
