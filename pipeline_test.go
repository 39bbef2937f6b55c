package cleaner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// The parser cannot be interrupted; a cancelled context must still return
// promptly, long before a big page is parsed.
func TestCancelDuringParse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 40 MB page")
	}
	page := "<html><body>" + strings.Repeat(`<div class="x"><p>Some words of a paragraph, here and there.</p></div>`, 600_000) + "</body></html>"
	c, err := New(WithMaxBytes(64<<20), WithMaxNodes(10_000_000))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	go func() {
		time.Sleep(30 * time.Millisecond)
		cancelled = time.Now()
		cancel()
	}()
	start := time.Now()
	_, err = c.Clean(ctx, strings.NewReader(page), "")
	took := time.Since(start)
	require.True(t, errors.Is(err, context.Canceled), "err = %v", err)
	latency := time.Since(cancelled)
	t.Logf("returned %v after the cancel (whole call %v)", latency, took)
	require.Less(t, latency, 500*time.Millisecond) // 50 ms is the aim; reading 40 MB cannot be interrupted, and -race and a loaded machine need slack
}

func TestReadLimited(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 511, 512, 513, 70_000, 200_000} {
		src := strings.Repeat("a", n)
		b, err := readLimited(context.Background(), strings.NewReader(src), 1<<20, newBuf)
		require.NoError(t, err)
		require.Equal(t, src, string(b))
		// A reader that does not know its length.
		b, err = readLimited(context.Background(), struct{ *strings.Reader }{strings.NewReader(src)}, 1<<20, newBuf)
		require.NoError(t, err)
		require.Equal(t, src, string(b))
		// The limit.
		b, err = readLimited(context.Background(), strings.NewReader(src), 100, newBuf)
		require.NoError(t, err)
		require.Equal(t, src[:min(n, 100)], string(b))
	}
}

func newBuf(n int) []byte { return make([]byte, 0, n) }

func TestBufPool(t *testing.T) {
	t.Parallel()
	var p bufPool
	b := p.get(1000)
	require.Equal(t, 0, len(b))
	require.GreaterOrEqual(t, cap(b), 1000)
	// sync.Pool may drop what it is given (always, now and then, under
	// -race): reuse has to happen at least once in a few tries.
	reused := false
	for range 20 {
		b = append(b[:0], "page"...)
		p.put(b)
		c := p.get(500)
		require.Equal(t, 0, len(c))
		require.GreaterOrEqual(t, cap(c), 500)
		if cap(c) == cap(b) && &c[:1][0] == &b[:1][0] {
			reused = true
		}
		b = c
	}
	require.True(t, reused, "a buffer handed back was never reused")
	// A buffer too small is not returned for a larger request.
	p.put(make([]byte, 0, 10))
	require.GreaterOrEqual(t, cap(p.get(4096)), 4096)
	// Huge buffers are not kept.
	big := make([]byte, 0, maxPooledInput+1)
	p.put(big)
	for range 5 {
		if c := p.get(1); cap(c) == cap(big) {
			t.Fatalf("a buffer over maxPooledInput was kept")
		}
	}
}

// TestInputBufferReuse cleans pages one after another with one Cleaner, so
// that each page is read into the buffer of the one before, and checks
// that no article keeps a byte of its input buffer: each must be the same
// after the following pages as it was when returned.
func TestInputBufferReuse(t *testing.T) {
	t.Parallel()
	cp := loadCorpus(t)
	require.NotEmpty(t, cp.html)
	c, err := New()
	require.NoError(t, err)
	type snap struct {
		a    *Article
		json string
	}
	var snaps []snap
	for round := range 2 {
		// In the second round a deadline makes the parse run in its own
		// goroutine, which hands the buffer back itself.
		ctx, cancel := context.WithCancel(context.Background())
		if round == 0 {
			ctx = context.Background()
		}
		for _, page := range cp.html {
			a, err := c.Clean(ctx, bytes.NewReader(page.data), page.url)
			require.NoError(t, err)
			js, err := json.Marshal(a)
			require.NoError(t, err)
			snaps = append(snaps, snap{a, string(js)})
		}
		cancel()
	}
	for i, s := range snaps {
		js, err := json.Marshal(s.a)
		require.NoError(t, err)
		require.Equal(t, s.json, string(js), "article %d changed after later calls", i)
	}
}

// TestCleanDropsRawTextBeforeParsing: on Clean, rules see script (other
// than JSON data), style and noscript elements empty; on CleanDocument they
// see the caller's tree as it is.
func TestCleanDropsRawTextBeforeParsing(t *testing.T) {
	// In the body: the prune phase walks the body.
	page := `<html><head><title>Raw text</title></head><body>` +
		`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Raw text"}</script>` +
		`<style>p { color: red }</style><script>var tracker = 1;</script><noscript><img src="/pixel.gif"></noscript><article><h1>Raw text</h1>` +
		`<p>The council voted on Tuesday to extend the library's opening hours, after a year of campaigning by parents.</p>` +
		`<p>Librarians spent the last month moving books back from a rented warehouse on the east side of town.</p>` +
		`</article><script>window.ads = [];</script></body></html>`
	seen := map[string]bool{} // element (and type) → had a child
	probe := Rule{ID: "probe-raw", Phase: PhasePrune, Description: "probe", Match: func(_ *Page, n *html.Node) bool {
		switch n.Data {
		case "script", "style", "noscript":
			key := n.Data
			for _, a := range n.Attr {
				if a.Key == "type" {
					key += " " + a.Val
				}
			}
			seen[key] = seen[key] || n.FirstChild != nil
		}
		return false
	}}
	c, err := New(WithRule(probe, First()))
	require.NoError(t, err)
	a, err := c.Clean(context.Background(), strings.NewReader(page), "https://example.com/a")
	require.NoError(t, err)
	require.Contains(t, a.Text, "extend the library's opening hours")
	require.Equal(t, map[string]bool{"script application/ld+json": true, "style": false, "script": false, "noscript": false}, seen)

	clear(seen)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	require.NoError(t, err)
	_, err = c.CleanDocument(context.Background(), doc, "https://example.com/a")
	require.NoError(t, err)
	require.Equal(t, map[string]bool{"script application/ld+json": true, "style": true, "script": true, "noscript": true}, seen)
}
