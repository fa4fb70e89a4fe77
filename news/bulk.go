package news

import (
	"context"
	"errors"
	"iter"
	"sync"
	"time"
)

// Item is one article for IngestAll: raw text read from Name, or a Record.
type Item struct {
	// Source says where the item came from, for reports ("a.jsonl:12",
	// "b.zip!dir/c.html").
	Source string
	Name   string // the article's name (its id), for Raw
	Raw    []byte
	Record *Record // when set, the article is read from it instead
	// Size is how many input bytes the item stands for (progress).
	Size int64
	// Err is set when the item could not be read; IngestAll reports it as failed.
	Err error
}

// BulkConfig tunes IngestAll.
type BulkConfig struct {
	Jobs    int  // articles parsed and analysed at once; < 1 means 1
	Batch   int  // articles stored per transaction; < 1 means 200
	KeepRaw bool // the whole text is the body (ParseRaw)
}

// BulkStats says what IngestAll did and where its time went. Read and
// Analyse are summed over the workers; Store is the writer's.
type BulkStats struct {
	Items, Stored, Duplicates, Failed int
	Read, Analyse, Store              time.Duration
	Batches                           int
}

// IngestAll ingests many articles fast and in order: one goroutine reads
// items, Jobs workers parse and analyse them, and one writer stores them
// Batch at a time, each batch in one transaction (Store.SaveBatch, which
// decides duplicates inside it). report hears of every item in input
// order, from one goroutine: its result, or why it failed. An item that
// fails never stops the others; a batch the database refuses is stored
// again one article at a time, so that only the bad one fails. The writer
// stores through a Bulk writer of its own. IngestAll returns an error only
// when ctx ends or the database cannot be reached at all.
func (in *Ingester) IngestAll(ctx context.Context, items iter.Seq[Item], cfg BulkConfig,
	report func(Item, IngestResult, error)) (BulkStats, error) {
	jobs, batch := max(cfg.Jobs, 1), cfg.Batch
	if batch < 1 {
		batch = 200
	}
	// The writer's connection, opened before anything starts that the
	// return would have to wait for.
	bw, err := in.Store.Bulk(context.WithoutCancel(ctx))
	if err != nil {
		return BulkStats{}, err
	}
	defer bw.Close()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type outcome struct {
		p             *Parsed
		r             IngestResult // a duplicate found before analysis
		err           error
		read, analyse time.Duration
	}
	type job struct {
		item Item
		done chan outcome
	}
	work := make(chan *job, 2*jobs)
	// order bounds what is in flight: the writer takes jobs in input order,
	// and the reader waits when it is this far ahead: a batch's worth, so
	// that the workers fill the next batch while the writer stores one.
	order := make(chan *job, batch+2*jobs)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(work)
		defer close(order)
		for it := range items {
			j := &job{item: it, done: make(chan outcome, 1)}
			select {
			case order <- j:
			case <-ctx.Done():
				return
			}
			if it.Err != nil {
				j.done <- outcome{err: it.Err}
				continue
			}
			select {
			case work <- j:
			case <-ctx.Done():
				return
			}
		}
	})
	for range jobs {
		wg.Go(func() {
			for j := range work {
				var o outcome
				o.p, o.r, o.read, o.analyse, o.err = in.prepare(ctx, j.item, cfg.KeepRaw)
				j.done <- o
			}
		})
	}
	defer wg.Wait()

	var st BulkStats
	g := in.Geoparser()
	sqlCtx := context.WithoutCancel(ctx)
	var pending []*Parsed
	var pendingItems []Item
	tally := func(it Item, r IngestResult, err error) {
		st.Items++
		switch {
		case err != nil:
			st.Failed++
		case r.Stored:
			st.Stored++
		default:
			st.Duplicates++
		}
		report(it, r, err)
	}
	flush := func() {
		if len(pending) == 0 {
			return
		}
		start := time.Now()
		st.Batches++
		// A batch, once begun, is finished: the loop checks ctx between
		// batches. A context that cannot end spares the driver a goroutine
		// and a channel for every statement and every row it reads.
		saved, err := bw.SaveBatch(sqlCtx, pending, g)
		if err != nil && ctx.Err() == nil {
			// Find the article the database refuses: the others still go in.
			saved = make([]Saved, len(pending))
			errs := make([]error, len(pending))
			for i, p := range pending {
				one, err := bw.SaveBatch(sqlCtx, []*Parsed{p}, g)
				if err != nil {
					errs[i] = err
					continue
				}
				saved[i] = one[0]
			}
			st.Store += time.Since(start)
			for i, p := range pending {
				if errs[i] != nil {
					tally(pendingItems[i], IngestResult{}, errs[i])
				} else {
					tally(pendingItems[i], resultOf(p, saved[i]), nil)
				}
			}
		} else if err == nil {
			st.Store += time.Since(start)
			for i, p := range pending {
				tally(pendingItems[i], resultOf(p, saved[i]), nil)
			}
		}
		pending, pendingItems = pending[:0], pendingItems[:0]
	}
	for j := range order {
		var o outcome
		select {
		case o = <-j.done:
		case <-ctx.Done():
			return st, ctx.Err()
		}
		st.Read += o.read
		st.Analyse += o.analyse
		switch {
		case o.err != nil:
			if errors.Is(o.err, context.Canceled) && ctx.Err() != nil {
				return st, ctx.Err()
			}
			// Earlier articles are reported first: keep the order.
			flush()
			tally(j.item, IngestResult{}, o.err)
		case o.p == nil:
			flush()
			tally(j.item, o.r, nil)
		default:
			pending = append(pending, o.p)
			pendingItems = append(pendingItems, j.item)
			if len(pending) >= batch {
				flush()
			}
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
	}
	flush()
	return st, ctx.Err()
}

// prepare reads and analyses one item: a text already stored needs no
// analysis (SaveBatch checks again, and decides).
func (in *Ingester) prepare(ctx context.Context, it Item, keepRaw bool) (p *Parsed, dup IngestResult, read, analyse time.Duration, err error) {
	start := time.Now()
	var a *Article
	if it.Record != nil {
		a, err = in.ReadRecord(*it.Record, keepRaw)
	} else {
		a, err = in.Read(it.Name, it.Raw, keepRaw)
	}
	if err != nil {
		return nil, dup, time.Since(start), 0, err
	}
	if id, found, err := in.Store.HasHash(context.WithoutCancel(ctx), a.Hash); err != nil {
		return nil, dup, time.Since(start), 0, err
	} else if found {
		return nil, IngestResult{ID: id, Duplicate: DuplicateText}, time.Since(start), 0, nil
	}
	read = time.Since(start)
	start = time.Now()
	p = in.Analyse(a)
	p.Signature = SignatureOf(a.Body)
	return p, dup, read, time.Since(start), nil
}

// ReadRecord reads an article from a record as Read does from a file.
func (in *Ingester) ReadRecord(r Record, keepRaw bool) (*Article, error) {
	raw, err := r.Raw()
	if err != nil {
		return nil, err
	}
	return in.Read(recordName(r), raw, keepRaw)
}

// resultOf is what storing p did, as IngestAll reports it.
func resultOf(p *Parsed, s Saved) IngestResult {
	if !s.Stored {
		return IngestResult{ID: s.ID, Duplicate: s.Duplicate, Outlet: p.Article.OutletName}
	}
	if s.DuplicateOf != "" {
		return IngestResult{ID: s.ID, Stored: true, Duplicate: s.Duplicate, DuplicateOf: s.DuplicateOf,
			Outlet: p.Article.OutletName}
	}
	return summarise(p, true)
}
