package server

// The API document's entries for the admin GET routes. The changing
// routes (POST, PUT, PATCH, DELETE) are listed in writeRoutes; the
// document describes GET operations only.

var respUnauthorized = apiResponse{Status: "401", Description: "No admin session: sign in with POST /api/admin/login.",
	Types: []string{mimeProblem}, Schema: "problem"}

func (s *Server) docAdminPage() []apiPath {
	return []apiPath{{"/admin", apiOp{ID: "getAdminPage", Tag: tagService, Summary: "The admin page",
		Description: "Sign in, then edit the gazetteer: names, kinds, geometries, history and restore.",
		Responses:   []apiResponse{okResponse("The page.", "", mimeHTML), respBad, respFailed}}}}
}

func (s *Server) docSession() []apiPath {
	return []apiPath{{"/api/admin/session", apiOp{ID: "getAdminSession", Tag: tagService,
		Summary: "The signed-in session: its CSRF token and when it ends",
		Description: "Every changing request needs the session cookie and this token in the X-CSRF-Token " +
			"header. A session ends after 12 hours without use, or 7 days after sign-in.",
		Responses: []apiResponse{okResponse("The session.", "", mimeJSON), respBad, respUnauthorized, respFailed}}}}
}

func (s *Server) docReindex() []apiPath {
	return []apiPath{{"/api/admin/reindex", apiOp{ID: "getReindexStatus", Tag: tagService,
		Summary: "Progress of re-geoparsing after gazetteer edits",
		Description: "After each change the name index is rebuilt and the documents that mention the place, or " +
			"contain one of its old or new names, are geoparsed again in the background. This is the last job: " +
			"how many documents were read again and how many documents, mentions and events changed; done is " +
			"true once every change so far is worked in.",
		Responses: []apiResponse{okResponse("The last job.", "", mimeJSON), respBad, respUnauthorized, respFailed}}}}
}

func (s *Server) docHistory() []apiPath {
	return []apiPath{{"/api/places/{featureId}/history", apiOp{ID: "getPlaceHistory", Tag: tagPlaces,
		Summary: "Every version of a place, with who changed what and when",
		Description: "Oldest first; each version has its action (import, create, update, delete, restore), author, " +
			"time, the place before and after as GeoJSON features, and a field-level diff. Deleted places keep " +
			"their history. The ETag starts with the current version, for the If-Match of a restore " +
			"(POST /api/places/{featureId}/restore with {\"version\": N}).",
		Params: []apiParam{{Name: "featureId", In: "path", Required: true, Example: "lachin",
			Description: "The place's id.", Schema: map[string]any{"type": "string"}}},
		Responses: []apiResponse{okResponse("The history.", "", mimeJSON), respNotChanged, respBad, respNotFound, respFailed}}}}
}

func (s *Server) docChanges() []apiPath {
	return []apiPath{{"/api/places/changes", apiOp{ID: "getRecentChanges", Tag: tagPlaces,
		Summary:     "The places changed since the seed import, latest change first",
		Description: "One line per place with its last change (action, author, time); deleted places included.",
		Params: []apiParam{{Name: "limit", In: "query", Example: "5", Description: "At most this many places (1 to 500, default 50).",
			Schema: map[string]any{"type": "integer", "minimum": 1, "maximum": 500, "default": 50}}},
		Responses: []apiResponse{okResponse("The places.", "", mimeJSON), respBad, respFailed}}}}
}

func (s *Server) docUnlocated() []apiPath {
	return []apiPath{{"/api/places/unlocated", apiOp{ID: "getUnlocatedPlaces", Tag: tagPlaces,
		Summary: "Live places without coordinates, curated ones first",
		Params: []apiParam{
			{Name: "kind", In: "query", Example: "settlement", Description: "Only places of these kinds (comma-separated).",
				Schema: map[string]any{"type": "string"}},
			{Name: "limit", In: "query", Example: "5", Description: "At most this many places (1 to 1000, default 100).",
				Schema: map[string]any{"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}},
		Responses: []apiResponse{okResponse("The places.", "", mimeJSON), respBad, respFailed}}}}
}

func (s *Server) docDocumentHistory() []apiPath {
	return []apiPath{{"/api/documents/history", apiOp{ID: "getDocumentHistory", Tag: tagDocuments,
		Summary: "What editors did to articles: deletions, merges and restores, newest first (admin only)",
		Description: "Each entry has its action (delete, merge, restore), the document, the document a merge made it " +
			"a report of (into), the metadata the document had, the editor and the time; restorable is true for a " +
			"document's latest deletion or merge, which POST /api/documents/{id}/restore undoes. DELETE " +
			"/api/documents/{id} deletes an article with its mentions and events; POST /api/documents/{id}/merge " +
			"with {\"into\": \"<id>\"} makes it another report of another article; POST /api/documents/preview " +
			"reads and analyses an article without storing it.",
		Responses: []apiResponse{okResponse("The latest 500 entries.", "", mimeJSON), respBad, respUnauthorized, respFailed}}}}
}

func (s *Server) docFeeds() []apiPath {
	return []apiPath{{"/api/feeds", apiOp{ID: "getFeeds", Tag: tagService,
		Summary: "The news feeds followed, with how their polls went (admin only)",
		Description: "Each feed has its id, url, outlet, every_seconds, last_polled, last_success, last_error, " +
			"errors_in_row, next_poll, items_seen and items_stored. POST /api/feeds with {\"url\", \"every\", " +
			"\"outlet\"} follows one (409 when followed already), DELETE /api/feeds/{id} stops, and POST " +
			"/api/feeds/{id}/poll polls one now.",
		Responses: []apiResponse{okResponse("The feeds.", "", mimeJSON), respBad, respUnauthorized, respFailed}}}}
}
