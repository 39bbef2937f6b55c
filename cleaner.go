package cleaner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// Errors returned by the cleaner. Use errors.Is to test for them; the
// returned errors wrap them with more detail.
var (
	// ErrTooLarge reports an input refused because it exceeds a configured
	// limit (see WithMaxNodes). Inputs longer than WithMaxBytes are not
	// refused: they are truncated and Article.Truncated is set.
	ErrTooLarge = errors.New("cleaner: input too large")
	// ErrNoContent reports a page in which no text at all could be found.
	ErrNoContent = errors.New("cleaner: no content found")
	// ErrInvalidOption reports a bad option given to New.
	ErrInvalidOption = errors.New("cleaner: invalid option")
)

// RuleError reports an internal failure (a recovered panic) inside a rule.
// The page is not cleaned; other pages are not affected.
type RuleError struct {
	Rule string // ID of the rule that failed, or the pipeline stage
	Err  error
}

func (e *RuleError) Error() string { return "cleaner: rule " + e.Rule + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *RuleError) Unwrap() error { return e.Err }

// Article is the result of cleaning one page.
type Article struct {
	// Title is the article's headline, without a site-name suffix or prefix.
	Title string
	// Subtitle is a standfirst or deck shown under the title, when found.
	Subtitle string
	// Authors lists the article's authors, in page order, without "By".
	Authors []string
	// Published and Modified are the publication and last-modification
	// times, with their zone; zero when unknown.
	Published time.Time
	Modified  time.Time
	// SiteName is the publication's name, from the page's metadata; else
	// the host name of the page URL without "www.".
	SiteName string
	// Description is the page's summary (meta description, og:description).
	Description string
	// Language is a BCP 47 language tag such as "en" or "pt-BR", as the
	// page declares it; else the base language detected from Text ("en"),
	// or "" when the detector is unsure.
	Language string
	// URL is the canonical URL when the page names one, else the page URL.
	URL string
	// Image is the page's lead image URL.
	Image string
	// Tags lists keywords and tags.
	Tags []string
	// Categories lists the sections the page files the article under
	// (article:section, JSON-LD articleSection).
	Categories []string
	// Text is the article as plain text: one block a paragraph, paragraphs
	// separated by a blank line.
	Text string
	// Blocks is the article as an ordered list of typed blocks; Text is
	// rendered from it.
	Blocks []Block
	// Truncated is set when the input was longer than the configured
	// maximum and only its beginning was read.
	Truncated bool
	// Charset names the character encoding the input was decoded from.
	Charset string
	// Comments are the reader comments of the page, in page order, when
	// it has any (see WithComments). They are never part of Text or
	// Blocks.
	Comments []Comment
	// Removed lists what each rule removed, in pipeline order. It is only
	// filled when the Cleaner was built with WithTrace(true).
	Removed []Removal
}

// Removal is one entry of the trace: a rule removed some text.
type Removal struct {
	Rule   string // the rule's ID
	Phase  Phase  // the phase the rule ran in
	Text   string // the removed text, whitespace-normalized, cut to a few hundred bytes
	Reason string // why: the rule's description
}

// Cleaner extracts articles from pages. Build it once with New; it is
// immutable and safe for concurrent use by many goroutines.
type Cleaner struct {
	cfg   config
	rules ruleSet
	hosts []hostRules
	keep  []cascadia.Matcher
	// inputs recycles the buffers Clean reads pages into: about a fifth
	// of the bytes a call allocates. Its own, not the package's, so that
	// Cleaners share nothing.
	inputs bufPool
}

// New builds a Cleaner from the default rules and the given options. Options
// and rules are validated once here: an unknown rule ID, a bad CSS selector
// or a malformed rule makes New fail with an error wrapping ErrInvalidOption.
func New(opts ...Option) (*Cleaner, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	return build(cfg)
}

// Clean reads an HTML page from r, decodes it from whatever charset it is
// in, and returns its article. pageURL is the address the page was fetched
// from; it may be empty. It is used to resolve relative links, to pick host
// rules and as the fallback for Article.URL.
func (c *Cleaner) Clean(ctx context.Context, r io.Reader, pageURL string) (*Article, error) {
	return c.CleanWithContentType(ctx, r, pageURL, "")
}

// CleanWithContentType is like Clean, with the transport's Content-Type
// header value (for example "text/html; charset=windows-1252") used as a
// charset hint when the page itself has no byte order mark.
func (c *Cleaner) CleanWithContentType(ctx context.Context, r io.Reader, pageURL, contentType string) (*Article, error) {
	if r == nil {
		return nil, fmt.Errorf("%w: nil reader", ErrInvalidOption)
	}
	return c.cleanReader(ctx, r, pageURL, contentType)
}

// CleanDocument returns the article of an already parsed document. The
// document is only read, never modified: the cleaner records its removals
// in a side table.
func (c *Cleaner) CleanDocument(ctx context.Context, doc *goquery.Document, pageURL string) (*Article, error) {
	if doc == nil {
		return nil, fmt.Errorf("%w: nil document", ErrInvalidOption)
	}
	var root *html.Node
	if len(doc.Nodes) > 0 {
		root = doc.Nodes[0]
	}
	if root == nil {
		return nil, fmt.Errorf("%w: empty document", ErrNoContent)
	}
	if pageURL == "" && doc.Url != nil {
		pageURL = doc.Url.String()
	}
	// Clean refuses pages with too many tags before parsing them; a
	// document is already parsed, so count its elements instead.
	if n := countElements(root, c.cfg.maxNodes+1); n > c.cfg.maxNodes {
		return nil, fmt.Errorf("%w: more than %d elements", ErrTooLarge, c.cfg.maxNodes)
	}
	return c.cleanNode(ctx, root, pageURL, nil)
}

// CleanText cleans text that was already extracted from a page (for example
// by a scraper that kept the widgets, share buttons and footers). Only the
// rules of the text phase run; title, subtitle and byline are recognized
// from the text itself.
func (c *Cleaner) CleanText(ctx context.Context, text string) (*Article, error) {
	return c.cleanPlainText(ctx, text)
}

func parseURL(s string) *url.URL {
	s = strings.TrimSpace(s)
	if s == "" || !utf8.ValidString(s) || len(s) > 8192 {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil
	}
	return u
}
