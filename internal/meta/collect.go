package meta

import (
	"context"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits that keep the work per page bounded whatever the document.
const (
	maxMetas        = 2000 // <meta> elements kept
	maxScripts      = 50   // JSON-LD scripts kept
	maxScriptBytes  = 2 << 20
	maxHeadings     = 200 // <h1>/<h2> texts kept
	maxTimes        = 100 // <time> elements kept
	maxItems        = 2000
	maxScopes       = 1000
	maxBylineCands  = 40
	maxTextRunes    = 400  // text kept for short elements
	maxTextNodes    = 2000 // nodes visited when reading a short element's text
	maxHeadingRunes = 1000
)

// metaTag is one <meta> element, keyed by each of its name, property,
// itemprop and http-equiv values (lower case, white space removed, dots turned
// into colons).
type metaTag struct {
	keys     []string
	content  string
	property bool // keyed by a property attribute (RDFa), preferred over name
}

type timeTag struct {
	datetime  string
	text      string
	inArticle bool
	published bool // class, id or itemprop suggests a publication date
	modified  bool
}

type heading struct {
	level int
	text  string
}

type scope struct {
	node    *html.Node
	types   string // itemtype
	article bool
	parent  int // enclosing scope, or -1
}

type item struct {
	props []string // itemprop values, lower case
	node  *html.Node
	owner int // index of the scope the property belongs to, -1 for none
	own   int // index of the scope the element creates, -1 for none
}

// page is what one pass over the document collects.
type page struct {
	htmlLang   string
	base       string
	title      string
	hasTitle   bool
	metas      []metaTag
	canonical  []string
	imageSrc   string
	authorLink []*html.Node // <a rel=author> / <link rel=author>
	scripts    []string
	times      []timeTag
	headings   []heading
	h1Count    int
	items      []item
	scopes     []scope
	bylines    []*html.Node // visible byline-like elements, in order
}

// collect walks the document once, iteratively, and gathers every element
// the metadata rules look at.
func collect(ctx context.Context, doc *html.Node) *page {
	p := &page{}
	steps := 0
	var (
		hiddenRoot   *html.Node // outermost hidden ancestor being walked
		unlikelyRoot *html.Node
		articleRoot  *html.Node
		scopeStack   []int
	)
	enter := func(n *html.Node) (descend bool) {
		if n.Type != html.ElementNode {
			return true
		}
		if n.Namespace != "" { // svg, math: no metadata inside
			return false
		}
		a := n.DataAtom
		switch a {
		case atom.Html:
			if p.htmlLang == "" {
				p.htmlLang = attr(n, "lang")
				if p.htmlLang == "" {
					p.htmlLang = attr(n, "xml:lang")
				}
			}
		case atom.Base:
			if p.base == "" {
				p.base = attr(n, "href")
			}
		case atom.Title:
			if !p.hasTitle {
				p.hasTitle = true
				p.title = cleanString(textOf(n, maxHeadingRunes))
			}
			return false
		case atom.Meta:
			if len(p.metas) < maxMetas {
				p.addMeta(n)
			}
			return false
		case atom.Link:
			rel := strings.ToLower(attr(n, "rel"))
			for _, r := range strings.Fields(rel) {
				switch r {
				case "canonical":
					p.canonical = append(p.canonical, attr(n, "href"))
				case "image_src":
					if p.imageSrc == "" {
						p.imageSrc = attr(n, "href")
					}
				}
			}
			return false
		case atom.Script:
			if len(p.scripts) < maxScripts && isJSONLD(attr(n, "type")) {
				t := textOf(n, -1)
				if len(t) <= maxScriptBytes {
					p.scripts = append(p.scripts, t)
				}
			}
			return false
		case atom.Style, atom.Template, atom.Noscript, atom.Iframe, atom.Svg, atom.Math:
			return false
		case atom.Article:
			if articleRoot == nil {
				articleRoot = n
			}
		case atom.Time:
			// Not the dates of reader comments.
			if len(p.times) < maxTimes && (unlikelyRoot == nil || !isCommentSection(unlikelyRoot)) {
				p.addTime(n, articleRoot != nil)
			}
		case atom.H1, atom.H2:
			if a == atom.H1 {
				p.h1Count++
			}
			if len(p.headings) < maxHeadings {
				lvl := 1
				if a == atom.H2 {
					lvl = 2
				}
				p.headings = append(p.headings, heading{lvl, normSpace(textOf(n, maxHeadingRunes))})
			}
		}

		// Microdata.
		owner := -1
		if len(scopeStack) > 0 {
			owner = scopeStack[len(scopeStack)-1]
		}
		own := -1
		if hasAttr(n, "itemscope") && len(p.scopes) < maxScopes {
			types := attr(n, "itemtype")
			own = len(p.scopes)
			p.scopes = append(p.scopes, scope{node: n, types: types, article: anyArticleType(types), parent: owner})
			scopeStack = append(scopeStack, own)
		}
		if ip := attr(n, "itemprop"); ip != "" && len(p.items) < maxItems {
			p.items = append(p.items, item{props: strings.Fields(strings.ToLower(ip)), node: n, owner: owner, own: own})
		}

		// Byline candidates (visible, not in boilerplate containers).
		if hiddenRoot == nil && !isVisible(n) {
			hiddenRoot = n
		}
		// One pass over the class and one over the id, without lower-casing.
		flags := scanName(attr(n, "class")) | scanName(attr(n, "id"))
		if flags&okName != 0 {
			flags &^= unlikelyName
		}
		if unlikelyRoot == nil && isUnlikely(n, flags&unlikelyName != 0) {
			unlikelyRoot = n
		}
		if a == atom.A || a == atom.Link {
			if hasToken(attr(n, "rel"), "author") && len(p.authorLink) < maxBylineCands {
				p.authorLink = append(p.authorLink, n)
			}
		}
		if hiddenRoot == nil && unlikelyRoot == nil && len(p.bylines) < maxBylineCands && isBylineCandidate(n, flags&bylineName != 0) {
			p.bylines = append(p.bylines, n)
		}
		return true
	}
	leave := func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n == hiddenRoot {
			hiddenRoot = nil
		}
		if n == unlikelyRoot {
			unlikelyRoot = nil
		}
		if n == articleRoot {
			articleRoot = nil
		}
		if k := len(scopeStack); k > 0 && p.scopes[scopeStack[k-1]].node == n {
			scopeStack = scopeStack[:k-1]
		}
	}

	n := doc
	for n != nil {
		if steps++; steps%4096 == 0 && ctx.Err() != nil {
			return p
		}
		if enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != nil {
			leave(n)
			if n == doc {
				n = nil
				break
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
	return p
}

func (p *page) addMeta(n *html.Node) {
	content, ok := attrOK(n, "content")
	if !ok {
		// <meta charset>, or a value in "value" as some sites write.
		content, ok = attrOK(n, "value")
		if !ok {
			return
		}
	}
	var keys []string
	prop := false
	for _, a := range n.Attr {
		switch k := strings.ToLower(a.Key); k {
		case "name", "property", "itemprop", "http-equiv":
			prop = prop || k == "property"
			for _, k := range strings.Fields(a.Val) {
				k = strings.ReplaceAll(strings.ToLower(k), ".", ":")
				keys = append(keys, k)
			}
		}
	}
	if len(keys) == 0 {
		return
	}
	p.metas = append(p.metas, metaTag{keys: keys, content: content, property: prop})
}

func (p *page) addTime(n *html.Node, inArticle bool) {
	t := timeTag{datetime: strings.TrimSpace(attr(n, "datetime")), inArticle: inArticle}
	if t.datetime == "" {
		t.text = normSpace(textOf(n, 100))
	}
	hint := strings.ToLower(attr(n, "class") + " " + attr(n, "id") + " " + attr(n, "itemprop"))
	switch {
	case strings.Contains(hint, "modif") || strings.Contains(hint, "updat") || strings.Contains(hint, "edited"):
		t.modified = true
	case hasAttr(n, "pubdate") || strings.Contains(hint, "publish") || strings.Contains(hint, "posted") ||
		strings.Contains(hint, "pubdate") || strings.Contains(hint, "created") || strings.Contains(hint, "entry-date") ||
		strings.Contains(hint, "post-date") || strings.Contains(hint, "article-date"):
		t.published = true
	}
	p.times = append(p.times, t)
}

// values returns the contents of the metas with the given key, skipping
// empty ones: those keyed by a property attribute first, then the others,
// each in document order.
func (p *page) values(key string) []string {
	var out, names []string
	for _, m := range p.metas {
		for _, k := range m.keys {
			if k == key {
				if v := strings.TrimSpace(m.content); v != "" {
					if m.property {
						out = append(out, v)
					} else {
						names = append(names, v)
					}
				}
				break
			}
		}
	}
	return append(out, names...)
}

// first returns the first non-empty meta value among keys, trying the keys
// in the given order.
func (p *page) first(keys ...string) string {
	for _, k := range keys {
		if v := p.values(k); len(v) > 0 {
			return v[0]
		}
	}
	return ""
}

func isJSONLD(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	return t == "application/ld+json"
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasAttr(n *html.Node, key string) bool {
	_, ok := attrOK(n, key)
	return ok
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf returns the text content of n, reading at most maxRunes runes of
// text (-1: no limit) and a bounded number of nodes. Scripts and styles
// inside are skipped, unless n is itself one.
func textOf(n *html.Node, maxRunes int) string {
	return textSep(n, maxRunes, " ")
}

// textSep is textOf with sep written at line breaks and block boundaries.
func textSep(n *html.Node, maxRunes int, sep string) string {
	if n.FirstChild != nil && n.FirstChild == n.LastChild && n.FirstChild.Type == html.TextNode {
		s := n.FirstChild.Data
		if maxRunes >= 0 && len(s) > maxRunes*4 {
			s = truncRunes(s, maxRunes)
		}
		return s
	}
	var b strings.Builder
	runes := 0
	visited := 0
	c := n.FirstChild
	for c != nil {
		visited++
		if visited > maxTextNodes && maxRunes >= 0 {
			break
		}
		descend := true
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			runes += len(c.Data)
			if maxRunes >= 0 && runes > maxRunes*4 {
				return truncRunes(b.String(), maxRunes)
			}
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Template, atom.Noscript:
				descend = false
			case atom.Br, atom.P, atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Dd, atom.Dt, atom.Tr, atom.Td, atom.Section, atom.Header, atom.Footer, atom.Article, atom.Figure, atom.Figcaption, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				b.WriteString(sep)
			}
		}
		if descend && c.FirstChild != nil {
			c = c.FirstChild
			continue
		}
		for c != nil && c != n {
			if c.NextSibling != nil {
				c = c.NextSibling
				break
			}
			c = c.Parent
		}
		if c == n {
			break
		}
	}
	return b.String()
}

func truncRunes(s string, max int) string {
	i := 0
	for j := range s {
		if i == max {
			return s[:j]
		}
		i++
	}
	return s
}

// isVisible follows Readability's idea of a probably visible element.
func isVisible(n *html.Node) bool {
	if hasAttr(n, "hidden") {
		return false
	}
	if st := attr(n, "style"); st != "" {
		s := strings.ToLower(strings.ReplaceAll(st, " ", ""))
		if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
			return false
		}
	}
	if attr(n, "aria-hidden") == "true" && !strings.Contains(attr(n, "class"), "fallback-image") {
		return false
	}
	return true
}

// unlikelyWords mark containers whose bylines belong to other content
// (comments, related stories, navigation).
var unlikelyWords = []string{
	"comment", "sidebar", "footer", "related", "disqus", "replies", "remark",
	"shoutbox", "sponsor", "popup", "menu", "breadcrumb", "recommend", "promo",
	"newsletter", "teaser", "outbrain", "taboola", "more-stories", "most-popular",
}

// isCommentSection reports whether n, an unlikely container, holds reader
// comments.
func isCommentSection(n *html.Node) bool {
	s := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	return strings.Contains(s, "comment") || strings.Contains(s, "disqus") || strings.Contains(s, "replies")
}

var okWords = []string{"article", "content", "main", "body", "post-header", "entry"}

// isUnlikely reports whether n is a container whose bylines belong to other
// content. byName is what its class and id say
// (scanName).
func isUnlikely(n *html.Node, byName bool) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.A, atom.Article, atom.Main:
		return false
	case atom.Nav, atom.Footer, atom.Aside:
		return true
	}
	switch strings.ToLower(attr(n, "role")) {
	case "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog":
		return true
	}
	return byName
}

// nameFlags are what an element's class and id say to the byline search.
type nameFlags uint8

const (
	unlikelyName nameFlags = 1 << iota // names a boilerplate container (unlikelyWords)
	okName                             // names content (okWords), which overrides unlikelyName
	bylineName                         // names a byline: "byline", "author" (not "authorization")
)

// nameWord is a word scanName looks for, and the flag it sets.
type nameWord struct {
	w    string
	flag nameFlags
}

// nameWords indexes the words of the flags by their first byte.
var nameWords = func() *[256][]nameWord {
	var x [256][]nameWord
	add := func(words []string, f nameFlags) {
		for _, w := range words {
			x[w[0]] = append(x[w[0]], nameWord{w, f})
		}
	}
	add(unlikelyWords, unlikelyName)
	add(okWords, okName)
	add([]string{"byline", "writtenby", "written-by", "author"}, bylineName)
	return &x
}()

// scanName returns the flags of the words found in a class or id, in any
// ASCII case, in one pass and without allocating. "author" followed by
// "iz" or "it" (authorization, authority) is not a byline.
func scanName(s string) nameFlags {
	var f nameFlags
	for i := 0; i < len(s); i++ {
		for _, nw := range nameWords[lowerASCII(s[i])] {
			if f&nw.flag != 0 || len(s)-i < len(nw.w) || !hasPrefixFold(s[i:], nw.w) {
				continue
			}
			if nw.w == "author" {
				if rest := s[i+len(nw.w):]; len(rest) >= 2 && lowerASCII(rest[0]) == 'i' && (lowerASCII(rest[1]) == 'z' || lowerASCII(rest[1]) == 't') {
					continue
				}
			}
			f |= nw.flag
		}
	}
	return f
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFold reports whether s starts with w (lower case) in any ASCII
// case.
func hasPrefixFold(s, w string) bool {
	for k := 0; k < len(w); k++ {
		if lowerASCII(s[k]) != w[k] {
			return false
		}
	}
	return true
}

// isBylineCandidate reports whether n is marked as holding a byline.
// byName is what its class and id say (scanName).
func isBylineCandidate(n *html.Node, byName bool) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Head, atom.Meta, atom.Link, atom.Img, atom.Time:
		return false
	}
	if hasToken(attr(n, "rel"), "author") {
		return true
	}
	if strings.Contains(strings.ToLower(attr(n, "itemprop")), "author") {
		return true
	}
	return byName
}
