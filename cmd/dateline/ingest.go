package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
)

func cmdIngest(ctx context.Context, env *environment, args []string) error {
	var cfg Config
	fs := newFlags("ingest", env, &cfg)
	raw := fs.Bool("raw", false, "store the whole text, boilerplate included")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("ingest: want one or more files (- for standard input)")
	}
	// Read every file first: a bad one stops the run before anything is stored.
	inputs := make([][]byte, len(files))
	for i, f := range files {
		if inputs[i], err = readInput(env, f); err != nil {
			return err
		}
	}
	p, err := openPipeline(ctx, cfg.DB, env.stderr)
	if err != nil {
		return err
	}
	defer p.close()
	enc := json.NewEncoder(env.stdout)
	for i, f := range files {
		name := filepath.Base(f)
		if f == "-" {
			name = "stdin.txt"
		}
		r, err := p.in.Ingest(ctx, name, inputs[i], *raw)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		if err := enc.Encode(r); err != nil {
			return err
		}
		if r.Stored && r.Mentions == 0 {
			fmt.Fprintf(env.stderr, "dateline: %s: stored, but no place names were found in it\n", f)
		}
	}
	return nil
}
