module example.com/benchservice

go 1.26

require (
	github.com/go-chi/chi/v5 v5.5.0
	github.com/google/uuid v1.6.0
	go.etcd.io/bbolt v1.5.0
	golang.org/x/sync v0.20.0
)

require golang.org/x/sys v0.45.0 // indirect
