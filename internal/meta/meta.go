// Package meta reads article metadata from a parsed HTML document.
package meta

import (
	"net/url"
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

// Extract reads the metadata of doc. STUB: to be replaced.
func Extract(doc *html.Node, pageURL *url.URL) Meta { return Meta{} }

// ParseByline returns the author names in a byline such as "By Jane Doe and
// John Roe". STUB.
func ParseByline(s string) []string { return nil }

// ParseDate parses a date as written in metadata or visible datelines. STUB.
func ParseDate(s string) (time.Time, bool) { return time.Time{}, false }
