package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"dateline/gazetteer"
	"dateline/news"
	"dateline/news/feeds"
)

// Problem is an RFC 7807 problem details body.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Field names the request part at fault (a query parameter, a JSON field).
	Field string `json:"field,omitempty"`
}

// problemError is an error a handler returns to choose the status and the
// words of the problem body itself.
type problemError struct {
	status int
	field  string
	detail string
}

func (e *problemError) Error() string { return e.detail }

func badRequest(field, detail string) error {
	return &problemError{status: http.StatusBadRequest, field: field, detail: detail}
}

func notFound(detail string) error {
	return &problemError{status: http.StatusNotFound, detail: detail}
}

// handleError is the one place where errors become HTTP responses: domain
// sentinels map to statuses, anything unknown is logged and answered with a
// generic 500 so that no driver text or stack trace reaches a user.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		// The status line is gone (a download failed halfway): the client
		// sees a cut-off body, the log sees why.
		s.log.Error("response failed after it started", "method", c.Request().Method, "path", c.Request().URL.Path,
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err)
		return
	}
	p := Problem{Instance: c.Request().URL.Path}
	var (
		pe *problemError
		he *echo.HTTPError
		ve *gazetteer.ValidationError
		st *gazetteer.VersionError
		// nve names the field of a news query or value at fault.
		nve *news.ValidationError
		fve *feeds.ValidationError
	)
	switch {
	case errors.As(err, &pe):
		p.Status, p.Detail, p.Field = pe.status, pe.detail, pe.field
	case errors.As(err, &ve):
		p.Status, p.Detail, p.Field = http.StatusUnprocessableEntity, ve.Error(), ve.Field
	case errors.As(err, &st):
		// An edit made against an older version than the stored one.
		p.Status, p.Detail, p.Field = http.StatusPreconditionFailed, st.Error(), headerIfMatch
	case errors.Is(err, gazetteer.ErrNotFound):
		p.Status, p.Detail = http.StatusNotFound, err.Error()
	case errors.Is(err, gazetteer.ErrConflict):
		p.Status, p.Detail = http.StatusConflict, err.Error()
	case errors.Is(err, gazetteer.ErrInvalid):
		p.Status, p.Detail = http.StatusBadRequest, err.Error()
	case errors.As(err, &nve):
		p.Status, p.Detail, p.Field = http.StatusBadRequest, nve.Error(), nve.Field
	case errors.As(err, &fve):
		p.Status, p.Detail, p.Field = http.StatusUnprocessableEntity, fve.Error(), fve.Field
	case errors.Is(err, feeds.ErrExists):
		p.Status, p.Detail, p.Field = http.StatusConflict, err.Error(), "url"
	case errors.Is(err, feeds.ErrNotFound):
		p.Status, p.Detail = http.StatusNotFound, err.Error()
	case errors.Is(err, news.ErrConflict):
		p.Status, p.Detail = http.StatusConflict, err.Error()
	case errors.Is(err, news.ErrNotFound):
		p.Status, p.Detail = http.StatusNotFound, err.Error()
	case errors.Is(err, news.ErrInvalid):
		// *news.InputError among others: its message is meant for the sender.
		p.Status, p.Detail = http.StatusBadRequest, err.Error()
	case errors.As(err, &he):
		p.Status = he.Code
		if msg, ok := he.Message.(string); ok {
			p.Detail = msg
		}
		if p.Status == http.StatusNotFound {
			p.Detail = "no such resource: " + c.Request().URL.Path
		}
	default:
		p.Status = http.StatusInternalServerError
		p.Detail = "the server failed to answer this request; the error has been logged"
		s.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path,
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err)
	}
	p.Title = http.StatusText(p.Status)
	p.Type = "about:blank"
	// Headers a handler set for the answer it meant to give do not describe a problem.
	h := c.Response().Header()
	for _, k := range []string{echo.HeaderContentDisposition, headerETag, echo.HeaderLastModified} {
		h.Del(k)
	}
	h.Set(echo.HeaderCacheControl, "no-store")
	h.Set(echo.HeaderContentType, mimeProblem)
	c.Response().WriteHeader(p.Status)
	if c.Request().Method == http.MethodHead {
		return
	}
	_ = json.NewEncoder(c.Response()).Encode(p)
}
