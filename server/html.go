package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strings"
)

//go:embed templates/*.html
var templateFiles embed.FS

// htmlPage is what every HTML template gets: the page title and its data.
type htmlPage struct {
	Title string
	Data  any
}

// pageNames are the HTML views, each templates/<name>.html on the shared layout.
var pageNames = []string{"landing", "conformance", "api", "collections", "collection", "items", "item"}

// parsePages parses every HTML view once, when the server is built.
func parsePages() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(template.FuncMap{
		"json":       compactJSON,
		"upper":      strings.ToUpper,
		"properties": propertyRows,
		"geomType":   geometryType,
		"featureName": func(f geoJSONFeature) string {
			// A place's name, a mention's words, an event's kind.
			rows := propertyRows(f.Properties)
			for _, key := range []string{"name", "surface", "sub_event_type", "title"} {
				for _, r := range rows {
					if r.Key == key && r.Value != "" {
						return r.Value
					}
				}
			}
			return f.ID
		},
	}).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("server: parse layout: %w", err)
	}
	pages := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := layout.Clone()
		if err != nil {
			return nil, fmt.Errorf("server: %w", err)
		}
		if pages[name], err = t.ParseFS(templateFiles, "templates/"+name+".html"); err != nil {
			return nil, fmt.Errorf("server: parse page %s: %w", name, err)
		}
	}
	return pages, nil
}

// executePage renders one HTML view.
func (s *Server) executePage(name string, p htmlPage) ([]byte, error) {
	t, ok := s.pages[name]
	if !ok {
		return nil, fmt.Errorf("server: no page %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		return nil, fmt.Errorf("server: render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

func compactJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// propertyRow is one property shown on a page: text as it is, a list of
// objects (a place's names) as a table, anything else as JSON.
type propertyRow struct {
	Key, Value string
	Null       bool
	Columns    []string   // of Table
	Table      [][]string // rows of a list of objects
}

func propertyRows(props any) []propertyRow {
	b, err := json.Marshal(props)
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	rows := make([]propertyRow, 0, len(m))
	for k, v := range m {
		r := propertyRow{Key: k}
		switch v := v.(type) {
		case nil:
			r.Null = true
		case string:
			r.Value = v
		case []any:
			r.Columns, r.Table = objectTable(v)
			if r.Table == nil {
				vb, _ := json.Marshal(v)
				r.Value = string(vb)
			}
		default:
			vb, _ := json.Marshal(v)
			r.Value = string(vb)
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].Key < rows[j].Key })
	return rows
}

func geometryType(g geometryJSON) string {
	if g.g == nil {
		return "none"
	}
	return g.g.GeoJSONType()
}

// objectTable lays out a list of objects as rows under the union of their
// keys; it returns nil when some item is not an object.
func objectTable(list []any) (columns []string, rows [][]string) {
	seen := map[string]bool{}
	for _, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, nil
		}
		for k := range m {
			if !seen[k] {
				seen[k] = true
				columns = append(columns, k)
			}
		}
	}
	sort.Strings(columns)
	for _, item := range list {
		m := item.(map[string]any)
		row := make([]string, len(columns))
		for i, k := range columns {
			switch v := m[k].(type) {
			case nil:
			case string:
				row[i] = v
			default:
				b, _ := json.Marshal(v)
				row[i] = string(b)
			}
		}
		rows = append(rows, row)
	}
	return columns, rows
}
