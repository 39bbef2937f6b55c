// Command colly crawls a site with Colly (github.com/gocolly/colly/v2) and
// cleans every page it visits, writing one JSON line per page to the
// standard output.
//
//	go run ./colly [-depth N] [-parallel N] [-timeout D] URL...
//
//	-depth N      follow links up to N levels from the start URLs (default 2;
//	              1 visits the start URLs only)
//	-parallel N   pages fetched and cleaned at once (default 4)
//	-timeout D    time limit for cleaning one page (default 10s)
//
// The crawl stays on the hosts of the start URLs (colly.AllowedDomains) and
// follows the links of each page (<a href>) up to -depth (colly.MaxDepth).
// One *cleaner.Cleaner, built once, cleans every page: it is safe for
// concurrent use. It reads the document Colly already parsed, through
// (*cleaner.Cleaner).CleanDocument, so that no page is parsed twice; the
// document is never modified, so the callbacks registered after the
// cleaning one — here the one that follows links, which are mostly in the
// navigation the cleaner leaves out of the article — see the page as it
// was served.
//
// Each line has the fields url, title, authors, published (RFC 3339, when
// known), sitename, language and text, or url and error when the page
// could not be cleaned.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/boilerfree/cleaner"
	"github.com/gocolly/colly/v2"
)

func main() {
	depth := flag.Int("depth", 2, "follow links up to `N` levels from the start URLs")
	parallel := flag.Int("parallel", 4, "pages fetched and cleaned at once, `N`")
	timeout := flag.Duration("timeout", 10*time.Second, "time limit for cleaning one page")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: go run ./colly [flags] URL...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || *depth < 1 || *parallel < 1 {
		flag.Usage()
		os.Exit(2)
	}
	cl, err := cleaner.New()
	if err != nil {
		fmt.Fprintln(os.Stderr, "colly:", err)
		os.Exit(1)
	}
	cfg := config{depth: *depth, parallel: *parallel, timeout: *timeout}
	if err := crawl(cl, cfg, os.Stdout, flag.Args()...); err != nil {
		fmt.Fprintln(os.Stderr, "colly:", err)
		os.Exit(1)
	}
}

type config struct {
	depth    int
	parallel int
	timeout  time.Duration
}

// crawl visits the start URLs and the pages they link to, and waits for the
// crawl to end.
func crawl(cl *cleaner.Cleaner, cfg config, w io.Writer, start ...string) error {
	c, err := newCollector(cl, cfg, w, start)
	if err != nil {
		return err
	}
	for _, u := range start {
		if err := c.Visit(u); err != nil {
			return fmt.Errorf("%s: %w", u, err)
		}
	}
	c.Wait()
	return nil
}

// page is one line of the output.
type page struct {
	URL       string   `json:"url"`
	Title     string   `json:"title,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	Published string   `json:"published,omitempty"`
	SiteName  string   `json:"sitename,omitempty"`
	Language  string   `json:"language,omitempty"`
	Text      string   `json:"text,omitempty"`
	Error     string   `json:"error,omitempty"`
}

// newCollector returns an asynchronous collector, limited to the hosts of
// the start URLs and to cfg.depth, that cleans each HTML page it fetches
// with cl and writes the article to w as a JSON line, then follows the
// page's links.
func newCollector(cl *cleaner.Cleaner, cfg config, w io.Writer, start []string) (*colly.Collector, error) {
	var hosts []string
	for _, s := range start {
		u, err := url.Parse(s)
		if err != nil || u.Hostname() == "" {
			return nil, fmt.Errorf("%q: not an absolute URL", s)
		}
		hosts = append(hosts, u.Hostname())
	}
	c := colly.NewCollector(
		colly.AllowedDomains(hosts...),
		colly.MaxDepth(cfg.depth),
		colly.Async(true),
	)
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Parallelism: cfg.parallel}); err != nil {
		return nil, err
	}

	var mu sync.Mutex // the callbacks run concurrently
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	write := func(p page) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(p)
	}

	// The cleaning callback: "html" matches the root element once per page.
	c.OnHTML("html", func(e *colly.HTMLElement) {
		pageURL := e.Request.URL.String()
		ctx, cancel := context.WithTimeout(context.Background(), cfg.timeout)
		defer cancel()
		a, err := cl.CleanDocument(ctx, document(e), pageURL)
		if err != nil {
			write(page{URL: pageURL, Error: err.Error()})
			return
		}
		p := page{URL: pageURL, Title: a.Title, Authors: a.Authors, SiteName: a.SiteName,
			Language: a.Language, Text: a.Text}
		if !a.Published.IsZero() {
			p.Published = a.Published.Format(time.RFC3339)
		}
		write(p)
	})
	// Registered after the cleaning callback, it sees the same document:
	// the navigation links are all there.
	c.OnHTML("a[href]", func(e *colly.HTMLElement) {
		e.Request.Visit(e.Attr("href")) // other hosts and depths are refused by the collector
	})
	c.OnError(func(r *colly.Response, err error) {
		write(page{URL: r.Request.URL.String(), Error: err.Error()})
	})
	return c, nil
}

// document returns Colly's parsed page, from the root of the tree the
// element is in, as a *goquery.Document: the same nodes, not a copy.
func document(e *colly.HTMLElement) *goquery.Document {
	n := e.DOM.Nodes[0]
	for n.Parent != nil {
		n = n.Parent
	}
	doc := goquery.NewDocumentFromNode(n)
	doc.Url = e.Request.URL
	return doc
}
