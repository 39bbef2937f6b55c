package cleaner

import (
	"strings"

	"github.com/boilerfree/cleaner/internal/meta"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var bylineWords = set("byline", "bylines", "author", "authors", "writer", "writers", "contributor", "contributors", "byl", "authorname", "authorinfo", "authorbox", "authorbio", "postauthor", "articleauthor", "creator", "reporter")

// ruleBylines moves bylines into metadata: short elements named byline,
// author or writer, rel="author" links and itemprop="author" elements are
// parsed for names (added to Article.Authors) and removed from the text.
// Author boxes at the end of articles go the same way.
var ruleBylines = Rule{
	ID:          "bylines",
	Phase:       PhaseRefine,
	Description: "byline or author box: moved into Authors",
	Match: func(p *Page, n *html.Node) bool {
		isByline := p.nameIs(n, catByline) || attr(n, "rel") == "author" || attr(n, "itemprop") == "author"
		if !isByline {
			return false
		}
		t, ok := p.shortText(n, 600)
		if !ok {
			return false
		}
		if len(t) <= 200 {
			p.AddAuthor(meta.ParseByline(t)...)
		}
		return true
	},
}

var dateWords = set("date", "dateline", "timestamp", "published", "pubdate", "updated", "posted", "postdate", "entrydate", "datetime", "publishdate", "publishedat", "time", "dates")

// ruleDatelines drops standalone dates: <time> elements and elements named
// date, dateline or timestamp whose text is short and stands alone (not
// inside a sentence).
var ruleDatelines = Rule{
	ID:          "datelines",
	Phase:       PhaseRefine,
	Description: "standalone date or timestamp",
	Match: func(p *Page, n *html.Node) bool {
		if n.DataAtom != atom.Time && !p.nameIs(n, catDate) {
			return false
		}
		s := p.stat(n)
		if s.text == 0 || s.text > 100 {
			return false
		}
		// Inside a sentence: keep. The enclosing block must be little more
		// than the date itself.
		blk := n.Parent
		for blk != nil && blk.Type == html.ElementNode && !isBlockAtom(blk.DataAtom) {
			blk = blk.Parent
		}
		if blk != nil && !isBlockAtom(n.DataAtom) && p.stat(blk).text > s.text+40 {
			return false
		}
		p.noteDate(n)
		return true
	},
}

// noteDate keeps the first date a dateline gives (a <time datetime>
// inside it, or its text), for pages whose metadata has none.
func (p *Page) noteDate(n *html.Node) {
	if !p.dateline.IsZero() {
		return
	}
	for c := n; c != nil; c = next(c, n, true) {
		if c.Type == html.ElementNode && c.DataAtom == atom.Time {
			if t, ok := meta.ParseDate(attr(c, "datetime")); ok {
				p.dateline = t
				return
			}
		}
	}
	if t, ok := meta.ParseDate(p.Text(n)); ok {
		p.dateline = t
	}
}

var metaWords = set("meta", "postmeta", "entrymeta", "articlemeta", "tags", "tag", "taglist", "tagcloud", "categories", "category", "cats", "posted", "readtime", "readingtime", "kicker", "eyebrow", "labels", "keywords", "topics")

// ruleArticleMeta drops post meta inside the article: tag lists, category
// labels, "5 min read" and similar short, link-heavy lines.
var ruleArticleMeta = Rule{
	ID:          "article-meta",
	Phase:       PhaseRefine,
	Description: "tags, categories or post meta",
	Match: func(p *Page, n *html.Node) bool {
		if !p.nameIs(n, catMeta) {
			return false
		}
		s := p.stat(n)
		return s.text < 300 && (s.text < 80 || p.LinkDensity(n) > 0.3) && s.paras <= 1
	},
}

// ruleLinkLists drops lists and containers inside the article made almost
// only of links: "read more" lists, inline related links, tag clouds.
var ruleLinkLists = Rule{
	ID:          "link-lists",
	Phase:       PhaseRefine,
	Description: "list or block made almost only of links",
	Match: func(p *Page, n *html.Node) bool {
		switch n.DataAtom {
		case atom.Ul, atom.Ol, atom.Dl, atom.Div, atom.Section, atom.Aside, atom.Table, atom.Nav:
		default:
			return false
		}
		s := p.stat(n)
		if s.text < 20 {
			return false
		}
		ld := p.LinkDensity(n)
		if n.DataAtom == atom.Ul || n.DataAtom == atom.Ol || n.DataAtom == atom.Dl {
			return ld > 0.8
		}
		return ld > 0.7 && s.text < 1500
	},
}

// ruleTitleHeading drops the heading that repeats the article's title: the
// title is Article.Title, and it would otherwise open Text.
var ruleTitleHeading = Rule{
	ID:          "title-heading",
	Phase:       PhaseRefine,
	Description: "heading repeating the title",
	Match: func(p *Page, n *html.Node) bool {
		switch n.DataAtom {
		case atom.H1, atom.H2:
		default:
			return false
		}
		if p.title == "" {
			return n.DataAtom == atom.H1
		}
		t, ok := p.shortText(n, 400)
		return ok && sameTitle(t, p.title)
	},
}

// sameTitle reports whether a heading's text is the title (or the title
// with a site name around it).
func sameTitle(h, title string) bool {
	h, title = normTitle(h), normTitle(title)
	if h == "" || title == "" {
		return false
	}
	return h == title || len(h) >= 15 && strings.Contains(title, h) || len(title) >= 15 && strings.Contains(h, title)
}

func normTitle(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '"' || r == '“' || r == '”':
		case r <= ' ' || r == 0xA0:
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

var captionWords = set("caption", "captions", "figcaption", "credit", "credits", "imagecaption", "photocaption", "wp-caption-text", "photocredit", "imagecredit")

// ruleFigureCaptions drops image captions and credits inside the article:
// <figcaption>, table-less <caption>-like elements named caption or credit.
// A caption describes a picture the text does not show; most readers and
// most annotated corpora leave it out of the article's text. Disable this
// rule to keep captions (duplicate-paragraphs still drops the second copy
// of a caption shown twice).
var ruleFigureCaptions = Rule{
	ID:          "figure-captions",
	Phase:       PhaseRefine,
	Description: "image caption or credit",
	Match: func(p *Page, n *html.Node) bool {
		if n.DataAtom == atom.Figcaption {
			return true
		}
		if n.DataAtom == atom.Table || n.DataAtom == atom.Tr || n.DataAtom == atom.Td || n.DataAtom == atom.Caption {
			return false
		}
		return p.nameIs(n, catCaption) && p.stat(n).text < 600 && p.stat(n).paras <= 2
	},
}
