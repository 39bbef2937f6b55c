package cleaner

// Benchmarks (issue 4, speed and memory):
//
//	go test -run XXX -bench . -benchmem
//
// Every benchmark op processes the whole corpus once: every
// testdata/*/input.html (or, for the text benchmarks, input.txt), loaded
// once. b.SetBytes is the corpus's input size, so MB/s figures of the
// stage benchmarks are MB of page per second and compare directly with
// BenchmarkParse (golang.org/x/net/html.Parse on the same bytes) and
// BenchmarkClean (the whole pipeline).
//
// The stage benchmarks time one step of cleanNode on a page left in the
// state the step finds it in; what a step mutates (the side table of
// removals, the authors found) is reset in the loop, which costs a map
// clear per page.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/boilerfree/cleaner/internal/charset"
	"github.com/boilerfree/cleaner/internal/htmlparse"
	"github.com/boilerfree/cleaner/internal/meta"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// raceDetectorOn reports whether the test binary was built with -race. It
// reads the binary's build settings, so no build-tagged file is needed.
var raceDetectorOn = func() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}()

// corpusPage is one testdata page.
type corpusPage struct {
	name string
	data []byte // input.html or input.txt
	url  string
}

// benchCorpus is the testdata corpus, loaded once.
type benchCorpus struct {
	html      []corpusPage
	text      []corpusPage
	htmlBytes int64
	textBytes int64
	seed      string              // testdata/seed/input.txt
	docs      []*goquery.Document // html, decoded and parsed as Clean does
}

var (
	corpusOnce sync.Once
	corpusData benchCorpus
	corpusErr  error
)

func loadCorpus(tb testing.TB) *benchCorpus {
	tb.Helper()
	corpusOnce.Do(func() { corpusErr = readCorpus(&corpusData) })
	require.NoError(tb, corpusErr)
	require.NotEmpty(tb, corpusData.html, "no testdata/*/input.html")
	require.NotEmpty(tb, corpusData.seed, "no testdata/seed/input.txt")
	return &corpusData
}

func readCorpus(c *benchCorpus) error {
	dirs, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		return err
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		pg := corpusPage{name: filepath.Base(dir)}
		if b, err := os.ReadFile(filepath.Join(dir, "url.txt")); err == nil {
			pg.url = strings.TrimSpace(string(b))
		}
		if b, err := os.ReadFile(filepath.Join(dir, "input.html")); err == nil {
			pg.data = b
			c.html = append(c.html, pg)
			c.htmlBytes += int64(len(b))
			utf8Data, _ := charset.Decode(b, "")
			root, err := htmlparse.Parse(utf8Data)
			if err != nil {
				return fmt.Errorf("%s: %w", dir, err)
			}
			doc := goquery.NewDocumentFromNode(root)
			doc.Url = parseURL(pg.url)
			c.docs = append(c.docs, doc)
		} else if b, err := os.ReadFile(filepath.Join(dir, "input.txt")); err == nil {
			pg.data = b
			c.text = append(c.text, pg)
			c.textBytes += int64(len(b))
			if pg.name == "seed" {
				c.seed = string(b)
			}
		}
	}
	return nil
}

// cleanCorpus cleans every HTML and text page of the corpus once. It may
// run on any goroutine: failures are reported with Errorf.
func cleanCorpus(tb testing.TB, c *Cleaner, cp *benchCorpus) {
	ctx := context.Background()
	for _, pg := range cp.html {
		if _, err := c.Clean(ctx, bytes.NewReader(pg.data), pg.url); err != nil && !errors.Is(err, ErrNoContent) {
			tb.Errorf("%s: %v", pg.name, err)
			return
		}
	}
	for _, pg := range cp.text {
		if _, err := c.CleanText(ctx, string(pg.data)); err != nil && !errors.Is(err, ErrNoContent) {
			tb.Errorf("%s: %v", pg.name, err)
			return
		}
	}
}

func newBenchCleaner(tb testing.TB, opts ...Option) *Cleaner {
	tb.Helper()
	c, err := New(opts...)
	require.NoError(tb, err)
	return c
}

// BenchmarkParse is the baseline: x/net/html.Parse on the same pages.
func BenchmarkParse(b *testing.B) {
	cp := loadCorpus(b)
	b.SetBytes(cp.htmlBytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, pg := range cp.html {
			if _, err := html.Parse(bytes.NewReader(pg.data)); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkClean is the whole pipeline on HTML bytes.
func BenchmarkClean(b *testing.B) {
	cp := loadCorpus(b)
	c := newBenchCleaner(b)
	ctx := context.Background()
	b.SetBytes(cp.htmlBytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, pg := range cp.html {
			if _, err := c.Clean(ctx, bytes.NewReader(pg.data), pg.url); err != nil {
				b.Fatalf("%s: %v", pg.name, err)
			}
		}
	}
}

// BenchmarkCleanParallel is BenchmarkClean with one Cleaner shared by
// GOMAXPROCS goroutines.
func BenchmarkCleanParallel(b *testing.B) {
	cp := loadCorpus(b)
	c := newBenchCleaner(b)
	ctx := context.Background()
	b.SetBytes(cp.htmlBytes)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			for _, pg := range cp.html {
				if _, err := c.Clean(ctx, bytes.NewReader(pg.data), pg.url); err != nil {
					b.Errorf("%s: %v", pg.name, err)
					return
				}
			}
		}
	})
}

// BenchmarkCleanDocument cleans documents parsed before the timer starts.
func BenchmarkCleanDocument(b *testing.B) {
	cp := loadCorpus(b)
	c := newBenchCleaner(b)
	ctx := context.Background()
	b.SetBytes(cp.htmlBytes)
	b.ReportAllocs()
	for b.Loop() {
		for i, doc := range cp.docs {
			if _, err := c.CleanDocument(ctx, doc, cp.html[i].url); err != nil {
				b.Fatalf("%s: %v", cp.html[i].name, err)
			}
		}
	}
}

// BenchmarkCleanText cleans the seed text (testdata/seed/input.txt).
func BenchmarkCleanText(b *testing.B) {
	cp := loadCorpus(b)
	c := newBenchCleaner(b)
	ctx := context.Background()
	b.SetBytes(int64(len(cp.seed)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CleanText(ctx, cp.seed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanTextLarge cleans 1 MB of generated scraped text (the input
// of TestCleanTextThroughput).
func BenchmarkCleanTextLarge(b *testing.B) {
	text := synthScrapedText(1 << 20)
	c := newBenchCleaner(b)
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CleanText(ctx, text); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanTrace is BenchmarkClean with the trace on.
func BenchmarkCleanTrace(b *testing.B) {
	cp := loadCorpus(b)
	c := newBenchCleaner(b, WithTrace(true))
	ctx := context.Background()
	b.SetBytes(cp.htmlBytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, pg := range cp.html {
			if _, err := c.Clean(ctx, bytes.NewReader(pg.data), pg.url); err != nil {
				b.Fatalf("%s: %v", pg.name, err)
			}
		}
	}
}

// BenchmarkCleanLarge cleans a generated 800 KB news page (the large input
// of TestScaleLinear), where per-call overheads no longer dominate.
func BenchmarkCleanLarge(b *testing.B) {
	page := synthArticlePage(800 << 10)
	c := newBenchCleaner(b)
	ctx := context.Background()
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Clean(ctx, bytes.NewReader(page), scaleURL); err != nil {
			b.Fatal(err)
		}
	}
}

// Stages.

// stagedPage is one corpus page taken through the pipeline, with the
// state every stage starts from.
type stagedPage struct {
	raw         []byte
	u           *url.URL
	utf8        []byte
	root        *html.Node
	md          meta.Meta
	body        *html.Node
	rn          *run
	pruned      map[*html.Node]struct{} // p.removed after the prune phase
	statsBefore []nodeStat              // p.stats before subtractRemoved
	roots       []*html.Node
	refined     map[*html.Node]struct{} // p.removed after the refine phase
	blocks      []Block                 // before the text phase
	h1          *html.Node
	bodyGood    int
}

// newStageRun is cleanNode's set-up, for a page without host rules.
func newStageRun(c *Cleaner, u *url.URL, md meta.Meta, body *html.Node) *run {
	rs, keep, _ := c.forHost(u)
	rn := &run{c: c, ctx: context.Background(), p: newPage(u), rules: rs, keep: keep, article: &Article{}}
	rn.p.removed = make(map[*html.Node]struct{})
	rn.p.title = md.Title
	rn.p.body = body
	return rn
}

// stagePages takes pages through the pipeline as cleanNode does, keeping
// the state between stages.
func stagePages(tb testing.TB, c *Cleaner, pages []corpusPage) []*stagedPage {
	tb.Helper()
	var out []*stagedPage
	for _, pg := range pages {
		sp := &stagedPage{raw: pg.data, u: parseURL(pg.url)}
		sp.utf8, _ = charset.Decode(pg.data, "")
		root, err := htmlparse.Parse(sp.utf8)
		require.NoError(tb, err)
		sp.root = root
		sp.md = meta.Extract(root, sp.u)
		sp.body = findBody(root)
		rn := newStageRun(c, sp.u, sp.md, sp.body)
		p := rn.p
		p.computeStats(context.Background(), sp.body)
		p.bodyGood = int(p.stat(sp.body).good)
		p.h1 = findHeadline(sp.body, sp.md.Title)
		sp.h1, sp.bodyGood = p.h1, p.bodyGood
		require.NoError(tb, rn.applyNodeRules(sp.body, PhasePrune))
		sp.pruned = maps.Clone(p.removed)
		sp.statsBefore = slices.Clone(p.stats)
		p.subtractRemoved()
		p.bodyGood = int(p.stat(sp.body).good)
		sp.roots = p.locate(sp.body)
		for _, r := range sp.roots {
			require.NoError(tb, rn.applyNodeRules(r, PhaseRefine))
		}
		sp.refined = maps.Clone(p.removed)
		sp.blocks = p.buildBlocks(sp.roots)
		sp.rn = rn
		out = append(out, sp)
	}
	return out
}

// pipelineStages are the steps of Clean in order, each a benchmark body
// over staged pages.
var pipelineStages = []struct {
	name string
	run  func(b *testing.B, c *Cleaner, sps []*stagedPage)
}{
	// charset.Decode: BOM, transport hint, <meta> prescan, UTF-8 check.
	{"Decode", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for b.Loop() {
			for _, sp := range sps {
				charset.Decode(sp.raw, "")
			}
		}
	}},
	// internal/htmlparse.Parse: html.Parse, plus flattening of over-deep
	// pages.
	{"HTMLParse", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for b.Loop() {
			for _, sp := range sps {
				if _, err := htmlparse.Parse(sp.utf8); err != nil {
					b.Fatal(err)
				}
			}
		}
	}},
	// internal/meta.Extract.
	{"MetaExtract", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for b.Loop() {
			for _, sp := range sps {
				meta.Extract(sp.root, sp.u)
			}
		}
	}},
	// The first computeStats of a page: it builds the node index.
	{"ComputeStats", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for b.Loop() {
			for _, sp := range sps {
				p := newPage(sp.u)
				p.removed = map[*html.Node]struct{}{}
				p.computeStats(context.Background(), sp.body)
			}
		}
	}},
	// The prune-phase walk: applyNodeRules on the body.
	{"Prune", func(b *testing.B, c *Cleaner, sps []*stagedPage) {
		// Pages in the state the prune phase finds them in.
		runs := make([]*run, len(sps))
		for i, sp := range sps {
			rn := newStageRun(c, sp.u, sp.md, sp.body)
			rn.p.computeStats(context.Background(), sp.body)
			rn.p.bodyGood, rn.p.h1 = sp.bodyGood, sp.h1
			runs[i] = rn
		}
		b.ResetTimer()
		for b.Loop() {
			for i, rn := range runs {
				clear(rn.p.removed)
				rn.p.authors = nil
				if err := rn.applyNodeRules(sps[i].body, PhasePrune); err != nil {
					b.Fatal(err)
				}
			}
		}
	}},
	// The statistics after pruning: the removed subtrees taken off their
	// ancestors (from a copy of the statistics before, restored each time:
	// the copy is part of the figure).
	{"SubtractRemoved", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for _, sp := range sps {
			clear(sp.rn.p.removed)
			maps.Copy(sp.rn.p.removed, sp.pruned)
		}
		for b.Loop() {
			for _, sp := range sps {
				copy(sp.rn.p.stats, sp.statsBefore)
				sp.rn.p.subtractRemoved()
			}
		}
	}},
	// Content scoring (locate) on the pruned page.
	{"Locate", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for _, sp := range sps {
			// locate sees the removals of the prune phase only.
			clear(sp.rn.p.removed)
			maps.Copy(sp.rn.p.removed, sp.pruned)
		}
		for b.Loop() {
			for _, sp := range sps {
				sp.rn.p.locate(sp.body)
			}
		}
	}},
	// The refine-phase walk over the located content.
	{"Refine", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for b.Loop() {
			for _, sp := range sps {
				p := sp.rn.p
				clear(p.removed)
				maps.Copy(p.removed, sp.pruned)
				p.authors = nil
				for _, r := range sp.roots {
					if err := sp.rn.applyNodeRules(r, PhaseRefine); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	}},
	// buildBlocks on the refined content.
	{"BuildBlocks", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for _, sp := range sps {
			clear(sp.rn.p.removed)
			maps.Copy(sp.rn.p.removed, sp.refined)
		}
		for b.Loop() {
			for _, sp := range sps {
				sp.rn.p.buildBlocks(sp.roots)
			}
		}
	}},
	// The text phase on the blocks.
	{"TextRules", func(b *testing.B, _ *Cleaner, sps []*stagedPage) {
		for b.Loop() {
			for _, sp := range sps {
				sp.rn.p.authors, sp.rn.p.bylineBefore = nil, ""
				sp.rn.applyTextRules(slices.Clone(sp.blocks)) // it filters in place
			}
		}
	}},
}

// benchStage runs the named stage on pages; MB/s is MB of page per second.
func benchStage(b *testing.B, name string, pages []corpusPage) {
	c := newBenchCleaner(b)
	sps := stagePages(b, c, pages)
	var n int64
	for _, sp := range sps {
		n += int64(len(sp.raw))
	}
	for _, st := range pipelineStages {
		if st.name == name {
			b.SetBytes(n)
			b.ReportAllocs()
			st.run(b, c, sps)
			return
		}
	}
	b.Fatalf("no stage %q", name)
}

// The stages on the testdata pages.

func BenchmarkDecode(b *testing.B)          { benchStage(b, "Decode", loadCorpus(b).html) }
func BenchmarkHTMLParse(b *testing.B)       { benchStage(b, "HTMLParse", loadCorpus(b).html) }
func BenchmarkMetaExtract(b *testing.B)     { benchStage(b, "MetaExtract", loadCorpus(b).html) }
func BenchmarkComputeStats(b *testing.B)    { benchStage(b, "ComputeStats", loadCorpus(b).html) }
func BenchmarkPrune(b *testing.B)           { benchStage(b, "Prune", loadCorpus(b).html) }
func BenchmarkSubtractRemoved(b *testing.B) { benchStage(b, "SubtractRemoved", loadCorpus(b).html) }
func BenchmarkLocate(b *testing.B)          { benchStage(b, "Locate", loadCorpus(b).html) }
func BenchmarkRefine(b *testing.B)          { benchStage(b, "Refine", loadCorpus(b).html) }
func BenchmarkBuildBlocks(b *testing.B)     { benchStage(b, "BuildBlocks", loadCorpus(b).html) }
func BenchmarkTextRules(b *testing.B)       { benchStage(b, "TextRules", loadCorpus(b).html) }

// BenchmarkStagesLarge runs every stage on the generated 800 KB page of
// BenchmarkCleanLarge, where per-page overheads no longer dominate.
func BenchmarkStagesLarge(b *testing.B) {
	page := []corpusPage{{name: "generated", data: synthArticlePage(800 << 10), url: scaleURL}}
	for _, st := range pipelineStages {
		b.Run(st.name, func(b *testing.B) { benchStage(b, st.name, page) })
	}
}

// BenchmarkSeedSplitText is splitText on the seed text (CleanText's
// first step).
func BenchmarkSeedSplitText(b *testing.B) {
	cp := loadCorpus(b)
	b.SetBytes(int64(len(cp.seed)))
	b.ReportAllocs()
	for b.Loop() {
		splitText(context.Background(), cp.seed)
	}
}

// BenchmarkSeedTextRules runs the text rules on the seed's blocks.
func BenchmarkSeedTextRules(b *testing.B) {
	cp := loadCorpus(b)
	c := newBenchCleaner(b)
	blocks, _ := splitText(context.Background(), cp.seed)
	rn := &run{c: c, ctx: context.Background(), p: newPage(nil), rules: &c.rules, article: &Article{}}
	b.SetBytes(int64(len(cp.seed)))
	b.ReportAllocs()
	for b.Loop() {
		rn.p.authors, rn.p.bylineBefore = nil, ""
		rn.applyTextRules(slices.Clone(blocks)) // it filters in place
	}
}

// BenchmarkTextRule times each text rule alone on the seed's blocks.
func BenchmarkTextRule(b *testing.B) {
	cp := loadCorpus(b)
	c := newBenchCleaner(b)
	blocks, _ := splitText(context.Background(), cp.seed)
	p := newPage(nil)
	for _, r := range c.rules[PhaseText] {
		b.Run(r.ID, func(b *testing.B) {
			b.SetBytes(int64(len(cp.seed)))
			b.ReportAllocs()
			for b.Loop() {
				p.authors, p.bylineBefore = nil, ""
				r.Filter(p, blocks)
			}
		})
	}
}

// Throughput of CleanText.

// synthWords is the vocabulary of generated prose.
var synthWords = strings.Fields(`the a of to in and for on with by at from that this city council river park plan
	water budget school road bridge residents officials mayor state federal court judge ruling report study
	data market prices energy climate storm coast farmers workers union contract hospital doctors patients
	police station vote election campaign minister government policy tax rate bank loan housing rent families
	children teachers students university research scientists museum festival team season coach players match
	said told says added according would could will may must should has have had was were is are been being
	new old first last major local national public private early late high low large small several many most
	week month year morning evening Monday Tuesday Wednesday Thursday Friday spokesperson committee agency`)

// synthSentence returns one sentence of generated prose.
func synthSentence(r *rand.Rand, sb *strings.Builder) {
	n := 8 + r.IntN(14)
	for i := range n {
		w := synthWords[r.IntN(len(synthWords))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			sb.WriteByte(' ')
		}
		sb.WriteString(w)
		if i > 2 && i < n-2 && r.IntN(7) == 0 {
			sb.WriteByte(',')
		}
	}
	sb.WriteByte('.')
}

// synthParagraph returns a paragraph of 2 to 6 sentences; id makes it
// unique.
func synthParagraph(r *rand.Rand, id int) string {
	var sb strings.Builder
	k := 2 + r.IntN(5)
	for i := range k {
		if i > 0 {
			sb.WriteByte(' ')
		}
		synthSentence(r, &sb)
		if i == 0 {
			fmt.Fprintf(&sb, " It was item %d of the day.", id)
		}
	}
	return sb.String()
}

// synthScrapedText returns about size bytes of text as a scraper leaves it:
// a settings widget and a title at the top, then paragraphs interleaved
// with share lines, captions shown twice, credits, ad labels and calls to
// action, and a most-read list and close buttons at the end.
func synthScrapedText(size int) string {
	r := rand.New(rand.NewPCG(4, 1))
	var sb strings.Builder
	sb.Grow(size + 4096)
	sb.WriteString("Settings\n\nⓕ font-size\n\n  • -2\n  • -1\n  • 0\n  • +1\n  • +2\n\n")
	sb.WriteString("EXCLUSIVE'River park plan wins final vote': Council backs the project\n\n")
	sb.WriteString("  • Facebook share button\n  • Twitter share button\n  • Mail share button\n")
	sb.WriteString("Residents say the park will change the riverside for a generation\nBy Jane Doe\n\n")
	sb.WriteString("Updated 5:27 am CST, Wednesday, November 20, 2019\n\n")
	tail := "\nTop 10 Stories\n\n"
	for i := range 10 {
		tail += fmt.Sprintf("Headline number %d about the city\n", i+1)
	}
	tail += "\nJane Doe jane.doe@example.com\n\nX\nCLOSE\ngo top\nLETTER\n"
	for i := 0; sb.Len() < size-len(tail); i++ {
		switch i % 12 {
		case 3:
			c := "The mayor speaks at the riverside in this photo taken on Monday, " + fmt.Sprint(i) + ". Yonhap"
			sb.WriteString(c + "\n\n" + c + "\n\n")
		case 5:
			sb.WriteString("Advertisement\n\n")
		case 7:
			sb.WriteString("Photo: Jane Doe, AP\n\n")
		case 8:
			sb.WriteString("  • Facebook share button\n  • Twitter share button\n")
		case 10:
			sb.WriteString("CLICK HERE TO READ MORE ABOUT THE PLAN\n\n")
		case 11:
			sb.WriteString("Image 3 of 8\n\n")
		}
		sb.WriteString(synthParagraph(r, i))
		sb.WriteString("\n\n")
	}
	sb.WriteString(tail)
	return sb.String()
}

// TestCleanTextThroughput checks that CleanText keeps up with scraped
// text: the target is 50 MB/s; the assertion is a floor of 10 MB/s (best of
// 5 runs) so that a loaded machine does not fail it.
func TestCleanTextThroughput(t *testing.T) {
	if testing.Short() || raceDetectorOn {
		t.Skip("timing test: not with -short or -race")
	}
	const target, floor = 50.0, 10.0
	text := synthScrapedText(1 << 20)
	c := newBenchCleaner(t)
	ctx := context.Background()
	a, err := c.CleanText(ctx, text)
	require.NoError(t, err)
	// The input is realistic: the rules have something to do.
	assert.NotContains(t, a.Text, "share button")
	assert.NotContains(t, a.Text, "Advertisement")
	assert.Greater(t, len(a.Text), len(text)/2)

	best := time.Duration(math.MaxInt64)
	for range 5 {
		start := time.Now()
		if _, err := c.CleanText(ctx, text); err != nil {
			t.Fatal(err)
		}
		best = min(best, time.Since(start))
	}
	mbs := float64(len(text)) / 1e6 / best.Seconds()
	t.Logf("CleanText: %.2f MB in %v (best of 5): %.1f MB/s (target %.0f MB/s, asserted floor %.0f MB/s)", float64(len(text))/1e6, best, mbs, target, floor)
	if mbs < target {
		t.Logf("below the %.0f MB/s target (a loaded machine can do that)", target)
	}
	require.GreaterOrEqual(t, mbs, floor, "CleanText throughput")
}

// TestParallelThroughput cleans every corpus page 2×passes times, taken
// from one queue by one goroutine, then by two sharing one Cleaner, as a
// crawler's workers do. The speedup is logged next to two calibrations
// measured the same way, interleaved, best of 5: html.Parse alone on the
// same pages (the ceiling for anything that builds the tree: on a shared
// machine the neighbours' memory traffic takes it well under 2×) and a
// pure computation (whether this process has two CPUs at all now). The
// target is 1.8× on two CPUs; 1.15× is asserted, to catch a lock on the
// hot path, with two CPUs or more, without -race, and only when the pure
// computation speeds up 1.7× (on a loaded machine it does not, and nothing
// can be learned then). Under -race it runs small, as a data-race check.
func TestParallelThroughput(t *testing.T) {
	cp := loadCorpus(t)
	c := newBenchCleaner(t)
	// About 512 KB of input per goroutine and measurement, whatever the
	// size of testdata/.
	passes := min(max(int((512<<10)/(cp.htmlBytes+cp.textBytes)), 4), 60)
	switch {
	case raceDetectorOn:
		passes = 2
	case testing.Short():
		passes = max(passes/4, 2)
	}
	cleanCorpus(t, c, cp) // warm up
	// The work: n items, each one page, handed out by one counter.
	type item struct {
		data []byte
		url  string
		text bool
	}
	var items []item
	for _, pg := range cp.html {
		items = append(items, item{pg.data, pg.url, false})
	}
	for _, pg := range cp.text {
		items = append(items, item{pg.data, pg.url, true})
	}
	ctx := context.Background()
	queue := func(goroutines, n int, do func(i int)) time.Duration {
		var k atomicCounter
		var wg sync.WaitGroup
		start := time.Now()
		for range goroutines {
			wg.Go(func() {
				for i := k.next(); i < n; i = k.next() {
					do(i)
				}
			})
		}
		wg.Wait()
		return time.Since(start)
	}
	clean := func(goroutines int) time.Duration {
		return queue(goroutines, 2*passes*len(items), func(i int) {
			it := items[i%len(items)]
			var err error
			if it.text {
				_, err = c.CleanText(ctx, string(it.data))
			} else {
				_, err = c.Clean(ctx, bytes.NewReader(it.data), it.url)
			}
			if err != nil && !errors.Is(err, ErrNoContent) {
				t.Errorf("%v", err)
			}
		})
	}
	if raceDetectorOn {
		// A data-race check only: the race detector changes costs.
		clean(2)
		t.Log("speedup not measured under -race")
		return
	}
	parse := func(goroutines int) time.Duration {
		return queue(goroutines, 2*passes*len(cp.html), func(i int) {
			if _, err := html.Parse(bytes.NewReader(cp.html[i%len(cp.html)].data)); err != nil {
				t.Errorf("html.Parse: %v", err)
			}
		})
	}
	// A computation without memory traffic, about as long as the cleaning.
	spinSink := make([]uint64, 2*passes)
	spin := func(goroutines int) time.Duration {
		return queue(goroutines, 2*passes, func(i int) {
			x := uint64(i + 1)
			for range 2_000_000 {
				x = x*6364136223846793005 + 1442695040888963407
			}
			spinSink[i] = x
		})
	}

	procs := min(runtime.NumCPU(), runtime.GOMAXPROCS(0))
	const floor, target, machineFloor = 1.15, 1.8, 1.7
	best := func(f func(int) time.Duration, prev [2]time.Duration) [2]time.Duration {
		return [2]time.Duration{min(prev[0], f(1)), min(prev[1], f(2))}
	}
	ratio := func(d [2]time.Duration) float64 { return float64(d[0]) / float64(d[1]) }
	inf := time.Duration(math.MaxInt64)
	cl, pa, sp := [2]time.Duration{inf, inf}, [2]time.Duration{inf, inf}, [2]time.Duration{inf, inf}
	for round := 1; round <= 5; round++ {
		sp = best(spin, sp)
		cl = best(clean, cl)
		pa = best(parse, pa)
		if round == 1 && ratio(sp) < 1.3 {
			break // a saturated machine: not worth measuring longer
		}
	}
	speedup, parseSpeedup, machine := ratio(cl), ratio(pa), ratio(sp)
	mb := float64(2*passes) * float64(cp.htmlBytes+cp.textBytes) / 1e6
	t.Logf("%d pages × %d passes (%.1f MB), best of 5: 1 goroutine %v (%.1f MB/s), 2 goroutines %v (%.1f MB/s): speedup %.2f× (target %.1f×); html.Parse alone on the same pages %.2f× (cleaner ÷ parser %.2f); a pure computation %.2f×; CPUs %d, GOMAXPROCS %d",
		len(items), 2*passes, mb, cl[0].Round(time.Millisecond), mb/cl[0].Seconds(), cl[1].Round(time.Millisecond), mb/cl[1].Seconds(),
		speedup, target, parseSpeedup, speedup/parseSpeedup, machine, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	switch {
	case procs < 2:
		t.Logf("speedup not asserted: %d usable CPU", procs)
	case machine < machineFloor:
		t.Logf("speedup not asserted: the machine gave this process %.2f× on two goroutines (loaded)", machine)
	default:
		require.GreaterOrEqual(t, speedup, floor, "two goroutines sharing a Cleaner")
		// With the collector given room, as the CLI does (GOGC=300): at
		// the default, its background work runs on the idle second core
		// in the one-goroutine run, which caps any speedup. Logged only.
		defer debug.SetGCPercent(debug.SetGCPercent(300))
		cl, pa = [2]time.Duration{inf, inf}, [2]time.Duration{inf, inf}
		for range 3 {
			cl = best(clean, cl)
			pa = best(parse, pa)
		}
		t.Logf("GOGC=300: speedup %.2f×, html.Parse alone %.2f×", ratio(cl), ratio(pa))
	}
}

// atomicCounter hands out 0, 1, 2… to concurrent callers.
type atomicCounter struct{ n atomic.Int64 }

func (c *atomicCounter) next() int { return int(c.n.Add(1) - 1) }
