package cleaner

import (
	"strings"

	"github.com/boilerfree/cleaner/internal/meta"
)

// assemble fills the article from the metadata read before pruning, what
// the rules found (bylines), and the blocks.
func (rn *run) assemble(md meta.Meta, blocks []Block) {
	a, p := rn.article, rn.p
	a.Title = md.Title
	if a.Title == "" {
		for _, b := range blocks {
			if b.Kind == Heading {
				a.Title = b.Text
				break
			}
		}
	}
	a.Authors = md.Authors
	if len(a.Authors) == 0 {
		a.Authors = p.authors
	}
	a.Published, a.Modified = md.Published, md.Modified
	a.SiteName = md.SiteName
	a.Description = md.Description
	a.Language = md.Language
	a.URL = md.URL
	if a.URL == "" && p.URL != nil {
		a.URL = p.URL.String()
	}
	a.Image = md.Image
	a.Tags = md.Tags
	a.Blocks = blocks
	a.Text = renderText(blocks)
	a.Title = strings.TrimSpace(a.Title)
}
