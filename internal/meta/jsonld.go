package meta

import (
	"encoding/json"
	"strings"
)

// ldObject is one JSON-LD node with its @type values reduced to bare
// schema.org names ("https://schema.org/NewsArticle" gives "NewsArticle").
type ldObject struct {
	m     map[string]any
	types []string
}

// ldData is what the JSON-LD scripts of a page hold: candidate main objects
// in document order, and every identified node by @id for references.
type ldData struct {
	objects []ldObject
	byID    map[string]map[string]any
}

// maxLDNodes bounds the JSON values visited per page.
const maxLDNodes = 200000

// parseJSONLD decodes the scripts and gathers candidate objects: top-level
// objects, array elements, @graph members and mainEntity / mainEntityOfPage
// children, in document order.
func parseJSONLD(scripts []string) *ldData {
	d := &ldData{byID: map[string]map[string]any{}}
	budget := maxLDNodes
	for _, s := range scripts {
		v, ok := decodeJSON(s)
		if !ok {
			continue
		}
		d.index(v, &budget)
		d.gather(v)
	}
	return d
}

// decodeJSON parses a script's text, stripping CDATA and comment markers.
// Broken JSON gets one repair attempt: control characters become spaces and
// trailing commas are dropped.
func decodeJSON(s string) (any, bool) {
	s = strings.TrimSpace(s)
	for _, p := range []string{"<![CDATA[", "<!--", "//<![CDATA["} {
		s = strings.TrimSpace(strings.TrimPrefix(s, p))
	}
	for _, p := range []string{"]]>", "-->", "//]]>", "//"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, p))
	}
	s = strings.TrimSuffix(s, ";")
	if s == "" {
		return nil, false
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err == nil {
		return v, true
	}
	fixed := repairJSON(s)
	if err := json.Unmarshal([]byte(fixed), &v); err == nil {
		return v, true
	}
	return nil, false
}

// repairJSON replaces raw control characters inside strings by spaces and
// removes commas that directly precede a closing bracket.
func repairJSON(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inStr, esc := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			case c < 0x20:
				c = ' '
			}
			b.WriteByte(c)
			continue
		}
		switch c {
		case '"':
			inStr = true
		case ',':
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
				j++
			}
			if j < len(s) && (s[j] == '}' || s[j] == ']') {
				continue
			}
		default:
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
				c = ' '
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// index records every object with an @id, walking the value iteratively.
func (d *ldData) index(v any, budget *int) {
	stack := []any{v}
	for len(stack) > 0 && *budget > 0 {
		*budget--
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch t := x.(type) {
		case map[string]any:
			if id, ok := t["@id"].(string); ok && id != "" {
				// Keep the richest description of a node: a bare reference
				// {"@id": ...} must not hide the full object.
				if old, seen := d.byID[id]; !seen || len(t) > len(old) {
					d.byID[id] = t
				}
			}
			for _, c := range t {
				switch c.(type) {
				case map[string]any, []any:
					stack = append(stack, c)
				}
			}
		case []any:
			for _, c := range t {
				switch c.(type) {
				case map[string]any, []any:
					stack = append(stack, c)
				}
			}
		}
	}
}

// gather appends the candidate objects of one script in document order.
func (d *ldData) gather(v any) {
	type frame struct {
		v     any
		depth int
	}
	// Depth-first with children pushed in reverse: pre-order, which is
	// document order.
	stack := []frame{{v, 0}}
	steps := 0
	for len(stack) > 0 && len(d.objects) < 500 && steps < maxLDNodes {
		steps++
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if f.depth > 6 {
			continue
		}
		var next []any
		switch t := f.v.(type) {
		case []any:
			next = t
		case map[string]any:
			if types := ldTypes(t["@type"]); len(types) > 0 {
				d.objects = append(d.objects, ldObject{m: t, types: types})
			}
			for _, k := range []string{"@graph", "mainEntity", "mainEntityOfPage"} {
				if c, ok := t[k]; ok {
					switch c.(type) {
					case map[string]any, []any:
						next = append(next, c)
					}
				}
			}
		}
		for i := len(next) - 1; i >= 0; i-- {
			stack = append(stack, frame{next[i], f.depth + 1})
		}
	}
}

// ldTypes returns the bare type names of an @type value.
func ldTypes(v any) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if i := strings.LastIndexAny(s, "/#:"); i >= 0 {
			s = s[i+1:]
		}
		if s != "" {
			out = append(out, s)
		}
	}
	switch t := v.(type) {
	case string:
		add(t)
	case []any:
		for _, x := range t {
			if s, ok := x.(string); ok {
				add(s)
			}
		}
	}
	return out
}

// articleTypes are schema.org types treated as an article besides those
// ending in "Article" or "Posting" (NewsArticle, BlogPosting, ...).
var articleTypes = map[string]bool{
	"Report": true, "APIReference": true, "Review": true, "Recipe": true, "HowTo": true,
}

// isArticleType reports whether a bare schema.org type names an article.
func isArticleType(t string) bool {
	return articleTypes[t] || strings.HasSuffix(t, "Article") || strings.HasSuffix(t, "Posting")
}

// anyArticleType reports whether an itemtype attribute names an article type.
func anyArticleType(itemtype string) bool {
	for _, f := range strings.Fields(itemtype) {
		if i := strings.LastIndexAny(f, "/#"); i >= 0 {
			f = f[i+1:]
		}
		if isArticleType(f) {
			return true
		}
	}
	return false
}

// isPageType reports whether a bare schema.org type names a web page
// (WebPage, ItemPage, AboutPage, ...).
func isPageType(t string) bool {
	return strings.HasSuffix(t, "WebPage") || strings.HasSuffix(t, "Page") && t != "Page"
}

// pick returns the first article object, or failing that the first
// web-page object, or nil.
func (d *ldData) pick() (article, webpage *ldObject) {
	for i := range d.objects {
		o := &d.objects[i]
		for _, t := range o.types {
			if article == nil && isArticleType(t) {
				article = o
			}
			if webpage == nil && isPageType(t) {
				webpage = o
			}
		}
	}
	return article, webpage
}

// resolve follows an {"@id": ...} reference to the full node when the
// object carries nothing but its id.
func (d *ldData) resolve(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	if id, ok := m["@id"].(string); ok {
		if _, hasName := m["name"]; !hasName {
			if full, ok := d.byID[id]; ok {
				return full
			}
		}
	}
	return m
}

// ldString returns a string property, HTML-unescaped and white space
// normalized. Numbers are formatted; arrays give their first string; value
// objects give their "@value".
func ldString(v any) string {
	switch t := v.(type) {
	case string:
		return cleanJSONString(t)
	case float64:
		return strings.TrimSpace(jsonNumber(t))
	case []any:
		for _, x := range t {
			if s := ldString(x); s != "" {
				return s
			}
		}
	case map[string]any:
		if s, ok := t["@value"].(string); ok {
			return cleanJSONString(s)
		}
	}
	return ""
}

func jsonNumber(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

// ldStrings returns all the strings of a string or array value.
func ldStrings(v any) []string {
	switch t := v.(type) {
	case string:
		if s := cleanJSONString(t); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, x := range t {
			switch y := x.(type) {
			case string:
				if s := cleanJSONString(y); s != "" {
					out = append(out, s)
				}
			case map[string]any:
				if s := ldString(y["name"]); s != "" {
					out = append(out, s)
				}
			}
		}
		return out
	case map[string]any:
		if s := ldString(t["name"]); s != "" {
			return []string{s}
		}
	}
	return nil
}

// ldName returns the name of an object value (following @id references), or
// the value itself when it is a string.
func (d *ldData) ldName(v any) string {
	switch t := v.(type) {
	case string:
		return cleanJSONString(t)
	case map[string]any:
		t = d.resolve(t)
		return ldString(t["name"])
	case []any:
		for _, x := range t {
			if s := d.ldName(x); s != "" {
				return s
			}
		}
	}
	return ""
}

// ldImage returns the first image URL of an image value: a string, an
// ImageObject (url or contentUrl) or an array of either.
func (d *ldData) ldImage(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case map[string]any:
		t = d.resolve(t)
		for _, k := range []string{"url", "contentUrl", "@id"} {
			if s, ok := t[k].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	case []any:
		for _, x := range t {
			if s := d.ldImage(x); s != "" {
				return s
			}
		}
	}
	return ""
}

// ldAuthor is one author read from JSON-LD.
type ldAuthor struct {
	name   string
	person bool
	org    bool
}

// ldAuthors reads an author (or creator) value: a string, an object with a
// name, or an array of either; objects may be @id references.
func (d *ldData) ldAuthors(v any) []ldAuthor {
	var out []ldAuthor
	var items []any
	switch t := v.(type) {
	case []any:
		items = t
	default:
		items = []any{t}
	}
	for i, x := range items {
		if i >= 50 {
			break
		}
		switch y := x.(type) {
		case string:
			s := cleanJSONString(y)
			if s == "" || isURL(s) {
				continue
			}
			if names := ParseByline(s); len(names) > 0 {
				for _, n := range names {
					out = append(out, ldAuthor{name: n})
				}
			} else if trustedName(s) {
				out = append(out, ldAuthor{name: s})
			}
		case map[string]any:
			y = d.resolve(y)
			name := ldString(y["name"])
			if name == "" {
				gn, fn := ldString(y["givenName"]), ldString(y["familyName"])
				name = normSpace(gn + " " + fn)
			}
			if name == "" || isURL(name) {
				continue
			}
			a := ldAuthor{name: name}
			for _, t := range ldTypes(y["@type"]) {
				switch t {
				case "Person":
					a.person = true
				case "Organization", "NewsMediaOrganization", "Corporation", "EducationalOrganization", "GovernmentOrganization", "NGO", "OnlineBusiness":
					a.org = true
				}
			}
			out = append(out, a)
		}
	}
	return out
}
