package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"dateline/server"
	"dateline/static"
)

func cmdServe(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("serve", env, &cfg)
	fs.StringVar(&cfg.Addr, "addr", ":8080", "listen address")
	proxies := fs.String("trusted-proxies", env.getenv("DATELINE_TRUSTED_PROXIES"),
		"comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve: unexpected argument %q", pos[0])
	}
	for _, p := range strings.Split(*proxies, ",") {
		if p = strings.TrimSpace(p); p != "" {
			cfg.TrustedProxies = append(cfg.TrustedProxies, p)
		}
	}
	cfg.AdminPassword = env.getenv("DATELINE_ADMIN_PASSWORD")
	cfg.TileURL = env.getenv("DATELINE_TILE_URL")
	cfg.TileAttrib = env.getenv("DATELINE_TILE_ATTRIBUTION")

	logger := slog.New(slog.NewTextHandler(env.stderr, nil))
	p, err := openPipeline(ctx, cfg.DB, env.stderr)
	if err != nil {
		return err
	}
	defer p.close()

	// The poller polls the feeds in the background and, on request, through the admin API.
	poller, err := p.poller(env, env.stderr)
	if err != nil {
		return err
	}
	srv, err := server.New(ctx, server.Config{
		TileURL:         cfg.TileURL,
		TileAttribution: cfg.TileAttrib,
		AdminPassword:   cfg.AdminPassword,
		TrustedProxies:  cfg.TrustedProxies,
	}, server.Deps{
		Places:    p.places,
		News:      p.news,
		Geoparser: p.live,
		Ingester:  p.in,
		Pages:     pageFetcher{newWebClient(env)},
		Feeds:     p.feeds,
		Poller:    poller,
		Static:    static.FS(),
		Logger:    logger,
	})
	if err != nil {
		return err
	}
	// Stops re-geoparsing after edits before the database closes.
	defer srv.Close()

	// Feeds are polled in the background while the server runs, and stop before the database closes.
	pollCtx, stopPolling := context.WithCancel(ctx)
	polling := make(chan struct{})
	go func() {
		defer close(polling)
		poller.Run(pollCtx, time.Minute)
	}()
	defer func() {
		stopPolling()
		<-polling
	}()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	hs := &http.Server{
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	logger.Info("serving", "addr", "http://"+displayAddr(ln.Addr()), "db", cfg.DB)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func displayAddr(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}
