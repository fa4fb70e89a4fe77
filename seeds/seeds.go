// Package seeds embeds the data Dateline starts from: the seed articles, the
// curated regional gazetteer, the outlet registry, the gold annotations and
// the world background (copied in from npm packages by `make`).
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed articles gazetteer gold world outlets.json
var files embed.FS

// FS returns every seed file, rooted at the seeds folder
// (articles/, gazetteer/, gold/, world/, outlets.json).
func FS() fs.FS { return files }

// Sub returns one folder of the seeds ("articles", "gazetteer", "gold", "world").
func Sub(dir string) fs.FS {
	sub, err := fs.Sub(files, dir)
	if err != nil {
		// fs.Sub fails only for an invalid path, which is a programming error.
		panic("seeds: " + err.Error())
	}
	return sub
}
