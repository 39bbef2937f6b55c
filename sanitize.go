package cleaner

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// SanitizeHTML returns fragment reduced to a small set of semantic
// elements and attributes, safe to insert as the content of an element
// such as <div> or <article> of a page that trusts nothing in it.
//
// The fragment is parsed as the content of a <div>, the way a browser
// parses it, and rebuilt from this allowlist:
//
//	h1–h6 p br hr ul ol li blockquote pre code em strong i b sup sub
//	a img figure figcaption table caption thead tbody tr th td
//
// with these attributes: a href (and rel="nofollow noopener", added), img
// src, alt and title, ol start, th and td colspan and rowspan (1 to 1000),
// code class (only "language-…" names). Addresses are kept only when they
// are http, https, mailto (links only) or relative, after removing white
// space and control characters, and relative ones are resolved against
// base when it is not nil; a link without an address keeps its text, an
// image without one goes. Scripts, styles, templates, frames, objects,
// embeds, form controls, SVG and MathML are dropped with their content;
// other elements (div, span, section, …) are replaced by their content.
// Comments go.
//
// Invalid UTF-8 in fragment becomes U+FFFD, so the result is always
// valid UTF-8. The result is stable: sanitizing it again, or parsing and rendering it
// again, gives the same bytes. Input that cannot be made stable (or is
// nested too deeply to parse) comes back as its escaped text.
func SanitizeHTML(fragment string, base *url.URL) string {
	fragment = strings.ToValidUTF8(fragment, "\uFFFD")
	out, ok := sanitizeOnce(fragment, base)
	for i := 0; ok && i < 8; i++ {
		again, ok2 := sanitizeOnce(out, base)
		if !ok2 {
			break
		}
		if again == out {
			return out
		}
		out = again
	}
	// The parser drops NUL bytes and turns CR and CR LF into LF: the
	// fallback text does the same, so that it parses back to itself.
	t := strings.ReplaceAll(fragmentText(fragment), "\x00", "")
	t = strings.ReplaceAll(strings.ReplaceAll(t, "\r\n", "\n"), "\r", "\n")
	return html.EscapeString(t)
}

var divContext = &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}

func sanitizeOnce(fragment string, base *url.URL) (string, bool) {
	nodes, err := html.ParseFragment(strings.NewReader(fragment), divContext)
	if err != nil {
		return "", false
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
		root.AppendChild(n)
	}
	sanitizeTree(root, base)
	var buf bytes.Buffer
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&buf, c); err != nil {
			return "", false
		}
	}
	return buf.String(), true
}

type sanitizeAction uint8

const (
	keepElement sanitizeAction = iota
	unwrapElement
	dropElement
)

// elementAction says what the sanitizer does with an element.
func elementAction(n *html.Node) sanitizeAction {
	if n.Namespace != "" {
		return dropElement // svg, math and everything inside them
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.P, atom.Br, atom.Hr, atom.Ul, atom.Ol, atom.Li,
		atom.Blockquote, atom.Pre, atom.Code, atom.Em, atom.Strong, atom.I, atom.B, atom.Sup, atom.Sub, atom.A, atom.Img,
		atom.Figure, atom.Figcaption, atom.Table, atom.Caption, atom.Thead, atom.Tbody, atom.Tr, atom.Th, atom.Td:
		if n.Data != n.DataAtom.String() {
			return unwrapElement
		}
		return keepElement
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Iframe, atom.Frame, atom.Frameset, atom.Object,
		atom.Embed, atom.Applet, atom.Param, atom.Svg, atom.Math, atom.Textarea, atom.Title, atom.Xmp, atom.Noembed,
		atom.Noframes, atom.Plaintext, atom.Select, atom.Option, atom.Optgroup, atom.Datalist, atom.Button, atom.Input,
		atom.Keygen, atom.Head, atom.Meta, atom.Link, atom.Base, atom.Audio, atom.Video, atom.Source, atom.Track,
		atom.Canvas, atom.Map, atom.Area, atom.Image, atom.Output, atom.Progress, atom.Meter, atom.Dialog, atom.Slot:
		return dropElement
	}
	switch strings.ToLower(n.Data) {
	case "portal", "fencedframe", "selectedcontent", "search", "permission":
		return dropElement
	}
	return unwrapElement
}

// sanitizeTree filters the subtree under root in place, iteratively.
func sanitizeTree(root *html.Node, base *url.URL) {
	n := root.FirstChild
	for n != nil {
		switch n.Type {
		case html.TextNode:
			n = next(n, root, true)
			continue
		case html.ElementNode:
		default: // comments, doctypes
			nx := next(n, root, false)
			n.Parent.RemoveChild(n)
			n = nx
			continue
		}
		act := elementAction(n)
		if act == keepElement && !sanitizeAttrs(n, base) {
			act = unwrapElement
			if n.DataAtom == atom.Img {
				act = dropElement
			}
		}
		switch act {
		case dropElement:
			nx := next(n, root, false)
			n.Parent.RemoveChild(n)
			n = nx
		case unwrapElement:
			nx := n.FirstChild
			if nx == nil {
				nx = next(n, root, false)
			}
			for c := n.FirstChild; c != nil; {
				cn := c.NextSibling
				n.RemoveChild(c)
				n.Parent.InsertBefore(c, n)
				c = cn
			}
			n.Parent.RemoveChild(n)
			n = nx
		default:
			n = next(n, root, true)
		}
	}
}

// sanitizeAttrs keeps the allowed attributes of an allowed element, in a
// fixed order. It reports false for a link without a usable href or an
// image without a usable src.
func sanitizeAttrs(n *html.Node, base *url.URL) bool {
	old := n.Attr
	n.Attr = nil
	get := func(key string) (string, bool) {
		for _, a := range old {
			if a.Namespace == "" && a.Key == key {
				return a.Val, true
			}
		}
		return "", false
	}
	add := func(key, val string) { n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val}) }
	switch n.DataAtom {
	case atom.A:
		v, _ := get("href")
		u := sanitizeURL(v, base, true)
		if u == "" {
			return false
		}
		add("href", u)
		add("rel", "nofollow noopener")
	case atom.Img:
		v, _ := get("src")
		u := sanitizeURL(v, base, false)
		if u == "" {
			return false
		}
		add("src", u)
		if v, ok := get("alt"); ok {
			add("alt", v)
		}
		if v, ok := get("title"); ok {
			add("title", v)
		}
	case atom.Ol:
		if v, ok := get("start"); ok {
			if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && i >= -1_000_000_000 && i <= 1_000_000_000 {
				add("start", strconv.Itoa(i))
			}
		}
	case atom.Td, atom.Th:
		for _, k := range [...]string{"colspan", "rowspan"} {
			if v, ok := get(k); ok {
				if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
					add(k, strconv.Itoa(max(1, min(i, 1000))))
				}
			}
		}
	case atom.Code:
		if v, ok := get("class"); ok {
			var keep []string
			for _, f := range strings.Fields(v) {
				if l, ok := strings.CutPrefix(f, "language-"); ok && cleanLang(l) != "" {
					keep = append(keep, f)
				}
			}
			if len(keep) > 0 {
				add("class", strings.Join(keep, " "))
			}
		}
	}
	return true
}

// stripURL removes what browsers ignore in a URL attribute: ASCII tab and
// newlines anywhere, and (to be safe) every other C0 control character and
// DEL, then leading and trailing spaces.
func stripURL(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			clean = false
			break
		}
	}
	if !clean {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if c := s[i]; c >= 0x20 && c != 0x7f {
				b.WriteByte(c)
			}
		}
		s = b.String()
	}
	return strings.Trim(s, " ")
}

// urlScheme returns the lower-cased scheme of a URL reference, "" for a
// relative one, and ok false when the part before the first colon is not
// a valid scheme (then no one can tell how a browser reads it).
func urlScheme(s string) (scheme string, ok bool) {
	i := strings.IndexAny(s, ":/?#")
	if i < 0 || s[i] != ':' {
		return "", true
	}
	sc := s[:i]
	if sc == "" {
		return "", false
	}
	for j := 0; j < len(sc); j++ {
		c := sc[j]
		alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !(alpha || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "", false
		}
	}
	return strings.ToLower(sc), true
}

// allowedScheme reports whether a link may have the (lower-case) scheme
// sc: none (a relative reference), http, https, or mailto when mailto is
// set.
func allowedScheme(sc string, mailto bool) bool {
	return sc == "" || sc == "http" || sc == "https" || sc == "mailto" && mailto
}

// sanitizeURL returns raw cleaned, and resolved against base when base is
// not nil, if it is an http or https URL (or mailto, with mailto set) or a
// relative reference; "" otherwise.
func sanitizeURL(raw string, base *url.URL, mailto bool) string {
	s := stripURL(raw)
	if s == "" {
		return ""
	}
	sc, ok := urlScheme(s)
	if !ok || !allowedScheme(sc, mailto) {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" && sc != "mailto" {
		// "https:javascript:x": an http address without a host.
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	out := u.String()
	if sc2, ok := urlScheme(out); !ok || !allowedScheme(sc2, mailto) {
		return ""
	}
	return out
}

// absURL returns raw as an absolute http or https URL (or mailto, with
// mailto set), resolved against base; "" when it is not one.
func absURL(raw string, base *url.URL, mailto bool) string {
	s := stripURL(raw)
	if s == "" {
		return ""
	}
	sc, ok := urlScheme(s)
	if !ok || !allowedScheme(sc, mailto) {
		return ""
	}
	if out, ok := fastAbsURL(s, sc, base); ok {
		return out
	}
	return slowAbsURL(s, base, mailto)
}

// slowAbsURL is absURL for a stripped reference s of an allowed scheme,
// with the url package.
func slowAbsURL(s string, base *url.URL, mailto bool) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if !mailto {
			return ""
		}
	default:
		return ""
	}
	return u.String()
}

// fastAbsURL resolves the common plain references without url.Parse,
// ResolveReference and String (three to five allocations each): an
// absolute http or https URL, or a path from the root ("/a/b?c=d")
// against an http or https base, made only of characters these functions
// keep as they are. It gives what the slow path gives (a test checks), or
// ok false.
func fastAbsURL(s, scheme string, base *url.URL) (string, bool) {
	rest := s
	switch scheme {
	case "http", "https":
		// Lower-case scheme and "//" before a host of plain characters.
		if !strings.HasPrefix(s, scheme+"://") {
			return "", false
		}
		rest = s[len(scheme)+3:]
		end := strings.IndexAny(rest, "/?")
		if end < 0 {
			end = len(rest)
		}
		if end == 0 || !plainHost(rest[:end]) {
			return "", false
		}
		rest = rest[end:]
	case "":
		if len(s) < 2 || s[0] != '/' || s[1] == '/' || base == nil || base.User != nil || base.Opaque != "" ||
			base.Scheme != "http" && base.Scheme != "https" || !plainHost(base.Host) {
			return "", false
		}
	default:
		return "", false
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '_', c == '~', c == '/', c == '=', c == '&', c == '+', c == ',', c == ';':
		case c == '.':
			if i > 0 && rest[i-1] == '/' {
				return "", false // a dot segment, or a name the slow path may treat as one
			}
		case c == '?':
			if strings.IndexByte(rest[:i], '?') >= 0 {
				return "", false
			}
		default:
			return "", false
		}
	}
	if scheme == "" {
		return base.Scheme + "://" + base.Host + s, true
	}
	return s, true
}

// plainHost reports whether h is a host name of lower-case letters,
// digits, dots and hyphens, with an optional port of digits.
func plainHost(h string) bool {
	if h == "" {
		return false
	}
	port := false
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case '0' <= c && c <= '9':
		case c == ':' && !port:
			port = true
		case !port && ('a' <= c && c <= 'z' || c == '.' || c == '-'):
		default:
			return false
		}
	}
	return h[0] != '.' && h[0] != ':' && h[0] != '-'
}

// fragmentText returns the text of an HTML fragment, without the content
// of elements whose text is not shown, for the sanitizer's fallback.
func fragmentText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "svg", "math", "select", "object":
				skip++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "svg", "math", "select", "object":
				if skip > 0 {
					skip--
				}
			}
		}
	}
}
