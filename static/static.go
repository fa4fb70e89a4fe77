// Package static embeds the map page, the admin page and their assets.
// `make` copies the front-end libraries from node_modules into vendor/.
package static

import (
	"embed"
	"io/fs"
)

//go:embed index.html admin.html favicon.svg js css vendor
var files embed.FS

// FS returns the embedded files, rooted at this folder.
func FS() fs.FS { return files }
