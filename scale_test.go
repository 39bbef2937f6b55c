package cleaner

// Linear-cost checks (issue 4): the cost of cleaning grows with the input,
// not faster. Every input is generated here; nothing is stored.
//
//   - TestScaleLinear: a generated news page of n and 8n bytes: time and
//     allocated bytes grow at most 9× (n = 100 KB).
//   - TestScalePathological: shapes that break quadratic code (many
//     siblings, long text nodes, huge attributes, deep nesting) cost at most
//     4 times the generated page's time and allocation per byte.
//   - TestScaleText: CleanText on many short lines and on one long line,
//     against the per-byte cost of realistic scraped text.
//
// Times are CPU times of the process where the system reports them (see
// processCPU), so that other load on a shared machine does not decide;
// every figure is logged. Sizes shrink under -race, where only completion
// is checked (the race detector changes costs), and the largest inputs are
// skipped under -short. A shape with a known, reported cost problem is
// skipped with its figures when over budget (CLEANER_SCALE_STRICT=1 fails
// it instead).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"golang.org/x/net/html"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// synthArticlePage returns a news page of about size bytes (never less):
// head metadata with JSON-LD, scripts and styles, a header with a menu, an
// article with a byline, share bar, paragraphs, subheads, figures, quotes
// and ad slots, a related-stories list, a most-read sidebar, comments, a
// footer and a cookie banner. The article, the lists and the comments grow
// with size; the rest is fixed.
func synthArticlePage(size int) []byte {
	r := rand.New(rand.NewPCG(7, uint64(size)))
	var head, article, related, comments, sidebar bytes.Buffer

	head.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves river park plan | The Daily Example</title>
<meta name="description" content="The city council approved the river park plan on Tuesday.">
<meta property="og:title" content="Council approves river park plan">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:image" content="/img/river-park.jpg">
<link rel="canonical" href="https://news.example.com/2024/05/river-park">
<link rel="stylesheet" href="/css/site.css">
<style>.story p{margin:0 0 1em}.share-bar a{display:inline-block}.sr-only{position:absolute}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Council approves river park plan",
"datePublished":"2024-05-14T09:30:00-05:00","dateModified":"2024-05-14T12:00:00-05:00",
"author":[{"@type":"Person","name":"Jane Doe"}],"publisher":{"@type":"Organization","name":"The Daily Example"}}</script>
</head>
<body class="article-page">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="masthead"><a href="/">The Daily Example</a></div>
<nav class="main-nav" aria-label="Main"><ul>`)
	for _, s := range []string{"News", "Politics", "Business", "Sport", "Culture", "Opinion", "Science", "Travel", "Food", "Weather"} {
		fmt.Fprintf(&head, `<li><a href="/%s">%s</a></li>`, strings.ToLower(s), s)
	}
	head.WriteString(`</ul></nav><div class="search"><form action="/search"><input name="q" placeholder="Search"><button>Search</button></form></div></header>
<div class="page-wrap"><main id="main"><article class="story">
<header class="story-header"><div class="kicker">City</div><h1>Council approves river park plan</h1>
<p class="dek">Residents say the park will change the riverside for a generation</p>
<div class="byline">By <a rel="author" href="/authors/jane-doe">Jane Doe</a></div>
<time class="dateline" datetime="2024-05-14T09:30:00-05:00">May 14, 2024, 9:30 a.m.</time>
<div class="share-bar"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a><a href="https://twitter.com/intent/tweet?url=x">Twitter</a><a href="mailto:?subject=x">Email</a></div>
<div class="font-size-tools"><button>A-</button><button>A+</button></div>
</header>
<div class="story-body" itemprop="articleBody">
`)
	tail := `</main><footer class="site-footer"><ul class="footer-links"><li><a href="/about">About</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul><p class="copyright">© 2024 The Daily Example</p></footer>
<div class="cookie-banner" role="dialog"><p>We use cookies to improve your experience on our site. By browsing you accept our cookie policy.</p><button>Accept</button></div>
<div class="modal newsletter-modal" hidden><h2>Get our newsletter</h2><p>Sign up to get the day's news in your inbox.</p></div>
<script src="/js/app.js"></script></body></html>
`
	// Fixed parts, then the growing parts in fixed shares of the rest.
	fixed := head.Len() + len(tail) + 600
	rest := max(size-fixed, 2000)
	for i := 0; article.Len() < rest*60/100; i++ {
		switch {
		case i%9 == 4:
			fmt.Fprintf(&article, "<figure class=\"inline-image\"><img src=\"/img/%d.jpg\" alt=\"\"><figcaption>The riverside at dawn, photo %d. <span class=\"credit\">Photo: Jane Doe</span></figcaption></figure>\n", i, i)
		case i%11 == 6:
			article.WriteString("<div class=\"ad-slot\"><span class=\"ad-label\">Advertisement</span><div id=\"div-gpt-ad-1\"></div></div>\n")
		case i%13 == 8:
			fmt.Fprintf(&article, "<h2>Part %d of the plan</h2>\n", i)
		case i%17 == 10:
			fmt.Fprintf(&article, "<blockquote><p>%s</p></blockquote>\n", synthParagraph(r, i))
		case i%19 == 12:
			fmt.Fprintf(&article, "<p><strong>Read more:</strong> <a href=\"/story/%d\">Another story about the council, part %d</a></p>\n", i, i)
		}
		p := synthParagraph(r, i)
		if i%3 == 1 {
			// A link and some inline markup inside the prose.
			if k := strings.Index(p, " the "); k > 0 {
				p = p[:k] + fmt.Sprintf(` <a href="/topic/%d">the</a> <em>`, i) + p[k+5:] + "</em>"
			}
		}
		fmt.Fprintf(&article, "<p>%s</p>\n", p)
	}
	related.WriteString("<section class=\"related-stories\"><h2>Related stories</h2><ul>\n")
	for i := 0; related.Len() < rest*8/100; i++ {
		fmt.Fprintf(&related, "<li><a href=\"/story/%d\"><img src=\"/thumb/%d.jpg\" alt=\"\"><span>Council story number %d: what comes next</span></a></li>\n", i, i, i)
	}
	related.WriteString("</ul></section>\n")
	sidebar.WriteString("<aside class=\"sidebar\"><div class=\"most-read\"><h3>Most Read</h3><ol>\n")
	for i := 0; sidebar.Len() < rest*5/100; i++ {
		fmt.Fprintf(&sidebar, "<li><a href=\"/popular/%d\">Popular story %d of the week</a></li>\n", i, i)
	}
	sidebar.WriteString("</ol></div><div class=\"newsletter-signup\"><p>Sign up for our newsletter to get the news in your email inbox.</p></div></aside>\n")
	comments.WriteString("<section id=\"comments\" class=\"comments\"><h2>Comments</h2><ol class=\"comment-list\">\n")
	for i := 0; comments.Len() < rest*27/100; i++ {
		var sb strings.Builder
		synthSentence(r, &sb)
		if i%2 == 0 {
			sb.WriteByte(' ')
			synthSentence(r, &sb)
		}
		fmt.Fprintf(&comments, "<li class=\"comment\" id=\"c%d\"><div class=\"comment-meta\"><span class=\"comment-author\">reader%d</span> <time>2 hours ago</time></div><p>%s</p><a class=\"reply\" href=\"#c%d\">Reply</a></li>\n", i, i, sb.String(), i)
	}
	comments.WriteString("</ol><form class=\"comment-form\"><textarea></textarea><button>Post</button></form></section>\n")

	var out bytes.Buffer
	out.Grow(size + 4096)
	out.Write(head.Bytes())
	out.Write(article.Bytes())
	out.WriteString("</div>\n<footer class=\"story-footer\"><ul class=\"tags\"><li><a href=\"/tag/city\">City</a></li><li><a href=\"/tag/parks\">Parks</a></li></ul></footer>\n")
	out.Write(related.Bytes())
	out.WriteString("</article>\n")
	out.Write(sidebar.Bytes())
	out.Write(comments.Bytes())
	out.WriteString(tail)
	for out.Len() < size {
		out.WriteString("<!-- padding -->\n")
	}
	return out.Bytes()
}

// scaleCost is what one call cost.
type scaleCost struct {
	// d is the time compared: the CPU time of the process (all threads,
	// the garbage collector's too) where the system reports it, which
	// other processes on a shared machine barely disturb; else wall time.
	d     time.Duration
	wall  time.Duration
	alloc uint64 // bytes allocated (runtime.MemStats.TotalAlloc delta)
}

// best returns the least of each figure of c and o.
func (c scaleCost) best(o scaleCost) scaleCost {
	return scaleCost{d: min(c.d, o.d), wall: min(c.wall, o.wall), alloc: min(c.alloc, o.alloc)}
}

func (c scaleCost) nsPerByte(n int) float64    { return float64(c.d.Nanoseconds()) / float64(n) }
func (c scaleCost) allocPerByte(n int) float64 { return float64(c.alloc) / float64(n) }

// processCPU returns the CPU time used by the process so far, summed over
// its threads (Linux: /proc/self/task/*/schedstat, in nanoseconds), and
// false where that is not available.
func processCPU() (time.Duration, bool) {
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		return 0, false
	}
	var total int64
	for _, task := range tasks {
		b, err := os.ReadFile("/proc/self/task/" + task.Name() + "/schedstat")
		if err != nil {
			continue // the thread is gone
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			return 0, false
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, false
		}
		total += ns
	}
	return time.Duration(total), true
}

// scaleMeasure runs f runs times, each after a GC, and returns the least
// time and the least allocation.
func scaleMeasure(runs int, f func()) scaleCost {
	inf := time.Duration(math.MaxInt64)
	best := scaleCost{d: inf, wall: inf, alloc: math.MaxUint64}
	var m0, m1 runtime.MemStats
	for range runs {
		runtime.GC()
		cpu0, okCPU := processCPU()
		runtime.ReadMemStats(&m0)
		start := time.Now()
		f()
		wall := time.Since(start)
		runtime.ReadMemStats(&m1)
		cpu1, ok := processCPU()
		// The threads' CPU time, unless it is less than half the wall
		// time: the run is single-threaded, so the sum lost a thread
		// that exited between the readings.
		d := wall
		if okCPU && ok && cpu1-cpu0 > wall/2 {
			d = cpu1 - cpu0
		}
		best.d, best.wall = min(best.d, d), min(best.wall, wall)
		best.alloc = min(best.alloc, m1.TotalAlloc-m0.TotalAlloc)
	}
	return best
}

// scaleN is the size n of TestScaleLinear and of the reference page of
// the per-byte budgets.
func scaleN() int {
	if raceDetectorOn {
		return 25 << 10
	}
	return 100 << 10
}

const scaleURL = "https://news.example.com/2024/05/river-park"

// scaleClean cleans page and fails the test unless it returns an article or a
// typed error (ErrNoContent, ErrTooLarge).
func scaleClean(t *testing.T, c *Cleaner, page []byte) *Article {
	t.Helper()
	a, err := c.Clean(context.Background(), bytes.NewReader(page), scaleURL)
	if err != nil && !errors.Is(err, ErrNoContent) && !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Clean: %v", err)
	}
	return a
}

// TestScaleLinear cleans a generated page of n and of 8n bytes: time and
// allocation may grow 9 times at most (8 times, plus noise).
func TestScaleLinear(t *testing.T) {
	const maxRatio = 9.0
	n := scaleN()
	small, big := synthArticlePage(n), synthArticlePage(8*n)
	c := newBenchCleaner(t)
	as, ab := scaleClean(t, c, small), scaleClean(t, c, big)
	require.NotNil(t, as)
	require.NotNil(t, ab)
	// The generated page is cleaned as a page: the article, not the lists.
	assert.Contains(t, as.Text, "It was item 0 of the day.")
	assert.NotContains(t, ab.Text, "Popular story 1 of the week")
	assert.NotContains(t, ab.Text, "Sign up for our newsletter")
	assert.Equal(t, "Council approves river park plan", ab.Title)
	t.Logf("n = %d B: article text %d B of %d B; 8n: %d B of %d B", n, len(as.Text), len(small), len(ab.Text), len(big))

	if raceDetectorOn {
		t.Log("not measured under -race")
		return
	}
	// Ratios for exactly 8× the input (the generator's sizes are close).
	scale := 8 * float64(len(small)) / float64(len(big))
	// The parser's own ratio on the same pages: caches and the collector
	// make a page of 820 KB cost more per byte than one of 100 KB on some
	// machines (html.Parse alone measured 8.1 to 10.0× here), and the
	// cleaner cannot be more linear than the parser it runs. Wall time,
	// best of 5: summing the threads' CPU time is unreliable for runs of
	// a few milliseconds.
	// The small page is cleaned 8 times in a row and its cost is the
	// eighth of the total: one call alone, right after a collection,
	// allocates too little to start the next one and would be measured
	// without the collector's share that every call pays in a crawler.
	parse := func(page []byte, times int) func() {
		return func() {
			for range times {
				if _, err := html.Parse(bytes.NewReader(page)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	eighth := func(c scaleCost) scaleCost {
		c.d, c.wall, c.alloc = c.d/8, c.wall/8, c.alloc/8
		return c
	}
	var tr, ar, pr float64
	for attempt := 1; attempt <= 2; attempt++ {
		ps, pb := eighth(scaleMeasure(5, parse(small, 8))), scaleMeasure(5, parse(big, 1))
		pr = float64(pb.wall) / float64(ps.wall) * scale
		cs := eighth(scaleMeasure(5, func() {
			for range 8 {
				scaleClean(t, c, small)
			}
		}))
		cb := scaleMeasure(5, func() { scaleClean(t, c, big) })
		tr = float64(cb.wall) / float64(cs.wall) * scale
		ar = float64(cb.alloc) / float64(cs.alloc) * scale
		t.Logf("attempt %d: n: %v CPU (%v wall), %.1f MB/s, %.2f MB alloc (%.1f B/B); 8n: %v CPU (%v wall), %.1f MB/s, %.2f MB alloc (%.1f B/B); time ×%.2f, alloc ×%.2f",
			attempt, cs.d.Round(time.Microsecond), cs.wall.Round(time.Microsecond), float64(len(small))/1e6/cs.d.Seconds(), float64(cs.alloc)/1e6, cs.allocPerByte(len(small)),
			cb.d.Round(time.Microsecond), cb.wall.Round(time.Microsecond), float64(len(big))/1e6/cb.d.Seconds(), float64(cb.alloc)/1e6, cb.allocPerByte(len(big)), tr, ar)
		t.Logf("html.Parse alone: time ×%.2f", pr)
		if tr <= max(maxRatio, 1.1*pr) && ar <= maxRatio {
			break
		}
	}
	assert.LessOrEqual(t, tr, max(maxRatio, 1.1*pr), "time ratio for 8× the input (9×, or 1.1 × html.Parse's own)")
	assert.LessOrEqual(t, ar, maxRatio, "allocation ratio for 8× the input")
}

// scaleDiv is the size divisor of the run: inputs are 20 times smaller
// under -race.
func scaleDiv() int {
	if raceDetectorOn {
		return 20
	}
	return 1
}

// scaleStrict turns known issues back into failures:
// CLEANER_SCALE_STRICT=1 go test -run Scale
var scaleStrict = os.Getenv("CLEANER_SCALE_STRICT") != ""

// scaleSlack is how many times the reference's allocation per byte an
// input may take; scaleTimeSlack, its time per byte. Time gets more room:
// big buffers fall out of the caches, and a shared machine is noisy, but a
// quadratic cost still breaks it by far.
const (
	scaleSlack     = 4.0
	scaleTimeSlack = 8.0
)

func scalePage(body string) []byte {
	return []byte("<!DOCTYPE html><html><head><title>Shape</title></head><body>" + body + "</body></html>")
}

// scaleProse is six paragraphs of article prose.
var scaleProse = func() string {
	r := rand.New(rand.NewPCG(9, 9))
	var sb strings.Builder
	for i := range 6 {
		fmt.Fprintf(&sb, "<p>%s</p>", synthParagraph(r, i))
	}
	return sb.String()
}()

// scaleWords returns n bytes of words and spaces.
func scaleWords(n int) string {
	var sb strings.Builder
	sb.Grow(n + 16)
	for i := 0; sb.Len() < n; i++ {
		sb.WriteString(synthWords[i%len(synthWords)])
		sb.WriteByte(' ')
	}
	return sb.String()
}

// scaleClasses returns n bytes of class names, boilerplate words among
// them when mixed is set.
func scaleClasses(n int, mixed bool) string {
	cls := []string{"c-box", "grid-item", "col-md-6", "is-active", "u-mt-2", "post-body", "card-inner", "l-stack"}
	if mixed {
		cls = append(cls, "share-wrap", "related", "nav-item", "hidden-xs")
	}
	var sb strings.Builder
	sb.Grow(n + 16)
	for i := 0; sb.Len() < n; i++ {
		fmt.Fprintf(&sb, "%s-%d ", cls[i%len(cls)], i)
	}
	return sb.String()
}

// scaleShape is a pathological input. build(d) makes it d times smaller
// than its name says.
type scaleShape struct {
	name  string
	big   bool // skipped under -short
	build func(d int) []byte
	// known describes a reported, unfixed cost problem the shape exposes.
	// Over budget, the case is skipped with its figures instead of failing
	// (CLEANER_SCALE_STRICT=1 makes it fail). Remove it once fixed.
	known string
}

func scaleShapes() []scaleShape {
	return []scaleShape{
		{name: "1e5 sibling paragraphs", big: true, build: func(d int) []byte {
			var sb strings.Builder
			sb.WriteString("<div class=\"content\">")
			for i := range 100_000 / d {
				fmt.Fprintf(&sb, "<p>Paragraph %d says something short.</p>", i)
			}
			sb.WriteString("</div>")
			return scalePage(sb.String())
		}},
		{name: "1e4 links in a list", build: func(d int) []byte {
			var sb strings.Builder
			sb.WriteString(scaleProse + "<ul class=\"links\">")
			for i := range 10_000 / d {
				fmt.Fprintf(&sb, "<li><a href=\"/story/%d\">Story %d</a></li>", i, i)
			}
			sb.WriteString("</ul>")
			return scalePage(sb.String())
		}},
		{name: "3e4 links in one paragraph", build: func(d int) []byte {
			var sb strings.Builder
			sb.WriteString(scaleProse + "<p>")
			for i := range 30_000 / d {
				fmt.Fprintf(&sb, "<a href=\"/t/%d\">t%d</a>, ", i, i)
			}
			sb.WriteString("</p>")
			return scalePage(sb.String())
		}},
		{name: "10 MB text node", big: true, build: func(d int) []byte {
			return scalePage("<p>" + scaleWords(10<<20/d) + "</p>")
		}},
		{name: "1 MB attribute values", build: func(d int) []byte {
			n := 1 << 20 / d
			style := strings.Repeat("color: red; margin: 0 auto; ", n/28+1)
			href := "https://example.com/?q=" + strings.Repeat("share%20related%20", n/18+1)
			return scalePage(fmt.Sprintf(`<div class="%s" style="%s" id="%s"><a href="%s" title="%s">a link</a></div><div class="%s">%s</div>`,
				scaleClasses(n, true), style, scaleClasses(n, false), href, scaleWords(n), scaleClasses(n, false), scaleProse))
		}},
		{name: "10 MB class attribute", big: true, build: func(d int) []byte {
			return scalePage(fmt.Sprintf(`<div class="%s">%s</div>`, scaleClasses(10<<20/d, true), scaleProse))
		}},
		{name: "64 KB class on the article, 1e4 classed siblings", build: func(d int) []byte {
			// The article's container has a long class; its siblings have
			// short ones.
			var sb strings.Builder
			fmt.Fprintf(&sb, `<div class="%s">%s</div>`, scaleClasses(64<<10/d, false), scaleProse)
			for i := range 10_000 / d {
				fmt.Fprintf(&sb, `<div class="card">Card %d</div>`, i)
			}
			return scalePage(sb.String())
		}},
		{name: "1e4 nested divs", build: func(d int) []byte {
			n := 10_000 / d
			return scalePage(strings.Repeat("<div class=\"wrap\">", n) + scaleProse + strings.Repeat("</div>", n))
		}},
		{name: "256 nested divs around 3e4 empty spans", build: func(d int) []byte {
			return scalePage(scaleProse + strings.Repeat("<div>", 256) + "x" + strings.Repeat("<span></span>", 30_000/d) + strings.Repeat("</div>", 256))
		}},
	}
}

// scaleResult is a shape's cost and what it is measured against.
type scaleResult struct {
	name       string
	n          int       // input bytes
	cost       scaleCost // at n
	small      scaleCost // at n/8
	smallN     int
	ref        scaleCost // the reference input
	refN       int
	nsRatio    float64 // ns per byte over the reference's
	allocRatio float64 // bytes allocated per byte over the reference's
	// linear is the time at n over the time at n/8, for exactly 8× the
	// input. It is logged, not asserted: between a 1 MB input (in cache)
	// and a 10 MB one (not, and the heap grows) the time per byte of the
	// same linear code varies 2 to 4 times on a shared machine.
	linear float64
}

func (r *scaleResult) compute() {
	r.nsRatio = r.cost.nsPerByte(r.n) / r.ref.nsPerByte(r.refN)
	r.allocRatio = r.cost.allocPerByte(r.n) / r.ref.allocPerByte(r.refN)
	r.linear = float64(r.cost.d) / float64(r.small.d) * 8 * float64(r.smallN) / float64(r.n)
}

func (r *scaleResult) problems() []string {
	var out []string
	if r.nsRatio > scaleTimeSlack {
		out = append(out, fmt.Sprintf("time per byte %.1f× the reference's (budget %.0f×)", r.nsRatio, scaleTimeSlack))
	}
	if r.allocRatio > scaleSlack {
		out = append(out, fmt.Sprintf("allocation per byte %.1f× the reference's (budget %.0f×)", r.allocRatio, scaleSlack))
	}
	return out
}

func (r *scaleResult) String() string {
	return fmt.Sprintf("%s: %.2f MB: %v CPU (%v wall), %.1f MB/s, %.1f ns/B (%.2f× ref), %.1f MB alloc, %.1f B/B (%.2f× ref); 1/8 size: %v, 8× input → %.1f× time",
		r.name, float64(r.n)/1e6, r.cost.d.Round(time.Microsecond), r.cost.wall.Round(time.Microsecond), float64(r.n)/1e6/r.cost.d.Seconds(), r.cost.nsPerByte(r.n), r.nsRatio,
		float64(r.cost.alloc)/1e6, r.cost.allocPerByte(r.n), r.allocRatio, r.small.d.Round(time.Microsecond), r.linear)
}

// scaleRun measures run on the input at full size and at 1/8 size, and the
// reference, and reports the shape's problems. On a problem it measures
// the input and the reference again, up to three times in all, and keeps
// the best figures (noise only adds).
func scaleRun(t *testing.T, name string, known string, full, small int, refN int, run, runSmall, runRef func()) {
	t.Helper()
	if raceDetectorOn {
		// The race detector changes costs (sync.Pool drops items, for
		// one): only completion is checked.
		run()
		return
	}
	r := &scaleResult{name: name, n: full, smallN: small, refN: refN}
	r.small = scaleMeasure(3, runSmall)
	for attempt := 1; attempt <= 3; attempt++ {
		// The reference just before and just after the input: a burst
		// of load elsewhere hits both alike.
		ref := scaleMeasure(1, runRef)
		cost := scaleMeasure(1, run)
		ref = ref.best(scaleMeasure(1, runRef))
		if attempt == 1 {
			r.ref, r.cost = ref, cost
		} else {
			r.ref, r.cost = r.ref.best(ref), r.cost.best(cost)
		}
		r.compute()
		if len(r.problems()) == 0 || known != "" && !scaleStrict {
			break
		}
	}
	t.Log(r)
	probs := r.problems()
	if len(probs) == 0 {
		if known != "" {
			t.Logf("known issue not reproduced: %s", known)
		}
		return
	}
	if known != "" && !scaleStrict {
		t.Skipf("KNOWN ISSUE: %s: %s (CLEANER_SCALE_STRICT=1 to fail)", known, strings.Join(probs, "; "))
	}
	for _, p := range probs {
		t.Errorf("%s: %s", name, p)
	}
}

// TestScalePathological cleans inputs shaped to expose quadratic rules,
// scans of long strings and huge allocations. Each must come back with an
// article or a typed error, and cost per byte at most 4× the generated
// news page's (time and allocation).
func TestScalePathological(t *testing.T) {
	c := newBenchCleaner(t)
	refPage := synthArticlePage(8 * scaleN())
	runRef := func() { scaleClean(t, c, refPage) }
	for _, sh := range scaleShapes() {
		t.Run(strings.ReplaceAll(sh.name, " ", "_"), func(t *testing.T) {
			if sh.big && testing.Short() {
				t.Skip("large input: not with -short")
			}
			page, small := sh.build(scaleDiv()), sh.build(8*scaleDiv())
			out := -1
			run := func() {
				if a := scaleClean(t, c, page); a != nil {
					out = len(a.Text)
				}
			}
			defer func() { t.Logf("%d B in, %d B of text out", len(page), out) }()
			scaleRun(t, sh.name, sh.known, len(page), len(small), len(refPage), run, func() { scaleClean(t, c, small) }, runRef)
		})
	}
}

// TestScaleText runs CleanText on many short lines and on one long line,
// with the budgets of TestScalePathological against realistic scraped text.
func TestScaleText(t *testing.T) {
	c := newBenchCleaner(t)
	ctx := context.Background()
	refText := synthScrapedText(1 << 20 / scaleDiv())
	clean := func(t *testing.T, text string) {
		a, err := c.CleanText(ctx, text)
		if err != nil && !errors.Is(err, ErrNoContent) {
			t.Errorf("CleanText: %v", err)
		} else if a == nil {
			t.Error("CleanText: nil article")
		}
	}
	cases := []struct {
		name  string
		big   bool
		text  func(d int) string
		known string
		// perLine measures cost per line, against the reference's per
		// line: a line is a block, whatever its length, so lines of a
		// dozen bytes cost more per byte than the reference's paragraphs
		// without any rule being worse than linear.
		perLine bool
	}{
		{name: "1e5 short lines", perLine: true, text: func(d int) string {
			var sb strings.Builder
			for i := range 100_000 / d {
				fmt.Fprintf(&sb, "Line %d here\n", i)
			}
			return sb.String()
		}},
		{name: "1e5 bullet lines", perLine: true, text: func(d int) string {
			var sb strings.Builder
			for i := range 100_000 / d {
				fmt.Fprintf(&sb, "  • Item %d\n", i)
			}
			return sb.String()
		}},
		{name: "1e5 repeated lines", text: func(d int) string {
			return strings.Repeat("The same caption line shown again and again.\n", 100_000/d)
		}},
		{name: "one 10 MB line", big: true, text: func(d int) string { return scaleWords(10 << 20 / d) }},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			if tc.big && testing.Short() {
				t.Skip("large input: not with -short")
			}
			text, small := tc.text(scaleDiv()), tc.text(8*scaleDiv())
			n, smallN, refN := len(text), len(small), len(refText)
			name := tc.name
			if tc.perLine {
				n, smallN, refN = strings.Count(text, "\n"), strings.Count(small, "\n"), strings.Count(refText, "\n")
				name += " (sizes in lines)"
			}
			scaleRun(t, name, tc.known, n, smallN, refN,
				func() { clean(t, text) }, func() { clean(t, small) }, func() { clean(t, refText) })
		})
	}
}
