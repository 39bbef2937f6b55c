package meta

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// isSpace reports whether r is white space for normalization purposes. Besides
// Unicode white space it treats zero-width spaces and the byte order mark as
// space, since they only ever appear in metadata by accident.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u2060'
}

// normSpace collapses every run of white space in s into one ASCII space and
// trims both ends.
func normSpace(s string) string {
	// Fast path: nothing to do.
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			clean = false
			break
		}
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
		if sp && (c != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if isSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// normBlock normalizes a multi-line text such as an articleBody: spaces are
// collapsed inside lines, lines are trimmed, and runs of blank lines become a
// single blank line.
func normBlock(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		l = normSpace(l)
		if l == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// unescapeBasic decodes the HTML entities that commonly survive a first
// decoding in attribute values that were escaped twice: &amp; &lt; &gt;
// &quot; &apos; and numeric references. Other text is left as is.
func unescapeBasic(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '&' {
			j := strings.IndexByte(s[i:], '&')
			if j < 0 {
				b.WriteString(s[i:])
				break
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		semi := strings.IndexByte(s[i:], ';')
		if semi < 2 || semi > 12 {
			b.WriteByte('&')
			i++
			continue
		}
		ent := s[i : i+semi+1]
		switch ent {
		case "&amp;", "&lt;", "&gt;", "&quot;", "&apos;":
			b.WriteString(html.UnescapeString(ent))
			i += len(ent)
			continue
		}
		if ent[1] == '#' {
			dec := html.UnescapeString(ent)
			if dec != ent {
				b.WriteString(dec)
				i += len(ent)
				continue
			}
		}
		b.WriteByte('&')
		i++
	}
	return b.String()
}

// cleanString normalizes an attribute or JSON string value: entities left
// over from double escaping are decoded and white space is collapsed.
func cleanString(s string) string {
	return normSpace(unescapeBasic(s))
}

// cleanJSONString normalizes a JSON-LD string, which may contain any HTML
// entity.
func cleanJSONString(s string) string {
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return normSpace(s)
}

// wordCount returns the number of space-separated words in s.
func wordCount(s string) int {
	return len(strings.Fields(s))
}

// isURL reports whether s looks like an absolute URL or a bare web address
// rather than a name.
func isURL(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t\n") {
		return false
	}
	l := strings.ToLower(s)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "//") || strings.HasPrefix(l, "www.") {
		return true
	}
	if strings.HasPrefix(l, "/") {
		return true
	}
	// host/path without scheme: "example.com/people/jane"
	if i := strings.IndexByte(l, '/'); i > 0 && strings.Contains(l[:i], ".") {
		return true
	}
	return false
}

// isEmail reports whether s is a bare e-mail address.
func isEmail(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "mailto:")
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t") {
		return false
	}
	return strings.Contains(s[at+1:], ".")
}

// resolveURL resolves ref against base and returns it when the result is an
// absolute http(s) URL; otherwise it returns "".
func resolveURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || len(ref) > 4096 {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		// Some pages put spaces or other junk in URLs; try once escaped.
		u, err = url.Parse(strings.ReplaceAll(ref, " ", "%20"))
		if err != nil {
			return ""
		}
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	if u.Host == "" {
		return ""
	}
	return u.String()
}

// hostKey returns the distinctive label of a host name: "www.example.co.uk"
// gives "example".
func hostKey(host string) string {
	host = strings.ToLower(strings.TrimSpace(host))
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	host = strings.TrimSuffix(host, ".")
	labels := strings.Split(host, ".")
	for len(labels) > 0 && (labels[0] == "www" || labels[0] == "m" || labels[0] == "amp" || labels[0] == "mobile") {
		labels = labels[1:]
	}
	switch {
	case len(labels) == 0:
		return ""
	case len(labels) == 1:
		return keyOf(labels[0])
	}
	// Drop the public suffix: one label, or two when the second-level label
	// is a generic one such as "co" in "co.uk".
	labels = labels[:len(labels)-1]
	if len(labels) >= 2 && secondLevel[labels[len(labels)-1]] {
		labels = labels[:len(labels)-1]
	}
	return keyOf(labels[len(labels)-1])
}

// secondLevel lists generic second-level labels used under country codes.
var secondLevel = map[string]bool{
	"co": true, "com": true, "net": true, "org": true, "gov": true, "ac": true,
	"edu": true, "or": true, "ne": true, "go": true, "gob": true, "nic": true,
}

// keyOf reduces a name to lower-case letters and digits, for loose
// comparisons of site names. A domain-like name ("Example.com") loses its
// top-level domain and a leading "www.", and a leading "the" is dropped.
func keyOf(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if !strings.ContainsAny(s, " \t") && strings.Contains(s, ".") && !strings.HasSuffix(s, ".") {
		if i := strings.Index(s, "://"); i >= 0 {
			s = s[i+3:]
		}
		s = strings.TrimSuffix(s, "/")
		if looksLikeDomain(s) {
			return hostKey(s)
		}
	}
	s = strings.TrimPrefix(s, "the ")
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// looksLikeDomain reports whether s is a dotted host name with a final label
// of letters.
func looksLikeDomain(s string) bool {
	if strings.ContainsAny(s, "/ ") {
		return false
	}
	i := strings.LastIndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return false
	}
	tld := s[i+1:]
	if len(tld) < 2 || len(tld) > 12 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// normLang normalizes a language tag: "en_us" and "EN-us" give "en-US",
// "zh_hant_tw" gives "zh-Hant-TW". Values that are not tags give "".
func normLang(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",;"); i >= 0 { // "en-US, en" or "en;q=0.9"
		s = strings.TrimSpace(s[:i])
	}
	if s == "" || len(s) > 35 {
		return ""
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 {
		return ""
	}
	for _, p := range parts {
		if len(p) > 8 {
			return ""
		}
		for _, r := range p {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return ""
			}
		}
	}
	if l := len(parts[0]); l < 2 || l > 3 {
		if !strings.EqualFold(parts[0], "x") && !strings.EqualFold(parts[0], "i") {
			return ""
		}
	}
	for i, p := range parts {
		switch {
		case i == 0:
			parts[i] = strings.ToLower(p)
		case len(p) == 2 && !isDigits(p):
			parts[i] = strings.ToUpper(p)
		case len(p) == 4 && !isDigits(p):
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dedupeFold appends the values of src to dst, white space normalized,
// skipping empty values and values equal to one already present when
// compared case-insensitively.
func dedupeFold(dst []string, src ...string) []string {
	if len(src) == 0 {
		return dst
	}
	seen := make(map[string]bool, len(dst)+len(src))
	for _, d := range dst {
		seen[strings.ToLower(d)] = true
	}
	for _, s := range src {
		s = normSpace(s)
		if s == "" || seen[strings.ToLower(s)] {
			continue
		}
		seen[strings.ToLower(s)] = true
		dst = append(dst, s)
	}
	return dst
}
