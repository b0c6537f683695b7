// Package auth issues and checks session tokens and rate-limits login
// attempts per address.
package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// ErrUnauthorized means the request carries no valid session.
var ErrUnauthorized = errors.New("unauthorized")

// Session is a logged-in user.
type Session struct {
	Token   string
	User    string
	Admin   bool
	Expires time.Time
}

// Sessions holds the live sessions. Its zero value is not usable; use
// NewSessions.
type Sessions struct {
	mu   sync.RWMutex
	byID map[string]Session
	ttl  time.Duration
	now  func() time.Time
}

// NewSessions returns an empty session table whose sessions last ttl.
func NewSessions(ttl time.Duration) *Sessions {
	return &Sessions{byID: map[string]Session{}, ttl: ttl, now: time.Now}
}

// Create starts a session for user.
func (s *Sessions) Create(user string, admin bool) Session {
	sess := Session{Token: uuid.NewString(), User: user, Admin: admin, Expires: s.now().Add(s.ttl)}
	s.mu.Lock()
	s.byID[sess.Token] = sess
	s.mu.Unlock()
	return sess
}

// Lookup returns the live session with token.
func (s *Sessions) Lookup(token string) (Session, error) {
	s.mu.RLock()
	sess, ok := s.byID[token]
	s.mu.RUnlock()
	if !ok || s.now().After(sess.Expires) {
		return Session{}, ErrUnauthorized
	}
	return sess, nil
}

// Revoke ends the session with token.
func (s *Sessions) Revoke(token string) {
	s.mu.Lock()
	delete(s.byID, token)
	s.mu.Unlock()
}

// Sweep drops expired sessions and returns how many.
func (s *Sessions) Sweep() int {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for k, sess := range s.byID {
		if now.After(sess.Expires) {
			delete(s.byID, k)
			n++
		}
	}
	return n
}

// Len returns the number of sessions, expired ones included.
func (s *Sessions) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.byID)
}

type ctxKey struct{}

// FromContext returns the session that Middleware stored in ctx.
func FromContext(ctx context.Context) (Session, bool) {
	sess, ok := ctx.Value(ctxKey{}).(Session)
	return sess, ok
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// Middleware rejects requests without a valid session and stores the
// session in the request's context.
func (s *Sessions) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, err := s.Lookup(bearer(r))
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="svc"`)
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, sess)))
	})
}

// RequireAdmin rejects sessions that are not an administrator's.
func RequireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sess, ok := FromContext(r.Context()); !ok || !sess.Admin {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CheckPassword compares a password with the expected one in constant
// time. The service keeps no real credentials: it is a benchmark.
func CheckPassword(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// Login attempts per remote address, in package-level state.
var (
	attemptsMu sync.Mutex
	attempts   = map[string][]time.Time{}
	window     = time.Minute
	maxTries   = 5
)

// Allow reports whether the address of r may try to log in again, and
// records the attempt.
func Allow(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	now := time.Now()
	attemptsMu.Lock()
	defer attemptsMu.Unlock()
	recent := attempts[host][:0]
	for _, t := range attempts[host] {
		if now.Sub(t) < window {
			recent = append(recent, t)
		}
	}
	if len(recent) >= maxTries {
		attempts[host] = recent
		return false
	}
	attempts[host] = append(recent, now)
	return true
}

// ForgetAttempts drops the attempts of every address; a janitor calls it.
func ForgetAttempts() {
	attemptsMu.Lock()
	clear(attempts)
	attemptsMu.Unlock()
}
