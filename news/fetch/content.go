package fetch

import (
	"bytes"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// mediaKinds maps each accepted media type to its kind.
var mediaKinds = map[string]Kind{
	"text/html":             HTML,
	"application/xhtml+xml": HTML,
	"text/plain":            Text,
	"application/rss+xml":   Feed,
	"application/atom+xml":  Feed,
	"application/rdf+xml":   Feed,
	"application/xml":       Feed,
	"text/xml":              Feed,
	"application/feed+json": Feed,
	"application/json":      Feed,
}

// decodeBody checks that body is text of an accepted kind and decodes it to
// UTF-8. It returns the media type and the name of the charset decoded from.
// The *Error it returns has no URL yet.
func decodeBody(contentType string, body []byte, accept Kind) (string, string, []byte, *Error) {
	sniffed := http.DetectContentType(body)
	mediaType, params, err := mime.ParseMediaType(contentType)
	if contentType == "" || err != nil {
		// No usable header: go by the bytes, as a browser would.
		mediaType, params, _ = mime.ParseMediaType(sniffed)
	}
	mediaType = strings.ToLower(mediaType)
	kind, ok := mediaKinds[mediaType]
	if !ok {
		return "", "", nil, &Error{Err: ErrContentType, Reason: "refused: content type " + quoteType(mediaType) + " is not text, HTML or a feed"}
	}
	if kind&accept == 0 {
		return "", "", nil, &Error{Err: ErrContentType, Reason: "refused: content type " + mediaType + " was not asked for"}
	}
	if looksBinary(body, sniffed) {
		st, _, _ := strings.Cut(sniffed, ";")
		return "", "", nil, &Error{Err: ErrContentType, Reason: "refused: served as " + mediaType + " but the body looks like " + st}
	}
	enc, name := bodyEncoding(mediaType, params["charset"], contentType, body)
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return "", "", nil, &Error{Err: ErrContentType, Reason: "cannot decode " + name + ": " + err.Error()}
	}
	out = bytes.TrimPrefix(out, []byte("\uFEFF"))
	return mediaType, name, out, nil
}

func quoteType(t string) string {
	if t == "" {
		return "(none)"
	}
	return t
}

// looksBinary reports whether a body served as text is not text at all.
func looksBinary(body []byte, sniffed string) bool {
	if len(body) == 0 {
		return false
	}
	st, _, _ := strings.Cut(sniffed, ";")
	if strings.Contains(sniffed, "utf-16") {
		return false // a UTF-16 BOM: NULs are expected
	}
	if bytes.IndexByte(body[:min(len(body), 4096)], 0) >= 0 {
		return true
	}
	if strings.HasPrefix(st, "text/") {
		return false
	}
	_, ok := mediaKinds[st]
	return !ok
}

var xmlEncodingDecl = regexp.MustCompile(`^\s*<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// bodyEncoding picks the charset of body: a BOM, the header's charset, then
// what the document itself declares (<meta charset> for HTML, the XML
// declaration for feeds), then UTF-8 if the bytes are valid UTF-8.
func bodyEncoding(mediaType, headerCharset, contentType string, body []byte) (encoding.Encoding, string) {
	switch mediaType {
	case "application/json", "application/feed+json":
		e, _ := charset.Lookup("utf-8")
		return e, "utf-8"
	case "text/html", "application/xhtml+xml", "text/plain":
		e, name, _ := charset.DetermineEncoding(body, contentType)
		return e, name
	}
	if e, name, ok := bomEncoding(body); ok {
		return e, name
	}
	if headerCharset != "" {
		if e, name := charset.Lookup(headerCharset); e != nil {
			return e, name
		}
	}
	if m := xmlEncodingDecl.FindSubmatch(body[:min(len(body), 1024)]); m != nil {
		if e, name := charset.Lookup(string(m[1])); e != nil {
			return e, name
		}
	}
	if !utf8.Valid(body) {
		e, name := charset.Lookup("windows-1252")
		return e, name
	}
	e, name := charset.Lookup("utf-8")
	return e, name
}

// bomEncoding reads a byte order mark.
func bomEncoding(body []byte) (encoding.Encoding, string, bool) {
	for _, b := range []struct {
		bom  string
		name string
	}{{"\xEF\xBB\xBF", "utf-8"}, {"\xFE\xFF", "utf-16be"}, {"\xFF\xFE", "utf-16le"}} {
		if bytes.HasPrefix(body, []byte(b.bom)) {
			e, name := charset.Lookup(b.name)
			return e, name, e != nil
		}
	}
	return nil, "", false
}
