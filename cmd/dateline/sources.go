package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"dateline/news"
)

// Limits on what one source may hold: an archive member or an export line
// larger than maxMemberBytes is refused (articles are kilobytes; the
// article parser refuses anything over news.MaxArticleBytes anyway), and an
// archive with more than maxArchiveEntries entries is read no further.
const (
	maxMemberBytes    = 10 << 20
	maxArchiveEntries = 1_000_000
)

// PageFetcher fetches a web page and extracts the article on it (pageFetcher,
// over news/fetch); ingest uses it for http(s) sources.
type PageFetcher interface {
	FetchArticle(ctx context.Context, url string) (title, published, outlet, language, text string, err error)
}

// errNoFetcher is what an http(s) source gives in a run without a fetcher.
var errNoFetcher = errors.New("URL sources need a web fetcher, and this run has none")

// articleExt reports whether a file name in a directory or an archive is an article.
func articleExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".md", ".markdown", ".html", ".htm":
		return true
	}
	return false
}

// sourceKind is how a SOURCE argument is read.
func sourceKind(src string) string {
	low := strings.ToLower(src)
	switch {
	case src == "-":
		return "stdin"
	case strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://"):
		return "url"
	case strings.HasSuffix(low, ".jsonl") || strings.HasSuffix(low, ".ndjson"):
		return "jsonl"
	case strings.HasSuffix(low, ".csv"):
		return "csv"
	case strings.HasSuffix(low, ".zip"):
		return "zip"
	case strings.HasSuffix(low, ".tar.gz") || strings.HasSuffix(low, ".tgz"):
		return "tgz"
	}
	return "file"
}

// inputBytes is the total size of the sources, for the progress bar: -1
// when a source's size cannot be known ahead (stdin, a URL).
func inputBytes(sources []string) int64 {
	var total int64
	for _, src := range sources {
		switch sourceKind(src) {
		case "stdin", "url":
			return -1
		}
		fi, err := os.Stat(src)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			total += fi.Size()
			continue
		}
		_ = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && articleExt(p) {
				if fi, err := d.Info(); err == nil {
					total += fi.Size()
				}
			}
			return nil
		})
	}
	return total
}

// itemReader enumerates the articles of the sources in order, calling
// yield for each (an item with Err set for one that cannot be read); it
// stops when yield returns false. Its methods return false once it has.
type itemReader struct {
	ctx     context.Context
	stdin   io.Reader
	fetcher PageFetcher
	yield   func(news.Item) bool
}

func (r *itemReader) all(sources []string) {
	for _, src := range sources {
		if !r.source(src) {
			return
		}
	}
}

func (r *itemReader) fail(source string, err error) bool {
	return r.yield(news.Item{Source: source, Err: err})
}

// source reads one SOURCE argument; false: stop.
func (r *itemReader) source(src string) bool {
	switch sourceKind(src) {
	case "stdin":
		return r.stdinItems()
	case "url":
		return r.url(src)
	}
	fi, err := os.Stat(src)
	if err != nil {
		return r.fail(src, statReason(err))
	}
	if fi.IsDir() {
		return r.dir(src)
	}
	f, err := os.Open(src)
	if err != nil {
		return r.fail(src, statReason(err))
	}
	defer f.Close()
	switch sourceKind(src) {
	case "jsonl":
		return r.jsonl(src, f)
	case "csv":
		return r.csv(src, f)
	case "zip":
		return r.zip(src, f, fi.Size())
	case "tgz":
		return r.tgz(src, f)
	}
	raw, err := readLimited(f, news.MaxArticleBytes)
	if err != nil {
		return r.fail(src, err)
	}
	return r.yield(news.Item{Source: src, Name: filepath.Base(src), Raw: raw, Size: fi.Size()})
}

func statReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readLimited reads all of rd, or limit+1 bytes of it: the article parser
// names the limit when there is more.
func readLimited(rd io.Reader, limit int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(rd, limit+1))
}

// memberName is the article name of a file inside a directory or archive:
// its path there, separators made underscores, so that a/index.html and
// b/index.html stay two documents.
func memberName(rel string) string {
	return strings.ReplaceAll(strings.TrimPrefix(filepath.ToSlash(rel), "./"), "/", "_")
}

func (r *itemReader) dir(root string) bool {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !r.fail(p, statReason(err)) {
				return fs.SkipAll
			}
			return nil
		}
		if d.Type().IsRegular() && articleExt(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return false
	}
	sort.Strings(files) // WalkDir's order already; kept explicit
	for _, p := range files {
		rel, _ := filepath.Rel(root, p)
		raw, err := os.ReadFile(p)
		if err != nil {
			if !r.fail(p, statReason(err)) {
				return false
			}
			continue
		}
		if !r.yield(news.Item{Source: p, Name: memberName(rel), Raw: raw, Size: int64(len(raw))}) {
			return false
		}
	}
	return true
}

func (r *itemReader) zip(src string, f *os.File, size int64) bool {
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return r.fail(src, fmt.Errorf("not a readable zip archive: %w", err))
	}
	if len(zr.File) > maxArchiveEntries {
		return r.fail(src, fmt.Errorf("more than %d entries", maxArchiveEntries))
	}
	members := append([]*zip.File(nil), zr.File...)
	sort.Slice(members, func(i, j int) bool { return members[i].Name < members[j].Name })
	for _, m := range members {
		if m.FileInfo().IsDir() || !articleExt(m.Name) {
			continue
		}
		source := src + "!" + m.Name
		if m.UncompressedSize64 > maxMemberBytes {
			if !r.fail(source, fmt.Errorf("larger than the %d MB a member may be", maxMemberBytes>>20)) {
				return false
			}
			continue
		}
		raw, err := readMember(m.Open)
		if err != nil {
			if !r.fail(source, err) {
				return false
			}
			continue
		}
		if !r.yield(news.Item{Source: source, Name: memberName(m.Name), Raw: raw, Size: int64(m.CompressedSize64)}) {
			return false
		}
	}
	return true
}

func readMember(open func() (io.ReadCloser, error)) ([]byte, error) {
	rc, err := open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	raw, err := readLimited(rc, maxMemberBytes)
	if err != nil {
		return nil, err
	}
	if len(raw) > maxMemberBytes {
		return nil, fmt.Errorf("larger than the %d MB a member may be", maxMemberBytes>>20)
	}
	return raw, nil
}

// countingReader counts the bytes read through it (progress in a stream).
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (r *itemReader) tgz(src string, f *os.File) bool {
	cr := &countingReader{r: f}
	gz, err := gzip.NewReader(cr)
	if err != nil {
		return r.fail(src, fmt.Errorf("not a gzip file: %w", err))
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	var last int64
	for entries := 0; ; entries++ {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return r.fail(src, fmt.Errorf("broken tar archive: %w", err))
		}
		if entries >= maxArchiveEntries {
			return r.fail(src, fmt.Errorf("more than %d entries", maxArchiveEntries))
		}
		if h.Typeflag != tar.TypeReg || !articleExt(h.Name) {
			continue
		}
		source := src + "!" + h.Name
		if h.Size > maxMemberBytes {
			if !r.fail(source, fmt.Errorf("larger than the %d MB a member may be", maxMemberBytes>>20)) {
				return false
			}
			continue
		}
		raw, err := readMember(func() (io.ReadCloser, error) { return io.NopCloser(tr), nil })
		if err != nil {
			return r.fail(source, err) // the rest of a broken stream cannot be read
		}
		size := cr.n - last
		last = cr.n
		if !r.yield(news.Item{Source: source, Name: memberName(h.Name), Raw: raw, Size: size}) {
			return false
		}
	}
}

// jsonl reads an export with one JSON object a line; blank lines are skipped.
func (r *itemReader) jsonl(src string, rd io.Reader) bool {
	br := bufio.NewReaderSize(rd, 1<<20)
	for line := 1; ; line++ {
		b, size, tooLong, err := readLine(br, maxMemberBytes)
		if size == 0 && err != nil {
			if !errors.Is(err, io.EOF) {
				return r.fail(fmt.Sprintf("%s:%d", src, line), err)
			}
			return true
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		source := fmt.Sprintf("%s:%d", src, line)
		var it news.Item
		switch {
		case tooLong:
			it = news.Item{Source: source, Size: size, Err: fmt.Errorf("line longer than %d MB", maxMemberBytes>>20)}
		case len(bytes.TrimSpace(b)) == 0:
			if err != nil {
				return errors.Is(err, io.EOF) || r.fail(source, err)
			}
			continue
		default:
			rec, derr := news.DecodeRecord(b)
			it = news.Item{Source: source, Record: &rec, Size: size, Err: derr}
			if derr != nil {
				it.Record = nil
			}
		}
		if !r.yield(it) {
			return false
		}
		if err != nil {
			return errors.Is(err, io.EOF) || r.fail(source, err)
		}
	}
}

// readLine reads one line (without its newline) of at most limit bytes;
// a longer one is skipped to its end and reported tooLong. size counts the
// bytes consumed.
func readLine(br *bufio.Reader, limit int) (line []byte, size int64, tooLong bool, err error) {
	for {
		chunk, e := br.ReadSlice('\n')
		size += int64(len(chunk))
		if !tooLong {
			if len(line)+len(chunk) > limit+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(e, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), size, tooLong, e
	}
}

// csv reads an export with a header row naming its columns.
func (r *itemReader) csv(src string, rd io.Reader) bool {
	cr := csv.NewReader(bufio.NewReaderSize(rd, 1<<20))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return r.fail(src, errors.New("the file is empty: want a header row"))
		}
		return r.fail(src+":1", err)
	}
	cols, err := news.RecordColumns(header)
	if err != nil {
		return r.fail(src+":1", err)
	}
	last := cr.InputOffset()
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return true
		}
		size := cr.InputOffset() - last
		last = cr.InputOffset()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				if !r.yield(news.Item{Source: fmt.Sprintf("%s:%d", src, pe.StartLine), Size: size, Err: pe.Err}) {
					return false
				}
				if size > 0 {
					continue
				}
			}
			return r.fail(src, err)
		}
		line, _ := cr.FieldPos(0)
		rec := news.RecordFromRow(cols, row)
		if !r.yield(news.Item{Source: fmt.Sprintf("%s:%d", src, line), Record: &rec, Size: size}) {
			return false
		}
	}
}

// stdinItems reads standard input: a JSONL export when its first
// non-blank character opens a JSON object, else one article.
func (r *itemReader) stdinItems() bool {
	br := bufio.NewReaderSize(r.stdin, 1<<20)
	head, _ := br.Peek(4096)
	if t := bytes.TrimLeft(head, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
		return r.jsonl("-", br)
	}
	raw, err := readLimited(br, news.MaxArticleBytes)
	if err != nil {
		return r.fail("-", err)
	}
	return r.yield(news.Item{Source: "-", Name: "stdin.txt", Raw: raw, Size: int64(len(raw))})
}

func (r *itemReader) url(src string) bool {
	if r.fetcher == nil {
		return r.fail(src, errNoFetcher)
	}
	title, published, outlet, language, text, err := r.fetcher.FetchArticle(r.ctx, src)
	if err != nil {
		return r.fail(src, err)
	}
	rec := news.Record{URL: src, Title: title, Published: published, Outlet: outlet, Language: language, Text: text}
	return r.yield(news.Item{Source: src, Record: &rec})
}
