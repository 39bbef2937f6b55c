package meta

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// microdata answers questions about the itemprop elements of a page.
type microdata struct {
	p *page
}

func newMicrodata(p *page) *microdata { return &microdata{p: p} }

// value returns the value of a property element: its content, datetime,
// URL attribute or text, depending on the element.
func itemValue(n *html.Node) string {
	if v, ok := attrOK(n, "content"); ok {
		return strings.TrimSpace(v)
	}
	switch n.DataAtom {
	case atom.Time:
		if v := attr(n, "datetime"); v != "" {
			return strings.TrimSpace(v)
		}
	case atom.A, atom.Link, atom.Area:
		return strings.TrimSpace(attr(n, "href"))
	case atom.Img, atom.Audio, atom.Video, atom.Source, atom.Embed, atom.Iframe, atom.Track:
		return strings.TrimSpace(attr(n, "src"))
	case atom.Meta:
		return ""
	case atom.Data, atom.Meter:
		return strings.TrimSpace(attr(n, "value"))
	}
	if v := attr(n, "datetime"); v != "" {
		return strings.TrimSpace(v)
	}
	return normSpace(textOf(n, maxTextRunes))
}

func (it item) has(prop string) bool {
	for _, p := range it.props {
		if p == prop || strings.HasSuffix(p, "/"+prop) {
			return true
		}
	}
	return false
}

// inArticle reports whether the item belongs to an article scope, directly
// or through nested scopes.
func (m *microdata) inArticle(it item) bool {
	for s, hops := it.owner, 0; s >= 0 && hops < 64; s, hops = m.p.scopes[s].parent, hops+1 {
		if m.p.scopes[s].article {
			return true
		}
	}
	return false
}

// directArticle reports whether the item is a property of an article scope
// itself (not of a nested person or organization).
func (m *microdata) directArticle(it item) bool {
	return it.owner >= 0 && m.p.scopes[it.owner].article
}

// values returns the values of the named properties (lower case): those of
// an article scope first, then any others.
func (m *microdata) values(props ...string) []string {
	var first, rest []string
	for _, it := range m.p.items {
		for _, pr := range props {
			if !it.has(pr) {
				continue
			}
			v := itemValue(it.node)
			if v == "" {
				break
			}
			if m.inArticle(it) {
				first = append(first, v)
			} else {
				rest = append(rest, v)
			}
			break
		}
	}
	return append(first, rest...)
}

// articleValues returns the values of a property of an article scope. For
// textual properties (headline, name, description) the text of a link is
// read rather than its URL.
func (m *microdata) articleValues(prop string) []string {
	textual := prop == "headline" || prop == "name" || prop == "description"
	var out []string
	for _, it := range m.p.items {
		if it.has(prop) && m.directArticle(it) {
			v := ""
			if c, ok := attrOK(it.node, "content"); textual && !ok {
				v = normSpace(textOf(it.node, maxHeadingRunes))
			} else if textual {
				v = normSpace(c)
			} else {
				v = itemValue(it.node)
			}
			if v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// authors returns the names of itemprop=author (or creator) elements: the
// name property of a Person scope, or the element's text.
func (m *microdata) authors() []string {
	var out []string
	var inArticle []string
	seen := 0
	for _, it := range m.p.items {
		if !it.has("author") && !it.has("creator") {
			continue
		}
		if seen++; seen > 20 {
			break
		}
		name := ""
		if it.own >= 0 {
			for _, sub := range m.p.items {
				if sub.owner == it.own && sub.has("name") {
					name = itemValue(sub.node)
					if name != "" {
						break
					}
				}
			}
			if name == "" {
				// givenName + familyName
				var parts []string
				for _, sub := range m.p.items {
					if sub.owner == it.own && (sub.has("givenname") || sub.has("familyname")) {
						parts = append(parts, itemValue(sub.node))
					}
				}
				name = normSpace(strings.Join(parts, " "))
			}
		} else {
			// A name property below the author element, without a scope.
			for _, sub := range m.p.items {
				if sub.has("name") && isAncestor(it.node, sub.node) {
					name = itemValue(sub.node)
					break
				}
			}
		}
		if name == "" {
			name = itemValue(it.node)
			if isURL(name) && it.node.DataAtom == atom.A {
				name = normSpace(textOf(it.node, maxTextRunes))
			}
		}
		var names []string
		if ns := ParseByline(name); len(ns) > 0 {
			names = ns
		} else if name != "" && wordCount(name) <= maxNameWords && !isURL(name) {
			names = []string{name}
		}
		if m.inArticle(it) {
			inArticle = append(inArticle, names...)
		} else {
			out = append(out, names...)
		}
	}
	if len(inArticle) > 0 {
		return inArticle
	}
	return out
}

// isAncestor reports whether a is a proper ancestor of n, looking up at
// most 64 levels.
func isAncestor(a, n *html.Node) bool {
	for p, i := n.Parent, 0; p != nil && i < 64; p, i = p.Parent, i+1 {
		if p == a {
			return true
		}
	}
	return false
}
