package main

// A module is one real module the harness analyses: ./... of its
// directory in the module cache, tests included.
type module struct {
	Path    string
	Version string
	Shape   string // what kind of code it stands for
	Subset  bool   // part of the default (CI) subset
}

// String returns path@version, as go mod download takes it.
func (m module) String() string { return m.Path + "@" + m.Version }

// modules are the pinned modules, the default subset first. Each loads
// fully here (go list -e -test -deps ./... reports no error) with
// GOTOOLCHAIN=local on go1.26. Left out: github.com/coredns/coredns
// (loads, but 300 packages with tests and miekg/dns already stands for
// DNS), restic and rclone (no usable module version on the proxy here),
// go.etcd.io/etcd/server and badger (bbolt stands for the key-value
// stores at a fraction of the time).
var modules = []module{
	{"github.com/go-sql-driver/mysql", "v1.10.1", "database driver", true},
	{"github.com/miekg/dns", "v1.1.73", "DNS library and server", true},
	{"go.etcd.io/bbolt", "v1.5.0", "key-value store", true},
	{"go.uber.org/zap", "v1.28.0", "logging", true},
	{"github.com/prometheus/client_golang", "v1.25.0", "metrics, global registries", false},
	{"github.com/jackc/pgx/v5", "v5.12.0", "database driver, connection pool", false},
	{"github.com/gin-gonic/gin", "v1.12.0", "HTTP framework", false},
	{"github.com/go-task/task/v3", "v3.54.0", "CLI application", false},
	{"github.com/nats-io/nats-server/v2", "v2.15.2", "message queue server", false},
	{"google.golang.org/grpc", "v1.85.0", "RPC framework", false},
	{"sigs.k8s.io/controller-runtime", "v0.25.2", "Kubernetes controller framework", false},
	{"github.com/syncthing/syncthing", "v1.30.0", "file synchronisation", false},
	{"github.com/caddyserver/caddy/v2", "v2.11.9", "HTTP server", false},
}
