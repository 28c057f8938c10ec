// Package themes embeds the default theme into the course binary.
//
// A theme is a folder with templates/ (html/template files, one per page
// kind plus base.html and partials/) and static/ (copied to the site; .css
// and .js files get a content hash in their name). A project overrides the
// embedded theme file by file from its own themes/<name>/ folder.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default returns the embedded default theme, rooted at its folder.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder exists
	}
	return sub
}
