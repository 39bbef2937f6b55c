package cleaner

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// next returns the node after n in a pre-order walk of the subtree under
// root, or nil at the end. With descend false, n's children are skipped.
// It uses the tree's own pointers: no stack, no recursion, no allocation.
func next(n, root *html.Node, descend bool) *html.Node {
	if descend && n.FirstChild != nil {
		return n.FirstChild
	}
	for n != root {
		if n.NextSibling != nil {
			return n.NextSibling
		}
		n = n.Parent
		if n == nil {
			return nil
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// findBody returns the document's <body>, or root itself when there is none.
func findBody(root *html.Node) *html.Node {
	for n := root; n != nil; n = next(n, root, true) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return n
		}
	}
	return root
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '\f'
}

// collapse appends s to dst with runs of white space folded to one space.
// space says whether dst already ends with a space (or is at a block start).
func collapse(dst []byte, s string, space bool) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isSpace(c) {
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		// U+00A0 NO-BREAK SPACE is C2 A0 in UTF-8.
		if c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 {
			i++
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		dst = append(dst, c)
		space = false
	}
	return dst, space
}

// isCollapsed reports whether collapse would leave s as it is, trimmed:
// no leading, trailing or doubled white space, no other white space than
// ' ', no U+00A0.
func isCollapsed(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if s[i-1] == ' ' {
				return false
			}
			continue
		}
		if isSpace(c) || c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0 {
			return false
		}
	}
	return true
}

// textOf returns n's text with white space collapsed and block elements
// separated by spaces, skipping subtrees that skip reports.
func textOf(n *html.Node, skip func(*html.Node) bool, limit int) string {
	// An element holding one text node already collapsed (the common
	// <p>text</p>, <a>link</a>) needs no copy.
	if c := n.FirstChild; n.Type == html.ElementNode && c != nil && c.NextSibling == nil && c.Type == html.TextNode && isCollapsed(c.Data) {
		return c.Data
	}
	var buf []byte
	space := true
	for c := n; c != nil; {
		if skip != nil && c != n && skip(c) {
			c = next(c, n, false)
			continue
		}
		switch c.Type {
		case html.TextNode:
			buf, space = collapse(buf, c.Data, space)
		case html.ElementNode:
			if isBlockAtom(c.DataAtom) || c.DataAtom == atom.Br {
				if !space {
					buf = append(buf, ' ')
					space = true
				}
			}
			if skipTextAtom(c.DataAtom) {
				c = next(c, n, false)
				continue
			}
		}
		if limit > 0 && len(buf) >= limit {
			break
		}
		c = next(c, n, true)
	}
	return strings.TrimSpace(string(buf))
}

func skipTextAtom(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math, atom.Head, atom.Select, atom.Textarea, atom.Iframe, atom.Object:
		return true
	}
	return false
}

func isBlockAtom(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Hgroup, atom.Hr, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section, atom.Summary,
		atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul, atom.Html, atom.Legend, atom.Option:
		return true
	}
	return false
}

// classID returns the element's class and id attributes, lower-cased and
// joined by a space.
func classID(n *html.Node) string {
	var cls, id string
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			cls = a.Val
		case "id":
			id = a.Val
		}
	}
	if cls == "" && id == "" {
		return ""
	}
	s := cls
	if id != "" {
		if s != "" {
			s += " "
		}
		s += id
	}
	return strings.ToLower(s)
}

// words splits a class/id string into its alphanumeric words.
func eachWord(s string, f func(w string) bool) bool {
	start := -1
	for i := 0; i <= len(s); i++ {
		alnum := i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9' || s[i] >= 0x80)
		if alnum {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if f(s[start:i]) {
				return true
			}
			start = -1
		}
	}
	return false
}

// countElements counts the elements under root, stopping at limit.
func countElements(root *html.Node, limit int) int {
	n := 0
	for c := root; c != nil && n < limit; c = next(c, root, true) {
		if c.Type == html.ElementNode {
			n++
		}
	}
	return n
}

// containsFold reports whether s contains w, lower-case ASCII letters, in
// any ASCII case, without allocating.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for j < len(w) && s[i+j]|0x20 == w[j] {
			j++
		}
		if j == len(w) {
			return true
		}
	}
	return false
}
