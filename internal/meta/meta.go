// Package meta reads article metadata from a parsed HTML document: JSON-LD,
// OpenGraph, Twitter cards, Dublin Core and other <meta> conventions,
// microdata, <time> elements and visible bylines.
//
// Extract walks the document once, iteratively, collecting the few kinds of
// elements it needs, and then decides each field from the collected values.
package meta

import (
	"context"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Meta is the metadata found in a document. Empty fields were not found.
type Meta struct {
	Title       string
	Authors     []string
	Published   time.Time
	Modified    time.Time
	SiteName    string
	Description string
	Language    string
	URL         string // canonical URL, absolute
	Image       string // absolute
	Tags        []string
	Categories  []string
	Type        string // schema.org or og:type, e.g. "NewsArticle", "article"
	ArticleBody string // JSON-LD articleBody, when present
}

// Extract reads the metadata of doc. pageURL, which may be nil, resolves
// relative URLs (together with a <base href> in the document) and supplies
// the host name used to recognize the site's name in titles.
//
// Sources are tried in this order: JSON-LD objects of an article type (a
// web-page object as fallback), OpenGraph and other <meta> conventions,
// microdata, <time> elements and visible byline elements.
func Extract(doc *html.Node, pageURL *url.URL) Meta {
	m, _ := ExtractContext(context.Background(), doc, pageURL)
	return m
}

// ExtractContext is Extract, checking ctx every few thousand elements of
// its walk over the document; it returns ctx's error when it is done.
func ExtractContext(ctx context.Context, doc *html.Node, pageURL *url.URL) (Meta, error) {
	if doc == nil {
		return Meta{}, nil
	}
	p := collect(ctx, doc)
	if err := ctx.Err(); err != nil {
		return Meta{}, err
	}
	ld := parseJSONLD(p.scripts)
	article, webpage := ld.pick()
	md := newMicrodata(p)

	base := pageURL
	if p.base != "" {
		if b, err := url.Parse(strings.TrimSpace(p.base)); err == nil {
			if base != nil {
				b = base.ResolveReference(b)
			}
			if b.IsAbs() {
				base = b
			}
		}
	}
	host := ""
	if pageURL != nil {
		host = pageURL.Hostname()
	}

	var m Meta
	m.SiteName = siteName(p, ld, article)
	m.Title = extractTitle(p, ld, article, md, m.SiteName, host)
	m.Authors = extractAuthors(p, ld, article, webpage, md, m.SiteName, host)
	m.Title = stripAuthor(m.Title, m.Authors)
	m.Published, m.Modified = extractDates(p, article, webpage, md)
	m.Description = extractDescription(p, article, md)
	m.Language = extractLanguage(p, article, webpage)
	m.URL = extractURL(p, article, base)
	m.Image = extractImage(p, ld, article, md, base)
	m.Tags, m.Categories = extractTags(p, article)
	m.Type = extractType(p, article)
	if article != nil {
		if s, ok := article.m["articleBody"].(string); ok {
			if strings.Contains(s, "&") {
				s = html.UnescapeString(s)
			}
			m.ArticleBody = normBlock(s)
		}
	}
	return m, nil
}

// siteName: JSON-LD publisher, og:site_name, application-name. The
// publisher comes first as Readability does: og:site_name more often
// carries a slogan ("Example.cz - Víte, co se děje") or a platform name.
func siteName(p *page, ld *ldData, article *ldObject) string {
	if article != nil {
		if s := ld.ldName(article.m["publisher"]); s != "" && !isURL(s) {
			return s
		}
	}
	if s := cleanString(p.first("og:site_name")); s != "" {
		return s
	}
	if s := cleanString(p.first("application-name", "apple-mobile-web-app-title")); s != "" {
		return s
	}
	return ""
}

// extractTitle picks the title from the metadata and the document, removes
// the site's name from it, and replaces a title that is only the site's name
// by the first <h1>.
func extractTitle(p *page, ld *ldData, article *ldObject, md *microdata, site, host string) string {
	var names []string
	if site != "" {
		names = append(names, site)
	}
	if s := cleanString(p.first("og:site_name")); s != "" {
		names = append(names, s)
	}
	if article != nil {
		if s := ld.ldName(article.m["publisher"]); s != "" {
			names = append(names, s)
		}
	}
	sm := newSiteMatcher(names, host)
	docTitle := readabilityTitle(p)

	title := ""
	if article != nil {
		name := ldString(article.m["name"])
		headline := ldString(article.m["headline"])
		switch {
		case name != "" && headline != "" && name != headline:
			// Some sites put their own name in "name", others a summary in
			// "headline": take the headline when it resembles the document
			// title better, else the name (as Readability does).
			nameSim := textSimilarity(name, docTitle)
			headlineSim := textSimilarity(headline, docTitle)
			switch {
			case headlineSim > 0.75 && nameSim <= 0.75:
				title = headline
			case nameSim <= 0.75 && headlineSim > nameSim:
				title = headline
			default:
				title = name
			}
		case headline != "":
			title = headline
		default:
			title = name
		}
		if isURL(title) {
			title = ""
		}
	}
	if title == "" {
		title = cleanString(p.first("dc:title", "dcterms:title", "dcterm:title", "og:title",
			"weibo:article:title", "weibo:webpage:title", "title", "twitter:title", "parsely-title", "sailthru:title"))
	}
	switch {
	case title != "":
		if t, ok := stripSite(title, sm); ok {
			title = t
		}
	case p.title != "":
		if t, ok := stripSite(p.title, sm); ok {
			title = t
		} else {
			title = docTitle
		}
	default:
		if v := md.articleValues("headline"); len(v) > 0 {
			title = v[0]
		} else if v := md.articleValues("name"); len(v) > 0 {
			title = v[0]
		}
		if t, ok := stripSite(title, sm); ok {
			title = t
		}
	}
	if title == "" || sm.matches(title) {
		for _, h := range p.headings {
			if h.level == 1 && h.text != "" && !sm.matches(h.text) {
				return h.text
			}
		}
	}
	return title
}

// extractAuthors returns the article's authors: JSON-LD, then meta tags,
// then microdata, then visible byline elements.
func extractAuthors(p *page, ld *ldData, article, webpage *ldObject, md *microdata, site, host string) []string {
	var names []string
	sm := newSiteMatcher([]string{site}, host)
	// keep cleans candidate names and drops URLs, user handles and names
	// of organizations that merely repeat the site's name.
	keep := func(cands []string, orgs []bool) []string {
		var out []string
		for i, c := range cands {
			c = cleanAuthorName(c)
			if c == "" || strings.ContainsAny(c, "0123456789") {
				continue
			}
			org := i < len(orgs) && orgs[i] || isOrgish(strings.ToLower(c)) || wordCount(c) == 1
			if org && sm.matches(c) {
				continue
			}
			out = dedupeFold(out, c)
		}
		return out
	}
	for _, o := range []*ldObject{article, webpage} {
		if o == nil {
			continue
		}
		var as []ldAuthor
		for _, k := range []string{"author", "creator"} {
			if v, ok := o.m[k]; ok {
				as = ld.ldAuthors(v)
				if len(as) > 0 {
					break
				}
			}
		}
		hasPerson := false
		for _, a := range as {
			hasPerson = hasPerson || a.person
		}
		var cands []string
		var orgs []bool
		for _, a := range as {
			if hasPerson && a.org {
				continue
			}
			cands = append(cands, a.name)
			orgs = append(orgs, a.org)
		}
		if names = keep(cands, orgs); len(names) > 0 {
			return names
		}
	}

	// Meta tags. Values may be lists ("Jane Doe and John Roe").
	for _, keys := range [][]string{
		{"dc:creator", "dcterms:creator", "dcterm:creator"},
		{"author"},
		{"parsely-author"},
		{"sailthru:author"},
		{"article:author"},
		{"citation_author"},
		{"byl"},
	} {
		var cands []string
		for _, k := range keys {
			for _, v := range p.values(k) {
				v = cleanString(v)
				if v == "" || isURL(v) {
					continue
				}
				if k != "author" && k != "byl" && isLastFirst(v) {
					// Bibliographic "Doe, Jane" (Dublin Core, citation_author).
					cands = append(cands, v)
					continue
				}
				if ns := ParseByline(v); len(ns) > 0 {
					cands = append(cands, ns...)
				} else if trustedName(v) {
					cands = append(cands, v)
				}
			}
			if len(cands) > 0 {
				break
			}
		}
		if names = keep(cands, nil); len(names) > 0 {
			return names
		}
	}

	if names = keep(md.authors(), nil); len(names) > 0 {
		return names
	}

	// Visible bylines: rel=author links, then byline-like elements.
	for _, n := range p.bylines {
		if names = keep(bylineNames(n), nil); len(names) > 0 {
			return names
		}
	}
	for _, n := range p.authorLink {
		if names = keep(ParseByline(textOf(n, maxTextRunes)), nil); len(names) > 0 {
			return names
		}
	}
	return nil
}

// bylineNames reads a byline element: the text of a descendant with an
// itemprop of "name" when there is one, else the element's own text when it
// is short.
func bylineNames(n *html.Node) []string {
	// Look for itemprop=name below n, visiting a bounded number of nodes.
	visited := 0
	for c := n.FirstChild; c != nil && visited < maxTextNodes; {
		visited++
		if c.Type == html.ElementNode && strings.Contains(strings.ToLower(attr(c, "itemprop")), "name") {
			v := attr(c, "content")
			if v == "" {
				v = textOf(c, maxTextRunes)
			}
			if ns := ParseByline(v); len(ns) > 0 {
				return ns
			}
		}
		if c.FirstChild != nil && c.Type == html.ElementNode {
			c = c.FirstChild
			continue
		}
		for c != nil && c != n && c.NextSibling == nil {
			c = c.Parent
		}
		if c == nil || c == n {
			break
		}
		c = c.NextSibling
	}
	t := normSpace(textOf(n, maxTextRunes))
	if t == "" || len([]rune(t)) >= 100 {
		return nil
	}
	// Lines of the byline become segments: "By Jane Doe<br>Example News".
	return ParseByline(textSep(n, maxTextRunes, " | "))
}

// Date meta keys, in order of preference after article:published_time.
var publishedKeys = []string{
	"article:published_time", "parsely-pub-date", "og:published_time",
	"article:published", "published_time", "sailthru:date", "pubdate", "publishdate",
	"publish-date", "publish_date", "date", "dc:date:issued", "dcterms:issued",
	"dc:date", "dcterms:date", "dcterms:created", "dc:date:created", "citation_publication_date",
	"citation_date", "citation_online_date", "prism:publicationdate", "datepublished",
	"originalpublicationdate", "article:post_date", "og:pubdate", "pdate", "displaydate",
	"datecreated",
}

var modifiedKeys = []string{
	"article:modified_time", "og:updated_time", "article:updated_time", "modified_time",
	"dcterms:modified", "dc:date:modified", "datemodified", "last-modified", "lastmod",
	"sailthru:date:modified", "parsely-updated",
}

// extractDates: JSON-LD, then meta tags, then microdata, then <time>.
func extractDates(p *page, article, webpage *ldObject, md *microdata) (pub, mod time.Time) {
	tryAll := func(vals ...string) time.Time {
		for _, v := range vals {
			if t, ok := ParseDate(v); ok {
				return t
			}
		}
		return time.Time{}
	}
	for _, o := range []*ldObject{article, webpage} {
		if o == nil {
			continue
		}
		if pub.IsZero() {
			pub = tryAll(ldString(o.m["datePublished"]), ldString(o.m["dateCreated"]), ldString(o.m["uploadDate"]))
		}
		if mod.IsZero() {
			mod = tryAll(ldString(o.m["dateModified"]))
		}
		if o == article && !pub.IsZero() {
			break
		}
	}
	if pub.IsZero() {
		for _, k := range publishedKeys {
			if pub = tryAll(p.values(k)...); !pub.IsZero() {
				break
			}
		}
	}
	if mod.IsZero() {
		for _, k := range modifiedKeys {
			if mod = tryAll(p.values(k)...); !mod.IsZero() {
				break
			}
		}
	}
	if pub.IsZero() {
		pub = tryAll(md.values("datepublished", "datecreated")...)
	}
	if mod.IsZero() {
		mod = tryAll(md.values("datemodified")...)
	}
	if pub.IsZero() {
		pub = timeElement(p, func(t timeTag) bool { return t.published })
	}
	if pub.IsZero() {
		pub = timeElement(p, func(t timeTag) bool { return t.inArticle && !t.modified })
	}
	if mod.IsZero() {
		mod = timeElement(p, func(t timeTag) bool { return t.modified })
	}
	return pub, mod
}

func timeElement(p *page, ok func(timeTag) bool) time.Time {
	for _, t := range p.times {
		if !ok(t) {
			continue
		}
		v := t.datetime
		if v == "" {
			v = t.text
		}
		if d, good := ParseDate(v); good {
			return d
		}
	}
	return time.Time{}
}

func extractDescription(p *page, article *ldObject, md *microdata) string {
	if article != nil {
		if s := ldString(article.m["description"]); s != "" {
			return s
		}
	}
	if s := cleanString(p.first("dc:description", "dcterms:description", "dcterm:description", "og:description",
		"weibo:article:description", "weibo:webpage:description", "description", "twitter:description",
		"sailthru:description")); s != "" {
		return s
	}
	if v := md.articleValues("description"); len(v) > 0 {
		return normSpace(v[0])
	}
	return ""
}

func extractLanguage(p *page, article, webpage *ldObject) string {
	if l := normLang(p.htmlLang); l != "" {
		return l
	}
	if l := normLang(p.first("content-language", "dc:language", "dcterms:language", "language")); l != "" {
		return l
	}
	if l := normLang(p.first("og:locale")); l != "" {
		return l
	}
	for _, o := range []*ldObject{article, webpage} {
		if o == nil {
			continue
		}
		var s string
		switch v := o.m["inLanguage"].(type) {
		case string:
			s = v
		case map[string]any:
			s = ldString(v["alternateName"])
			if s == "" {
				s = ldString(v["name"])
			}
		}
		if l := normLang(s); l != "" {
			return l
		}
	}
	return ""
}

func extractURL(p *page, article *ldObject, base *url.URL) string {
	for _, c := range p.canonical {
		if u := resolveURL(base, c); u != "" {
			return u
		}
	}
	if u := resolveURL(base, p.first("og:url")); u != "" {
		return u
	}
	if article != nil {
		if u := resolveURL(base, ldString(article.m["url"])); u != "" {
			return u
		}
	}
	return ""
}

func extractImage(p *page, ld *ldData, article *ldObject, md *microdata, base *url.URL) string {
	cands := []string{
		p.first("og:image", "og:image:url", "og:image:secure_url"),
		p.first("twitter:image", "twitter:image:src"),
	}
	if article != nil {
		cands = append(cands, ld.ldImage(article.m["image"]), ld.ldImage(article.m["thumbnailUrl"]))
	}
	cands = append(cands, md.articleValues("image")...)
	cands = append(cands, p.imageSrc)
	for _, c := range cands {
		if u := resolveURL(base, c); u != "" {
			return u
		}
	}
	return ""
}

func extractTags(p *page, article *ldObject) (tags, cats []string) {
	split := func(vals []string) []string {
		var out []string
		for _, v := range vals {
			for _, t := range strings.FieldsFunc(unescapeBasic(v), func(r rune) bool { return r == ',' || r == ';' || r == '，' || r == '、' || r == '；' }) {
				if t = normSpace(t); usefulTag(t) {
					out = append(out, t)
				}
			}
		}
		return out
	}
	tags = dedupeFold(tags, split(p.values("article:tag"))...)
	tags = dedupeFold(tags, split(p.values("keywords"))...)
	tags = dedupeFold(tags, split(p.values("news_keywords"))...)
	if article != nil {
		switch v := article.m["keywords"].(type) {
		case string:
			tags = dedupeFold(tags, split([]string{cleanJSONString(v)})...)
		case []any:
			tags = dedupeFold(tags, split(ldStrings(v))...)
		}
	}
	cats = dedupeFold(cats, split(p.values("article:section"))...)
	if article != nil {
		for _, c := range ldStrings(article.m["articleSection"]) {
			if usefulTag(c) {
				cats = dedupeFold(cats, c)
			}
		}
	}
	return tags, cats
}

// usefulTag rejects empty and placeholder values ("null", "undefined") and
// machine tags such as "Key:value".
func usefulTag(t string) bool {
	switch strings.ToLower(t) {
	case "", "null", "nil", "undefined", "none", "[]", "n/a":
		return false
	}
	if i := strings.IndexByte(t, ':'); i > 0 && i < len(t)-1 && !strings.ContainsAny(t, " \t") {
		return false
	}
	return true
}

func extractType(p *page, article *ldObject) string {
	if article != nil {
		for _, t := range article.types {
			if isArticleType(t) {
				return t
			}
		}
	}
	return cleanString(p.first("og:type"))
}

// isLastFirst reports whether v is one name written "Last, First" as
// bibliographic metadata does ("Jong, Michiel de", "Kooman, F.").
func isLastFirst(v string) bool {
	last, first, ok := strings.Cut(v, ",")
	if !ok || strings.Contains(first, ",") {
		return false
	}
	last, first = strings.TrimSpace(last), strings.TrimSpace(first)
	if wordCount(last) != 1 || wordCount(first) == 0 || wordCount(first) > 3 {
		return false
	}
	lf := strings.ToLower(first)
	return !isRole(lf) && !credentials[strings.ReplaceAll(lf, " ", "")] && !nameSuffixes[lf] &&
		plausibleName(last) && plausibleName(first)
}

// trustedName accepts an author value from metadata that ParseByline
// rejected, when it is still short and free of sentence punctuation, job
// titles and digits ("Organization for Transformative Works").
func trustedName(v string) bool {
	n := wordCount(v)
	return n > 0 && n <= maxNameWords && !looksLikeSentence(v) && !isRole(strings.ToLower(v)) &&
		!strings.ContainsAny(v, "0123456789") && hasLetter(v) && !isURL(v) && !isEmail(v)
}
