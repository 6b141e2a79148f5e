package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/verbatim/verbatim/api"
	"github.com/verbatim/verbatim/index"
	"github.com/verbatim/verbatim/verify"
)

func runServe(args []string, stderr io.Writer) error {
	fs := newFlags("serve", "serve [flags]", stderr)
	addr := fs.String("addr", envOr("addr", "127.0.0.1:8080"), "address to listen on")
	data := fs.String("data", envOr("data", "./data"), "data directory (the index)")
	key := fs.String("api-key", envOr("api_key", ""), "API key for writes (prefer the VERBATIM_API_KEY environment variable; empty disables writes)")
	maxBody := fs.Int("max-body", envInt("max_body", api.DefaultMaxBodyBytes), "largest request body in bytes")
	maxQuote := fs.Int("max-quote", envInt("max_quote", verify.DefaultConfig.MaxQuoteBytes), "longest quote in bytes")
	maxBatch := fs.Int("max-batch", envInt("max_batch", api.DefaultMaxBatchLines), "most lines in POST /v1/verify/batch")
	shutdown := fs.Duration("shutdown-timeout", envDuration("shutdown_timeout", 30*time.Second), "how long SIGTERM waits for requests in flight")
	readHeader := fs.Duration("read-header-timeout", envDuration("read_header_timeout", 5*time.Second), "how long a client may take to send a request's headers")
	read := fs.Duration("read-timeout", envDuration("read_timeout", 60*time.Second), "how long a client may take to send a whole request")
	write := fs.Duration("write-timeout", envDuration("write_timeout", 120*time.Second), "how long a request may take from its headers to the end of its answer")
	retrieval := fs.String("retrieval", envOr("retrieval", index.RetrievalBleve), "where verify finds candidate sources: bleve (search the on-disk index) or memory (inverted lists in RAM beside it, rebuilt at start: ~3x less CPU per verify, more memory; see BENCHMARKS.md)")
	pprofAddr := fs.String("pprof", envOr("pprof", ""), "serve Go's pprof profiles (/debug/pprof/) on this loopback address, e.g. 127.0.0.1:6060; empty (the default) serves none")
	idle := fs.Duration("idle-timeout", envDuration("idle_timeout", 120*time.Second), "how long a kept-alive connection may wait for its next request")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected arguments %q", fs.Args())
	}
	if *maxBody < 1024 || *maxQuote < 16 || *maxBatch < 1 {
		return usageErr("--max-body must be at least 1024, --max-quote at least 16, --max-batch at least 1")
	}
	if *readHeader <= 0 || *read <= 0 || *write <= 0 || *idle <= 0 {
		return usageErr("--read-header-timeout, --read-timeout, --write-timeout and --idle-timeout must be positive: a slow client must not hold a connection forever")
	}
	if *retrieval != index.RetrievalBleve && *retrieval != index.RetrievalMemory {
		return usageErr("--retrieval must be %s or %s", index.RetrievalBleve, index.RetrievalMemory)
	}
	if *pprofAddr != "" {
		if err := checkLoopback(*pprofAddr); err != nil {
			return usageErr("--pprof: %v", err)
		}
	}
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	slog.SetDefault(logger)

	cfg := verify.DefaultConfig
	cfg.MaxQuoteBytes = *maxQuote
	srv := api.New(api.Config{APIKey: *key, MaxBodyBytes: int64(*maxBody), MaxBatchLines: *maxBatch})
	httpSrv := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: *readHeader,
		ReadTimeout:       *read,
		WriteTimeout:      *write,
		IdleTimeout:       *idle,
		MaxHeaderBytes:    64 << 10,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	if *pprofAddr != "" {
		pl, err := net.Listen("tcp", *pprofAddr)
		if err != nil {
			httpSrv.Close()
			return fmt.Errorf("listen on %s for pprof: %w", *pprofAddr, err)
		}
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		ps := &http.Server{Handler: mux, ReadHeaderTimeout: *readHeader}
		go func() { _ = ps.Serve(pl) }()
		defer ps.Close()
		slog.Info("pprof", "addr", pl.Addr().String())
	}
	// Serve /healthz at once; /readyz and /v1 turn ready once the index is
	// open (and seeded on first start).
	serveErr := make(chan error, 1)
	go func() { serveErr <- httpSrv.Serve(ln) }()
	slog.Info("listening", "addr", ln.Addr().String(), "data", *data, "writes", *key != "")

	// Signals are caught from here on, so that a SIGTERM while the index
	// loads still closes it cleanly (opening is not interrupted: the index
	// is closed as soon as it is open).
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	a, ix, err := openArchive(*data, cfg, true, *retrieval)
	if err != nil {
		httpSrv.Close()
		return err
	}
	// Build the speaker registry now (it is built on first use): the
	// first verify would otherwise pay for it, ~0.5 s on 22k sources.
	_ = a.Speakers()
	srv.SetArchive(a)
	slog.Info("ready", "sources", a.Count())

	select {
	case err = <-serveErr:
	case s := <-sig:
		slog.Info("shutting down", "signal", s.String())
		ctx, cancel := context.WithTimeout(context.Background(), *shutdown)
		err = httpSrv.Shutdown(ctx)
		cancel()
		if err != nil {
			// Requests still running past the timeout are cut off before
			// the index closes under them.
			httpSrv.Close()
		}
	}
	if cerr := ix.Close(); cerr != nil && err == nil {
		err = cerr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	slog.Info("stopped")
	return err
}

// checkLoopback refuses a pprof address that is not a loopback one: the
// profiles show the server's internals and cost CPU to take.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%q is not a loopback address (use 127.0.0.1:PORT)", addr)
	}
	return nil
}
