// Command dateline puts news reports on the map: it geoparses articles
// against a gazetteer, stores places, mentions and events in one GeoPackage,
// and serves a map, GeoJSON downloads and an OGC API – Features endpoint.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"dateline/news/fetch"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// reportedError is a failure the command has already reported line by
// line (ingest's failed sources): exit status 1, nothing more printed.
type reportedError struct{ msg string }

func (e *reportedError) Error() string { return e.msg }

// exitCode prints err as one line and maps it to the exit status: 0 ok,
// 2 usage, 1 any other failure.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var re *reportedError
	if errors.As(err, &re) {
		return 1
	}
	fmt.Fprintln(stderr, "dateline: "+oneLine(err.Error()))
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func oneLine(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '\n' || r == '\r' {
			r = ' '
		}
		out = append(out, r)
	}
	return string(out)
}

const usageText = `usage: dateline <command> [flags]

commands:
  serve [--addr :8080] [--db FILE]      create and seed the database on first start, then serve the map and API
  geoparse [--raw] [FILE|-]...          print the place names of each article as a GeoJSON FeatureCollection
  ingest [--jobs N] [--raw] SOURCE...   store articles (files, folders, .zip/.tar.gz, .jsonl/.csv exports, -) with
                                        their places and events; duplicates (text, URL, near-identical) are skipped
  eval --gold FILE                      score the geoparser against a gold file, print JSON
  eval --events --gold DIR_OR_FILE...   score event extraction against event gold files (events-*.json), print JSON
  feeds add URL [--every 15m] [--outlet ID]
                                        follow an RSS, Atom or JSON feed; serve polls it for new articles
  feeds list [--json]                   the feeds followed: last success, last error, items seen and stored
  feeds rm ID                           stop following a feed
  feeds poll [ID]                       poll every feed (or one) now and store new articles, then exit
  reanalyse [--batch N]                 re-extract every stored article with the current rules and gazetteer
  synth --events N [--seed S]           add N synthetic events over the region (for trying the map at scale)
  gazetteer import FILE...              import curated GeoJSON or GeoNames dump files (with alternateNamesV2.txt)
  gazetteer export [-o FILE]            write every place as curated GeoJSON
  gazetteer search NAME                 find places by any of their names

every command takes --db FILE (default data/dateline.gpkg, or $DATELINE_DB)`

// run is the whole program: main only adapts it to the process.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	env := &environment{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr,
		web: fetch.Options{AllowPrivate: getenv(allowPrivateEnv) == "1"}}
	return env.run(ctx, args)
}

// run runs the command args names in env.
func (env *environment) run(ctx context.Context, args []string) error {
	stdout, stderr := env.stdout, env.stderr
	if len(args) == 0 {
		fmt.Fprintln(stderr, usageText)
		return usagef("no command given")
	}
	cmd, rest := args[0], args[1:]
	env.fetcher = pageFetcher{newWebClient(env)}
	switch cmd {
	case "serve":
		return cmdServe(ctx, env, rest)
	case "gazetteer":
		return cmdGazetteer(ctx, env, rest)
	case "geoparse":
		return cmdGeoparse(ctx, env, rest)
	case "eval":
		return cmdEval(ctx, env, rest)
	case "ingest":
		return cmdIngest(ctx, env, rest)
	case "feeds":
		return cmdFeeds(ctx, env, rest)
	case "synth":
		return cmdSynth(ctx, env, rest)
	case "reanalyse", "reanalyze":
		return cmdReanalyse(ctx, env, rest)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usageText)
		return nil
	default:
		fmt.Fprintln(stderr, usageText)
		return usagef("unknown command %q", cmd)
	}
}

// environment is what a command may touch of the process.
type environment struct {
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
	// fetcher fetches the pages of http(s) sources; nil: such sources fail.
	fetcher PageFetcher
	// web configures the web clients: run allows private addresses when
	// allowPrivateEnv=1 and keeps every other default; tests shorten the
	// timeout and the per-host delay here, never through flags or variables.
	web fetch.Options
	// client is the one web client of the run, made on first use, so that
	// pages and feeds share one politeness per host.
	client *fetch.Client
}
