package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"parley"
	"parley/core"
	"parley/files"
	"parley/httpapi"
	"parley/natsbus"
	"parley/realtime"
	"parley/sqlstore"
	"parley/web"
)

// serve runs the server until ctx ends (SIGINT or SIGTERM), then shuts down gracefully.
func serve(ctx context.Context, args []string, stderr io.Writer) error {
	cfg, err := parseServeConfig(args, stderr)
	if err != nil {
		return err
	}
	log, err := newLogger(cfg, stderr)
	if err != nil {
		return err
	}
	srv, err := start(ctx, cfg, log)
	if err != nil {
		return err
	}
	log.Info("parley is listening", "addr", "http://"+srv.Addr(), "database", redactURL(cfg.Database), "node", cfg.NodeID)
	<-ctx.Done()
	log.Info("shutting down")
	return srv.Shutdown()
}

// server is one running node: its store, hub, bus, HTTP server and background loops.
type server struct {
	cfg      config
	log      *slog.Logger
	store    *sqlstore.Store
	hub      *realtime.Hub
	bus      parley.Bus
	metrics  *httpapi.Metrics
	closeBus func()
	http     *http.Server
	listener net.Listener
	debug    *http.Server // the profiler's, when --debug-addr is set
	stop     context.CancelFunc
	loops    sync.WaitGroup
}

// start migrates the database, wires every part and starts listening.
func start(ctx context.Context, cfg config, log *slog.Logger) (*server, error) {
	if err := sqlstore.Migrate(ctx, cfg.Database); err != nil {
		return nil, err
	}
	key, err := cfg.secretsKey()
	if err != nil {
		return nil, err
	}
	s := &server{cfg: cfg, log: log}
	// The store publishes after each commit; the bus needs the hub, and the hub the
	// store, so the store's hook reaches the bus through s once everything is built.
	store, err := sqlstore.Open(ctx, sqlstore.Options{URL: cfg.Database, Logger: log, OnCommit: s.published, SecretsKey: key})
	if err != nil {
		return nil, err
	}
	s.store = store
	if err := s.wire(ctx); err != nil {
		store.Close()
		return nil, err
	}
	return s, nil
}

func (s *server) published(events []parley.Event) {
	if s.metrics != nil {
		s.metrics.ObserveEvents(events)
	}
	if s.bus != nil && len(events) > 0 {
		if err := s.bus.Publish(context.Background(), events); err != nil {
			s.log.Warn("publishing events", "err", err) // nodes read them back from the log
		}
	}
}

func (s *server) wire(ctx context.Context) error {
	loopCtx, stop := context.WithCancel(context.Background())
	s.stop = stop
	s.hub = realtime.NewHub(s.store, s.log, realtime.HubOptions{})
	if err := s.connectBus(); err != nil {
		return err
	}
	fileStore, err := files.New(s.cfg.FilesDir, s.cfg.MaxFileSize)
	if err != nil {
		return err
	}
	svc, err := core.New(ctx, s.store, s.bus, parley.SystemClock{}, s.log, core.Config{SessionTTL: s.cfg.SessionTTL, Files: fileStore,
		ConsoleRefresh: s.cfg.ConsoleRefresh, ConsoleGoneAfter: s.cfg.ConsoleGoneAfter, Providers: providers()})
	if err != nil {
		return err
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	api := httpapi.New(httpapi.Options{Service: svc, Store: s.store, Log: s.log, Registry: reg, SecureCookies: s.cfg.SecureCookies, Clock: parley.SystemClock{}})
	s.metrics = api.Metrics()
	presence := svc.NewPresence()
	mountWebsockets(api, svc, s.hub, presence)
	s.runLoop(func() { s.hub.Run(loopCtx) })
	s.runLoop(func() { svc.RunTimers(loopCtx, s.cfg.TimerInterval) })
	s.runLoop(func() { svc.RunOutbox(loopCtx, s.cfg.OutboxInterval) })
	s.runLoop(func() { svc.RunMailboxes(loopCtx, s.cfg.MailInterval) })
	s.runLoop(func() { presence.Run(loopCtx) })
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	s.listener = ln
	if err := s.serveDebug(); err != nil {
		ln.Close()
		return err
	}
	s.http = &http.Server{Handler: routes(api.Handler(), web.Handler()), ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)}
	go func() {
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server stopped", "err", err)
		}
	}()
	return nil
}

// connectBus picks the in-process bus, or NATS when several nodes share the database.
func (s *server) connectBus() error {
	if s.cfg.NATSURL == "" {
		s.bus, s.closeBus = realtime.LocalBus{Hub: s.hub}, func() {}
		return nil
	}
	b, err := natsbus.New(s.cfg.NATSURL, s.cfg.NATSSubject, s.cfg.NodeID, s.hub.Deliver, s.log)
	if err != nil {
		return err
	}
	s.bus, s.closeBus = b, b.Close
	return nil
}

func (s *server) runLoop(fn func()) {
	s.loops.Add(1)
	go func() {
		defer s.loops.Done()
		fn()
	}()
}

// Addr is the address the server listens on.
func (s *server) Addr() string { return s.listener.Addr().String() }

// Shutdown stops taking connections, lets in-flight requests finish, tells every
// websocket to reconnect (close code 1012), and closes the store last.
func (s *server) Shutdown() error {
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	err := s.http.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		// What is left are requests slower than the timeout and connections that
		// never sent one (net/http waits 5 s for those): both are cut, which a
		// client survives by retrying, so it is not a failed shutdown.
		s.log.Warn("shutdown timeout reached: closing the remaining connections")
		err = s.http.Close()
	}
	if s.debug != nil {
		s.debug.Close()
	}
	s.hub.Shutdown()
	s.stop()
	s.loops.Wait()
	s.closeBus()
	return errors.Join(err, s.store.Close())
}
