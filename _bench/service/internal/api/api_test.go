package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"example.com/benchservice/internal/auth"
	"example.com/benchservice/internal/store"
)

func newServer(t *testing.T) (*Server, http.Handler) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s := &Server{Store: st, Sessions: auth.NewSessions(time.Hour), Password: "pw", Now: time.Now}
	return s, s.Routes()
}

func do(t *testing.T, h http.Handler, method, path, token string, body any) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	if body != nil {
		if err := json.NewEncoder(&buf).Encode(body); err != nil {
			t.Fatal(err)
		}
	}
	req := httptest.NewRequest(method, path, &buf)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestOrderFlow(t *testing.T) {
	s, h := newServer(t)
	if rec := do(t, h, "POST", "/users", "", createUserRequest{"a@example.com", "A"}); rec.Code != http.StatusCreated {
		t.Fatalf("create user: %d %s", rec.Code, rec.Body)
	}
	rec := do(t, h, "POST", "/sessions", "", loginRequest{"a@example.com", "pw"})
	if rec.Code != http.StatusCreated {
		t.Fatalf("login: %d %s", rec.Code, rec.Body)
	}
	var login loginResponse
	json.Unmarshal(rec.Body.Bytes(), &login)
	if err := s.Store.PutProduct(store.Product{ID: "p1", Name: "Pen", Price: 150, Stock: 3}); err != nil {
		t.Fatal(err)
	}
	rec = do(t, h, "POST", "/orders", login.Token, orderRequest{[]store.Line{{Product: "p1", Quantity: 2}}})
	if rec.Code != http.StatusCreated {
		t.Fatalf("order: %d %s", rec.Code, rec.Body)
	}
	var o store.Order
	json.Unmarshal(rec.Body.Bytes(), &o)
	if o.Total != 300 || o.Status != store.StatusPending {
		t.Errorf("order %+v", o)
	}
	rec = do(t, h, "POST", "/orders", login.Token, orderRequest{[]store.Line{{Product: "p1", Quantity: 2}}})
	if rec.Code != http.StatusConflict {
		t.Errorf("order beyond stock: %d, want 409", rec.Code)
	}
	if rec := do(t, h, "POST", "/orders/"+o.ID+"/cancel", login.Token, nil); rec.Code != http.StatusOK {
		t.Errorf("cancel: %d %s", rec.Code, rec.Body)
	}
	p, _ := s.Store.Product("p1")
	if p.Stock != 3 {
		t.Errorf("stock after cancel %d, want 3", p.Stock)
	}
}

func TestUnauthorized(t *testing.T) {
	_, h := newServer(t)
	if rec := do(t, h, "GET", "/me", "nope", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("GET /me with a bad token: %d", rec.Code)
	}
	if rec := do(t, h, "GET", "/admin/users", "", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("GET /admin/users without a token: %d", rec.Code)
	}
}

func TestProductsPaging(t *testing.T) {
	s, h := newServer(t)
	for _, id := range []string{"a", "b", "c"} {
		s.Store.PutProduct(store.Product{ID: id, Name: id, Price: 1, Stock: 1, Tags: []string{"x"}})
	}
	rec := do(t, h, "GET", "/products?tags=x&limit=2&offset=1", "", nil)
	var ps []store.Product
	json.Unmarshal(rec.Body.Bytes(), &ps)
	if len(ps) != 2 || ps[0].ID != "b" {
		t.Errorf("page: %+v", ps)
	}
}
