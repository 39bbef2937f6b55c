package cleaner

import (
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/boilerfree/cleaner/internal/lang"
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
	switch {
	case len(a.Authors) == 0:
		a.Authors = p.authors
	case len(p.firstByline) > len(a.Authors) && containsAll(p.firstByline, a.Authors):
		// The article's byline names everyone the metadata names, and
		// more. (Only the first byline: later ones may be other articles'.)
		a.Authors = p.firstByline
	}
	a.Published, a.Modified = md.Published, md.Modified
	if a.Published.IsZero() {
		a.Published = p.dateline
	}
	a.Comments = p.comments()
	a.Subtitle = p.subtitle
	// The deck is metadata, as the title is: out of the body.
	if a.Subtitle != "" {
		for i := 0; i < len(blocks) && i < 3; i++ {
			if blocks[i].Text == a.Subtitle {
				blocks = append(blocks[:i:i], blocks[i+1:]...)
				break
			}
		}
	}
	a.SiteName = md.SiteName
	if a.SiteName == "" {
		a.SiteName = hostSiteName(p.URL)
	}
	a.Description = md.Description
	a.Language = md.Language
	a.URL = md.URL
	if a.URL == "" && p.URL != nil {
		a.URL = p.URL.String()
	}
	a.Image = md.Image
	a.Tags = md.Tags
	a.Categories = md.Categories
	a.Blocks = p.finishBlocks(blocks, rn.c.cfg.out)
	a.Text = renderText(a.Blocks)
	a.Title = strings.TrimSpace(a.Title)
	if a.Language == "" {
		a.Language = lang.Detect(a.Text)
	}
	// Clean decodes to valid UTF-8; a caller's document may hold any bytes.
	for _, f := range []*string{&a.Title, &a.Subtitle, &a.SiteName, &a.Description, &a.Language, &a.URL, &a.Image} {
		*f = validUTF8(*f)
	}
	for _, list := range [][]string{a.Authors, a.Tags} {
		for i := range list {
			list[i] = validUTF8(list[i])
		}
	}
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// hostSiteName is the site name of last resort: the page's host name
// without "www.", or "" for an address.
func hostSiteName(u *url.URL) string {
	if u == nil {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	if h == "" || net.ParseIP(h) != nil {
		return ""
	}
	return strings.TrimPrefix(h, "www.")
}

// containsAll reports whether every name of sub is in names, ignoring case.
func containsAll(names, sub []string) bool {
	for _, s := range sub {
		found := false
		for _, n := range names {
			if strings.EqualFold(n, s) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

var subtitleWords = set("subtitle", "subheadline", "subhead", "subheading", "standfirst", "dek", "deck", "strapline", "summary", "lede", "intro", "excerpt", "description", "tagline", "sapo", "chapo", "teaser")

// findSubtitle returns the deck or standfirst under the headline: one of
// the few elements after the <h1> (or after the header around it) that is
// named like a subtitle, or an <h2> or <p> right after the <h1> inside a
// <header> or <hgroup>.
func (p *Page) findSubtitle(h1 *html.Node) string {
	if h1 == nil {
		return ""
	}
	for _, start := range []*html.Node{h1, h1.Parent} {
		if start == nil || start.Type != html.ElementNode {
			continue
		}
		inHeader := start.Parent != nil && (start.Parent.DataAtom == atom.Header || start.Parent.DataAtom == atom.Hgroup)
		seen := 0
		for s := start.NextSibling; s != nil && seen < 3; s = s.NextSibling {
			if s.Type != html.ElementNode {
				continue
			}
			seen++
			if s.DataAtom == atom.Figure || s.DataAtom == atom.Picture || s.DataAtom == atom.Img || p.nameIs(s, catCaption) {
				continue
			}
			named := p.nameIs(s, catSubtitle)
			if !named && !(start == h1 && inHeader && seen == 1 && (s.DataAtom == atom.H2 || s.DataAtom == atom.P)) {
				continue
			}
			t := textOf(s, nil, 500)
			if n := len(t); n >= 20 && n <= 400 && !sameTitle(t, p.title) {
				return t
			}
		}
	}
	return ""
}
