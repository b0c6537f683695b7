// Package lib calls interface methods of its own on goroutines of its // want package:`chanown\(module ""; reported ; counts ; invokes ifacecall/lib.Handler.Handle in goroutine started in \(\*Server\).Serve \(multiple\); invokes ifacecall/lib.Service.Serve in goroutine started in \(\*Supervisor\).Add\)`
// own (DESIGN §1 "reach"): Handler.Handle per request, on a goroutine
// started in a loop (multiple), and Service.Serve on the goroutine that
// Supervisor.Add starts (once per call). It calls Config.Name only in
// its callers' context, and io.Writer's Write, an interface of another
// module, on a goroutine. Its package fact lists the first two;
// ifacecall/app implements them.
package lib

import "io"

// Handler handles one request.
type Handler interface {
	Handle(req string)
}

// Config names a server.
type Config interface {
	Name() string
}

// Service is a long-running task.
type Service interface {
	Serve()
}

// Server runs a Handler per request.
type Server struct {
	h   Handler
	c   Config
	log io.Writer
}

// NewServer returns a Server.
func NewServer(h Handler, c Config, log io.Writer) *Server {
	return &Server{h: h, c: c, log: log}
}

// Serve handles each request on a goroutine of its own.
func (s *Server) Serve(reqs []string) { // want Serve:`chanown\(invokes ifacecall/lib.Config.Name\)`
	_ = s.c.Name() // in the caller's context: no fact
	for _, r := range reqs {
		go func() {
			s.h.Handle(r)
			s.log.Write([]byte(r)) // io.Writer is not this module's: no fact
		}()
	}
}

// Supervisor runs services.
type Supervisor struct{}

// Add runs svc on a goroutine of its own.
func (*Supervisor) Add(svc Service) { // want Add:`chanown\(invokes ifacecall/lib.Service.Serve\)`
	go svc.Serve()
}
