package site

import (
	"slices"
	"sync"
)

// Work records what a build did itself rather than carry over from the
// previous build: the tests of incremental rebuilds check with it that an
// edit costs only what it touched.
type Work struct {
	mu sync.Mutex
	// Converted are the page files whose markdown was converted (to be
	// shown, or for a print page).
	Converted []string
	// Rendered are the page files rendered through their page template.
	Rendered []string
	// Encoded are the page files whose search-index sections were encoded.
	Encoded []string
	// Shards are the search index's shards written (made, not kept).
	Shards []string
	// PrintPages are the print pages written (not carried over).
	PrintPages []string
	// PrintInline counts the print sections whose HTML went through the
	// print template, instead of being spliced into the page after it
	// (see executePrint): every section of a print page the splice could
	// not be used for.
	PrintInline int
	// Skeletons are the print pages whose template ran (with markers
	// where the sections go): not kept from the previous build.
	Skeletons []string
	// Extras are the pages made by extras() through their template (the
	// search and 404 pages): not kept from the previous build.
	Extras []string
	// Sidebars are the sidebars rendered (by module slug; "" for pages
	// outside modules, "\x00home" for the home page): not kept from the
	// previous build.
	Sidebars []string
}

func (w *Work) add(list *[]string, s string) {
	w.mu.Lock()
	*list = append(*list, s)
	w.mu.Unlock()
}

func (w *Work) inline(n int) {
	w.mu.Lock()
	w.PrintInline += n
	w.mu.Unlock()
}

// sort puts the lists in order, once the build is done.
func (w *Work) sort() {
	for _, l := range []*[]string{&w.Converted, &w.Rendered, &w.Encoded, &w.Shards, &w.PrintPages, &w.Skeletons, &w.Extras, &w.Sidebars} {
		slices.Sort(*l)
	}
}
