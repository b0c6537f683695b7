// Command svc serves the shop API of the benchmark service: a small but
// ordinary net/http program (chi, bbolt, uuid, errgroup) that
// _bench/compare.sh analyses. It is not part of chanown.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sync/errgroup"

	"example.com/benchservice/internal/api"
	"example.com/benchservice/internal/auth"
	"example.com/benchservice/internal/cache"
	"example.com/benchservice/internal/jobs"
	"example.com/benchservice/internal/store"
)

var (
	addr     = flag.String("addr", "localhost:8080", "listen address")
	dbPath   = flag.String("db", "shop.db", "database file")
	password = flag.String("password", "", "the password of every account")
	workers  = flag.Int("workers", 4, "background workers")
)

// Reloads of the configuration file, counted for the status line.
var (
	statusMu sync.Mutex
	reloads  int
	lastLoad time.Time
)

func main() {
	flag.Parse()
	if *password == "" {
		log.Fatal("svc: -password is required")
	}
	st, err := store.Open(*dbPath)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	sessions := auth.NewSessions(12 * time.Hour)
	pool := jobs.NewPool(*workers, 256, 30*time.Second)
	srv := &api.Server{Store: st, Sessions: sessions, Jobs: pool, Password: *password, Now: time.Now}
	cache.Start(time.Minute, ctx.Done())

	jobs.Every(ctx, 5*time.Minute, jobs.Job{Name: "sweep sessions", Run: func(context.Context) error {
		log.Printf("swept %d sessions", sessions.Sweep())
		return nil
	}})
	jobs.Every(ctx, time.Hour, jobs.Job{Name: "forget login attempts", Run: func(context.Context) error {
		auth.ForgetAttempts()
		return nil
	}})

	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		for range hup {
			statusMu.Lock()
			reloads++
			lastLoad = time.Now()
			statusMu.Unlock()
			log.Printf("reloaded")
		}
	}()

	httpSrv := &http.Server{
		Addr:              *addr,
		Handler:           withStatus(srv.Routes()),
		ReadHeaderTimeout: 5 * time.Second,
	}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return pool.Run(ctx) })
	g.Go(func() error {
		log.Printf("listening on %s", *addr)
		if err := httpSrv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	})
	g.Go(func() error {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return httpSrv.Shutdown(shutdown)
	})
	if err := g.Wait(); err != nil {
		log.Fatal(err)
	}
}

// withStatus adds a status line header to every response.
func withStatus(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		statusMu.Lock()
		n, at := reloads, lastLoad
		statusMu.Unlock()
		if n > 0 {
			w.Header().Set("X-Reloads", at.Format(time.RFC3339))
		}
		next.ServeHTTP(w, r)
	})
}
