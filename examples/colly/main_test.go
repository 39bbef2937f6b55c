package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/boilerfree/cleaner"
	"github.com/gocolly/colly/v2"
	"golang.org/x/net/html"
)

// site is three linked pages: each has the same navigation (links to all
// three and to another host), share buttons, a newsletter prompt and an
// article.
var site = map[string]struct{ title, body string }{
	"/a": {"Harbour lights back on", "The harbour lights were switched back on last night after a month of repairs, and the fishing boats came home in the dark for the first time since October."},
	"/b": {"Night trains return", "The night train between the two capitals runs again from Sunday, eleven years after the last sleeper car was retired from the line."},
	"/c": {"Allotment list passes 900", "The number of people waiting for an allotment has passed 900 for the first time, and some applicants have now waited more than six years."},
}

func sitePage(path string) string {
	p := site[path]
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + p.title + ` | Coast News</title>
<meta property="og:site_name" content="Coast News"></head><body>
<nav class="main-nav"><a href="/a">Home</a> <a href="/b">Trains</a> <a href="/c">Gardens</a> <a href="https://example.com/elsewhere">Elsewhere</a></nav>
<div class="share"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Share on Facebook</a></div>
<article><h1>` + p.title + `</h1>
<p>` + p.body + `</p>
<p>Residents said the change had been a long time coming, and the council promised to keep the service running through the winter months.</p>
<p>A public meeting about the next steps is planned for the end of the month at the town hall, and everyone is welcome to attend.</p>
</article>
<div class="newsletter">Subscribe to our newsletter for the latest news.</div>
</body></html>`
}

func newSite(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, ok := site[r.URL.Path]; !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, sitePage(r.URL.Path))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func lines(t *testing.T, out string) []page {
	t.Helper()
	var pages []page
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var p page
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	return pages
}

func TestCrawl(t *testing.T) {
	srv := newSite(t)
	cl, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	c, err := newCollector(cl, config{depth: 2, parallel: 2, timeout: 10 * time.Second}, &out, []string{srv.URL + "/a"})
	if err != nil {
		t.Fatal(err)
	}

	// Callbacks registered after the cleaning one see the page as served:
	// the same tree, and every navigation link in it.
	var mu sync.Mutex
	navLinks := map[string]int{}
	c.OnHTML("nav a", func(e *colly.HTMLElement) {
		mu.Lock()
		navLinks[e.Request.URL.Path]++
		mu.Unlock()
	})
	c.OnHTML("html", func(e *colly.HTMLElement) {
		after, err := goquery.OuterHtml(e.DOM)
		if err != nil {
			t.Error(err)
			return
		}
		doc, err := html.Parse(bytes.NewReader(e.Response.Body))
		if err != nil {
			t.Error(err)
			return
		}
		served, _ := goquery.OuterHtml(goquery.NewDocumentFromNode(doc).Find("html"))
		if after != served {
			t.Errorf("%s: the document changed under the other callbacks", e.Request.URL)
		}
	})

	if err := c.Visit(srv.URL + "/a"); err != nil {
		t.Fatal(err)
	}
	c.Wait()

	pages := lines(t, out.String())
	if len(pages) != 3 {
		t.Fatalf("want 3 lines, got %d:\n%s", len(pages), out.String())
	}
	for i, path := range []string{"/a", "/b", "/c"} {
		p := pages[i]
		if p.URL != srv.URL+path || p.Error != "" {
			t.Errorf("line %d: %+v", i, p)
			continue
		}
		if p.Title != site[path].title {
			t.Errorf("%s: title %q, want %q", path, p.Title, site[path].title)
		}
		if !strings.Contains(p.Text, site[path].body) || !strings.Contains(p.Text, "public meeting") {
			t.Errorf("%s: text lacks the article:\n%s", path, p.Text)
		}
		for _, bp := range []string{"Home", "Gardens", "Share on Facebook", "Subscribe", "Coast News"} {
			if strings.Contains(p.Text, bp) {
				t.Errorf("%s: boilerplate %q left in:\n%s", path, bp, p.Text)
			}
		}
		if p.Language != "en" || p.SiteName != "Coast News" {
			t.Errorf("%s: language %q, site name %q", path, p.Language, p.SiteName)
		}
	}
	if want := map[string]int{"/a": 4, "/b": 4, "/c": 4}; fmt.Sprint(navLinks) != fmt.Sprint(want) {
		t.Errorf("navigation links seen after cleaning: %v, want %v", navLinks, want)
	}
}

// TestCrawlDepth: with -depth 1 only the start page is visited.
func TestCrawlDepth(t *testing.T) {
	srv := newSite(t)
	cl, err := cleaner.New()
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	if err := crawl(cl, config{depth: 1, parallel: 1, timeout: time.Second}, &out, srv.URL+"/b"); err != nil {
		t.Fatal(err)
	}
	pages := lines(t, out.String())
	if len(pages) != 1 || pages[0].URL != srv.URL+"/b" || pages[0].Title != site["/b"].title {
		t.Errorf("got %+v", pages)
	}
	if err := crawl(cl, config{depth: 1, parallel: 1}, &out, "not a url"); err == nil {
		t.Error("a start URL without a host is refused")
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
