package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocsPointOnlyAtFilesInTheRepository: every file the README and the
// other documents link to or name (a Markdown file, a path under one of
// the project's folders) is in the repository.
func TestDocsPointOnlyAtFilesInTheRepository(t *testing.T) {
	root := filepath.Join("..", "..")
	docs := []string{"README.md", "DESIGN.md", "BENCHMARKS.md", "news/TAXONOMY.md", "seeds/gold/README.md",
		"seeds/gazetteer/SOURCES.md"}
	link := regexp.MustCompile(`\]\(([^)#\s]+)`)
	mdName := regexp.MustCompile("(?:^|[\\s(`\"])([A-Za-z0-9_./-]*[A-Za-z0-9_-]\\.md)\\b")
	path := regexp.MustCompile("`((?:cmd|geo|gazetteer|server|static|seeds|news|\\.ci)/[^`\\s]*)`")
	for _, doc := range docs {
		b, err := os.ReadFile(filepath.Join(root, doc))
		if err != nil {
			t.Errorf("%s: %v", doc, err)
			continue
		}
		text := string(b)
		dir := filepath.Dir(doc)
		exists := func(p string) bool {
			for _, base := range []string{dir, "."} {
				if _, err := os.Stat(filepath.Join(root, base, p)); err == nil {
					return true
				}
			}
			return false
		}
		for _, m := range link.FindAllStringSubmatch(text, -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			if !exists(target) {
				t.Errorf("%s links to %s, which is not in the repository", doc, target)
			}
		}
		for _, m := range mdName.FindAllStringSubmatch(text, -1) {
			if !exists(m[1]) && !exists(filepath.Base(m[1])) {
				t.Errorf("%s names %s, which is not in the repository", doc, m[1])
			}
		}
		for _, m := range path.FindAllStringSubmatch(text, -1) {
			p := strings.TrimRight(m[1], ".,:;")
			if strings.ContainsAny(p, "*{}<>[]…") || strings.Contains(p, "NNNN") {
				continue // a pattern, not a file
			}
			if !exists(p) {
				t.Errorf("%s names the path %s, which is not in the repository", doc, p)
			}
		}
	}
}
