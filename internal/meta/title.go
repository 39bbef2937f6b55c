package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSep is a separator found in a title.
type titleSep struct {
	start, end int  // byte range of the separator, spaces included
	hier       bool // a hierarchical separator: \ / > »
	generic    bool // one Readability cuts on: | - – — \ / > »
}

// findSeps returns the separators of t: a separator character with a space
// on each side (" | "), a "::" likewise spaced, or a full-width bar. When
// withColon is set, ": " preceded by a letter counts too.
func findSeps(t string) []titleSep {
	var seps []titleSep
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		spacedBefore := i > 0 && t[i-1] == ' '
		switch r {
		case '|', '-', '–', '—', '\\', '/', '>', '»', '·', '•', '~', '«', '_', '｜', '◆', '★':
			if spacedBefore && i+size < len(t) && t[i+size] == ' ' {
				g := r == '|' || r == '-' || r == '–' || r == '—' || r == '\\' || r == '/' || r == '>' || r == '»'
				h := r == '\\' || r == '/' || r == '>' || r == '»'
				seps = append(seps, titleSep{start: i - 1, end: i + size + 1, hier: h, generic: g})
			} else if r == '｜' || (r == '_' && (spacedBefore || i+size < len(t) && t[i+size] == ' ')) {
				s, e := i, i+size
				if spacedBefore {
					s--
				}
				if e < len(t) && t[e] == ' ' {
					e++
				}
				seps = append(seps, titleSep{start: s, end: e})
			}
		case ':':
			if spacedBefore && strings.HasPrefix(t[i:], ":: ") {
				seps = append(seps, titleSep{start: i - 1, end: i + 3})
				size = 2
			}
		}
		i += size
	}
	return seps
}

// siteMatcher compares title parts with a site's names.
type siteMatcher struct {
	keys []string
}

func newSiteMatcher(siteNames []string, host string) siteMatcher {
	var m siteMatcher
	add := func(k string) {
		if utf8.RuneCountInString(k) < 2 {
			return
		}
		for _, x := range m.keys {
			if x == k {
				return
			}
		}
		m.keys = append(m.keys, k)
	}
	for _, s := range siteNames {
		add(keyOf(s))
	}
	if host != "" {
		add(hostKey(host))
	}
	return m
}

// matches reports whether part names the site: its key equals a site key,
// or one contains the other and the difference is a generic word such as
// "news", "online" or a domain ("Example News" for site "Example").
func (m siteMatcher) matches(part string) bool {
	k := keyOf(part)
	if k == "" {
		return false
	}
	for _, sk := range m.keys {
		if k == sk {
			return true
		}
		if len(sk) >= 4 && strings.HasPrefix(k, sk) && siteSuffixes[k[len(sk):]] {
			return true
		}
		if len(k) >= 4 && strings.HasPrefix(sk, k) && siteSuffixes[sk[len(k):]] {
			return true
		}
	}
	return false
}

// siteSuffixes are words that may follow a site's name in titles.
var siteSuffixes = map[string]bool{
	"com": true, "net": true, "org": true, "news": true, "online": true,
	"magazine": true, "blog": true, "de": true, "fr": true, "couk": true,
	"mag": true, "tv": true, "media": true,
}

// stripSite removes a suffix (" | Site", " - Site", " — Site", " :: Site",
// " · Site") or a prefix ("Site | ", "Site: ") that names the site. It
// reports whether it removed anything; the remaining title is never empty.
func stripSite(t string, m siteMatcher) (string, bool) {
	if len(m.keys) == 0 {
		return t, false
	}
	seps := findSeps(t)
	orig := t
	if len(seps) > 0 {
		last := seps[len(seps)-1]
		if rest := strings.TrimSpace(t[:last.start]); rest != "" && m.matches(t[last.end:]) {
			t = rest
			seps = seps[:len(seps)-1]
		}
		if len(seps) > 0 {
			first := seps[0]
			if rest := strings.TrimSpace(t[first.end:]); rest != "" && m.matches(t[:first.start]) {
				t = rest
			}
		}
	}
	if t == orig {
		// "Site: Title" and "Title (Site)" / "Title [Site]".
		if i := strings.Index(t, ": "); i > 0 && m.matches(t[:i]) {
			if rest := strings.TrimSpace(t[i+2:]); rest != "" {
				t = rest
			}
		} else if n := len(t); n > 2 && (t[n-1] == ')' || t[n-1] == ']') {
			open := byte('(')
			if t[n-1] == ']' {
				open = '['
			}
			if i := strings.LastIndexByte(t, open); i > 0 && t[i-1] == ' ' && m.matches(t[i+1:n-1]) {
				t = strings.TrimSpace(t[:i])
			}
		}
	}
	return t, t != orig
}

// stripAuthor removes a last title part that names one of the article's
// authors, as blogging platforms append it ("Title - Jane Doe", "Title |
// by Jane Doe"): the name is in Authors already. The rest must keep two
// words.
func stripAuthor(t string, authors []string) string {
	seps := findSeps(t)
	if len(seps) == 0 || len(authors) == 0 {
		return t
	}
	last := seps[len(seps)-1]
	head := strings.TrimSpace(t[:last.start])
	part := strings.TrimSpace(t[last.end:])
	if lp := strings.ToLower(part); strings.HasPrefix(lp, "by ") {
		part = part[3:]
	}
	k := keyOf(part)
	if k == "" || wordCount(head) < 2 {
		return t
	}
	for _, a := range authors {
		if keyOf(a) == k {
			return head
		}
	}
	return t
}

// CleanTitle removes the site's name from a page title. A suffix or prefix
// set off by a separator (" | Site", " - Site", " — Site", " :: Site",
// " · Site", "Site: Title", "Title (Site)") is removed when it matches
// siteName or the distinctive part of host ("www.example.com" gives
// "example"), compared loosely (case, punctuation, a top-level domain and
// words such as "News" are ignored). Without such a match it follows
// Readability's idea: the part after the last " | ", " - ", " – ", " — ",
// " / ", " \ ", " > " or " » " is dropped when the rest keeps at least three
// words and the dropped part is short (at most four words, or less than half
// the rest); when the rest would be shorter, a first part of at most four
// words is dropped instead ("Opinion | Title"), unless what follows has a
// colon of its own ("Foo - Bar: A Story About Baz" stays whole). A result of
// four words or fewer falls back to the whole title, unless a hierarchical
// separator (/ \ > ») removed a single word. White space is normalized; the
// result is empty only for an empty title.
func CleanTitle(title, siteName, host string) string {
	t := normSpace(title)
	if t == "" {
		return ""
	}
	var names []string
	if siteName != "" {
		names = append(names, siteName)
	}
	if s, ok := stripSite(t, newSiteMatcher(names, host)); ok {
		return s
	}
	return genericCut(t)
}

// genericCut applies the separator rules of CleanTitle without site
// knowledge.
func genericCut(t string) string {
	var seps []titleSep
	for _, s := range findSeps(t) {
		if s.generic {
			seps = append(seps, s)
		}
	}
	if len(seps) == 0 {
		return t
	}
	hier := false
	for _, s := range seps {
		hier = hier || s.hier
	}
	last := seps[len(seps)-1]
	first := seps[0]
	cur := t
	head := strings.TrimSpace(t[:last.start])
	tail := strings.TrimSpace(t[last.end:])
	switch {
	case wordCount(head) >= 3 && (wordCount(tail) <= 4 || wordCount(tail) < wordCount(head)/2):
		cur = head
	case wordCount(head) < 3:
		// Drop a short first part ("Site - Title"), unless the rest has a
		// colon of its own: "Franchise - Part: Subtitle" is one title.
		lead := strings.TrimSpace(t[:first.start])
		rest := strings.TrimSpace(t[first.end:])
		if wordCount(lead) <= 4 && !strings.Contains(rest, ": ") {
			cur = rest
		}
	}
	if cur == t {
		return t
	}
	n := wordCount(cur)
	if n <= 4 {
		// Each spaced separator is one word of t.
		if !hier || n != wordCount(t)-len(seps)-1 {
			return t
		}
	}
	return cur
}

// readabilityTitle reproduces the idea of Readability's title extraction from
// the document's <title>: cut a site part on separators, cut "Section:
// Title" when a heading repeats the part after the colon, and replace titles
// that are very short or very long by the page's only <h1>. A result of four
// words or fewer falls back to the whole title.
func readabilityTitle(p *page) string {
	orig := p.title
	if orig == "" {
		return ""
	}
	cur := orig
	hier := false
	generic := false
	wholeWords := wordCount(orig) // words without the separators
	for _, s := range findSeps(orig) {
		if s.generic {
			generic = true
			hier = hier || s.hier
			wholeWords--
		}
	}
	switch {
	case generic:
		cur = genericCut(orig)
	case strings.Contains(orig, ": "):
		// Readability cuts "Section: Title" unless a heading repeats the
		// whole title. That also cuts real titles ("Fish & Chips: a
		// history"), so the cut is only made when a heading confirms it by
		// repeating the part after the colon.
		after := strings.TrimSpace(orig[strings.LastIndex(orig, ":")+1:])
		if wordCount(after) < 3 {
			after = strings.TrimSpace(orig[strings.Index(orig, ":")+1:])
		}
		for _, h := range p.headings {
			if h.text == orig {
				break
			}
			if h.text == after {
				cur = after
				break
			}
		}
	case len(orig) > 150 || len(orig) < 15:
		if p.h1Count == 1 {
			for _, h := range p.headings {
				if h.level == 1 && h.text != "" {
					cur = h.text
					break
				}
			}
		}
	}
	cur = normSpace(cur)
	if n := wordCount(cur); n <= 4 && (!hier || n != wholeWords-1) {
		return orig
	}
	return cur
}

// textSimilarity is Readability's measure of how much of b's words appear
// in a: 1 when all do.
func textSimilarity(a, b string) float64 {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
		})
	}
	ta, tb := split(a), split(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	inA := make(map[string]bool, len(ta))
	for _, t := range ta {
		inA[t] = true
	}
	var uniq []string
	for _, t := range tb {
		if !inA[t] {
			uniq = append(uniq, t)
		}
	}
	return 1 - float64(len(strings.Join(uniq, " ")))/float64(len(strings.Join(tb, " ")))
}
