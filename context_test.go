package cleaner

// Cancellation (issue 5): a cancelled or expired context makes Clean,
// CleanDocument and CleanText return soon, with the context's error
// wrapped.
//
// A long call (a 30 MB page made of the testdata pages, or 30 MB of
// scraped text; 4 MB under -short, 2 MB under -race) is cancelled 5, 20,
// 100 and 500 ms after it starts, and from inside the pipeline by probe
// rules that cancel at the N-th element of the prune or refine walk or in
// the text phase (on a 4 MB page: what they measure does not depend on the
// size). The latency is the time from cancel() to the call's return; it
// must be at most 50 ms (150 ms under -race), with one retry to absorb
// machine noise.
//
// The pipeline checks the context between reads of at most 1 MiB, after
// parsing, every 4096 elements of the metadata and element-statistics
// walks, before and after the node rules and every 1024 elements of a rule
// walk, between text rules, and every 1024 lines of CleanText's split;
// decoding and parsing run in a goroutine of their own when the context
// can be cancelled, so that Clean returns at once (the goroutine finishes
// in the background). The other stages (content location, blocks,
// assembly) are linear and short: a cancel that lands in one of them
// waits for its end. The probes (and a reader
// that notes the end of the input) tell where each call was when it was
// cancelled. A late return from a stage that does not check the context
// is logged as a known limitation (a failure with
// CLEANER_HOSTILE_STRICT=1); a late return from a rule walk fails.
//
//	go test -run 'Cancel|Deadline' -v .

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/boilerfree/cleaner/internal/charset"
	"github.com/boilerfree/cleaner/internal/htmlparse"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// ctxStrict makes known limitations fail.
var ctxStrict = os.Getenv("CLEANER_HOSTILE_STRICT") == "1"

// ctxLimit is the longest accepted time from cancel to return.
func ctxLimit() time.Duration {
	if raceDetectorOn {
		return 150 * time.Millisecond
	}
	return 50 * time.Millisecond
}

// ctxLongSize is the size of the long page and text; ctxProbeSize that of
// the page cancelled by the probes.
func ctxLongSize() int {
	switch {
	case raceDetectorOn:
		return 2 << 20
	case testing.Short():
		return 4 << 20
	}
	return 30 << 20
}

func ctxProbeSize() int { return min(ctxLongSize(), 4<<20) }

// ctxDelays are the times after the call's start at which it is cancelled:
// the 5, 20 and 100 ms of issue 5, and 500 ms, which lands in the parse or
// after it.
var ctxDelays = []time.Duration{5 * time.Millisecond, 20 * time.Millisecond, 100 * time.Millisecond, 500 * time.Millisecond}

var ctxBodyPattern = regexp.MustCompile(`(?s)<body[^>]*>(.*)</body>`)

// ctxBigPage returns a page of at least size bytes: the bodies of the UTF-8
// testdata pages, one after the other in sections, under one head.
func ctxBigPage(t testing.TB, size int) []byte {
	files, err := filepath.Glob("testdata/*/input.html")
	require.NoError(t, err)
	var bodies [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		if m := ctxBodyPattern.FindSubmatch(data); m != nil && utf8.Valid(m[1]) {
			bodies = append(bodies, m[1])
		}
	}
	require.NotEmpty(t, bodies)
	var b bytes.Buffer
	b.Grow(size + 64<<10)
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A very long page</title></head><body>`)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "<section id=\"part-%d\">\n", i)
		b.Write(bodies[i%len(bodies)])
		b.WriteString("</section>\n")
	}
	b.WriteString("</body></html>\n")
	return b.Bytes()
}

// ctxText returns at least size bytes of scraped-looking text.
func ctxText(t testing.TB, size int) string {
	var parts []string
	for _, f := range []string{"testdata/seed/input.txt", "testdata/scraped-text/input.txt"} {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		parts = append(parts, string(data))
	}
	var b strings.Builder
	b.Grow(size + 16<<10)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "Part %d\n\n%s\n", i, parts[i%len(parts)])
	}
	return b.String()
}

// Stages of the pipeline, as the probe rules see them.
const (
	stageBefore     = iota // before the prune walk
	stagePrune             // the prune walk: interruptible
	stageAfterPrune        // statistics again, content location
	stageRefine            // the refine walk: interruptible
	stageBlocks            // blocks
	stageText              // text rules, assembly
)

var ctxStageNames = [...]string{"before the prune walk", "prune walk", "stats and content location", "refine walk", "blocks", "text rules"}

// ctxProbe is a set of rules that record where the pipeline is and may
// cancel the call from inside it, and a reader that records the end of the
// input.
type ctxProbe struct {
	stage   atomic.Int32
	prunes  atomic.Int64
	refines atomic.Int64
	eof     atomic.Bool
	// Hooks, called with the number of elements the walk saw; set before
	// the call.
	onPrune, onRefine func(n int64)
	onText            func()
}

func (pr *ctxProbe) reset() {
	pr.stage.Store(stageBefore)
	pr.prunes.Store(0)
	pr.refines.Store(0)
	pr.eof.Store(false)
	pr.onPrune, pr.onRefine, pr.onText = nil, nil, nil
}

// options returns the probe rules: the first and the last of the prune
// phase (the last one sees every element no other rule removed), the first
// of the refine phase and the first of the text phase.
func (pr *ctxProbe) options() []Option {
	return []Option{
		WithRule(Rule{ID: "probe-prune-first", Phase: PhasePrune, Description: "probe", Match: func(*Page, *html.Node) bool {
			pr.stage.Store(stagePrune)
			if n := pr.prunes.Add(1); pr.onPrune != nil {
				pr.onPrune(n)
			}
			return false
		}}, First()),
		WithRule(Rule{ID: "probe-prune-last", Phase: PhasePrune, Description: "probe", Match: func(*Page, *html.Node) bool {
			pr.stage.Store(stageAfterPrune) // until the next element
			return false
		}}, Last()),
		WithRule(Rule{ID: "probe-refine", Phase: PhaseRefine, Description: "probe", Match: func(*Page, *html.Node) bool {
			pr.stage.Store(stageRefine)
			if n := pr.refines.Add(1); pr.onRefine != nil {
				pr.onRefine(n)
			}
			pr.stage.Store(stageBlocks) // until the next element
			return false
		}}, First()),
		WithRule(Rule{ID: "probe-text", Phase: PhaseText, Description: "probe", Filter: func(*Page, []Block) []int {
			pr.stage.Store(stageText)
			if pr.onText != nil {
				pr.onText()
			}
			return nil
		}}, First()),
	}
}

// reader returns a reader of data that records when it is exhausted.
func (pr *ctxProbe) reader(data []byte) io.Reader {
	return &ctxEOFReader{r: bytes.NewReader(data), eof: &pr.eof}
}

type ctxEOFReader struct {
	r   *bytes.Reader
	eof *atomic.Bool
}

// Len tells Clean the input's length, as a bytes.Reader does.
func (r *ctxEOFReader) Len() int { return r.r.Len() }

func (r *ctxEOFReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if r.r.Len() == 0 {
		r.eof.Store(true)
	}
	return n, err
}

// ctxOutcome is one cancelled call.
type ctxOutcome struct {
	err      error
	latency  time.Duration // from cancel to return; < 0 if the call returned before the cancel
	offset   time.Duration // when the cancel came, from the call's start
	total    time.Duration // the call's duration
	stage    int           // where the pipeline was at the cancel
	eof      bool          // the input was read when the cancel came
	pruned   bool          // the prune walk ran after the cancel
	probe    bool          // a probe rule cancelled the call
	panicked any
}

// where says where the call was when it was cancelled.
func (o ctxOutcome) where(method string) string {
	if o.probe {
		return "probe rule, " + ctxStageNames[o.stage]
	}
	if o.stage != stageBefore {
		return ctxStageNames[o.stage]
	}
	switch method {
	case "Clean":
		switch {
		case !o.eof:
			return "reading"
		case !o.pruned:
			// The context is checked after decoding and after parsing:
			// a return before any prune means one of those two.
			return "decoding or parsing"
		}
		return "metadata or element stats"
	case "CleanDocument":
		return "metadata or element stats"
	case "CleanText":
		return "splitting lines"
	}
	return ctxStageNames[o.stage]
}

// interruptible reports whether the stage of the cancel checks the context.
func (o ctxOutcome) interruptible() bool {
	return o.stage == stagePrune || o.stage == stageRefine
}

// ctxRun calls fn with a context that is cancelled after delay (when delay
// > 0) or by the probe's hooks (which get the cancel function through arm)
// and measures the latency.
func ctxRun(pr *ctxProbe, delay time.Duration, arm func(cancel func()), fn func(ctx context.Context) error) ctxOutcome {
	pr.reset()
	ctx, cancelCtx := context.WithCancel(context.Background())
	defer cancelCtx()
	var cancelAt atomic.Int64 // UnixNano of the cancel
	var stageAt atomic.Int32
	var eofAt atomic.Bool
	var prunesAt atomic.Int64
	cancel := func() {
		if cancelAt.Load() != 0 {
			return
		}
		stageAt.Store(pr.stage.Load())
		eofAt.Store(pr.eof.Load())
		prunesAt.Store(pr.prunes.Load())
		cancelAt.Store(time.Now().UnixNano())
		cancelCtx()
	}
	if arm != nil {
		arm(cancel)
	}
	done := make(chan ctxOutcome, 1)
	start := time.Now()
	go func() {
		var out ctxOutcome
		defer func() {
			if v := recover(); v != nil {
				out.panicked = fmt.Sprintf("%v\n%s", v, debug.Stack())
			}
			end := time.Now()
			out.total = end.Sub(start)
			out.latency = -1
			if at := cancelAt.Load(); at != 0 {
				out.latency = end.Sub(time.Unix(0, at))
			}
			done <- out
		}()
		out.err = fn(ctx)
	}()
	var out ctxOutcome
	if delay > 0 {
		timer := time.NewTimer(delay)
		select {
		case out = <-done:
		case <-timer.C:
			cancel()
			out = <-done
		}
		timer.Stop()
	} else {
		out = <-done
	}
	out.stage = int(stageAt.Load())
	out.eof = eofAt.Load()
	out.pruned = pr.prunes.Load() > prunesAt.Load()
	out.probe = arm != nil
	if at := cancelAt.Load(); at != 0 {
		out.offset = time.Unix(0, at).Sub(start)
	}
	return out
}

// ctxWorst is the worst latency seen, for the summary.
var ctxWorst struct {
	sync.Mutex
	latency time.Duration
	what    string
}

// ctxCheck asserts the outcome of a cancelled call; it reports whether the
// call must be retried.
func ctxCheck(t *testing.T, method, what string, out ctxOutcome, last bool) (retry bool) {
	t.Helper()
	if out.panicked != nil {
		t.Fatalf("%s: panic: %v", what, out.panicked)
	}
	if out.latency < 0 {
		t.Logf("%-38s returned after %v, before the cancel: %v", what, out.total.Round(time.Millisecond), out.err)
		if out.err != nil {
			t.Errorf("%s: uncancelled call failed: %v", what, out.err)
		}
		return false
	}
	where := out.where(method)
	t.Logf("%-38s latency %7.1f ms  (cancel at %7.1f ms, return at %7.1f ms; in %s)  err: %v", what,
		ms(out.latency), ms(out.offset), ms(out.total), where, out.err)
	ctxWorst.Lock()
	if out.latency > ctxWorst.latency {
		ctxWorst.latency, ctxWorst.what = out.latency, what+" (in "+where+")"
	}
	ctxWorst.Unlock()

	if !errors.Is(out.err, context.Canceled) {
		if out.err == nil && out.stage >= stageBlocks {
			// Nothing checks the context after the refine walk.
			ctxKnown(t, "%s: cancelled in %s, the call still succeeded", what, where)
		} else {
			t.Errorf("%s: error %v, want context.Canceled", what, out.err)
		}
	}
	if out.latency <= ctxLimit() {
		return false
	}
	if !out.interruptible() {
		ctxKnown(t, "%s: latency %v over %v: cancelled in %s, which does not check the context", what, out.latency.Round(time.Millisecond), ctxLimit(), where)
		return false
	}
	if !last {
		t.Logf("%s: latency %v over %v: retrying", what, out.latency, ctxLimit())
		return true
	}
	t.Errorf("%s: latency %v over %v, cancelled in %s, which checks the context", what, out.latency, ctxLimit(), where)
	return false
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// ctxKnown logs a known limitation, or fails under CLEANER_HOSTILE_STRICT=1.
func ctxKnown(t *testing.T, format string, args ...any) {
	t.Helper()
	if ctxStrict {
		t.Errorf(format, args...)
		return
	}
	t.Logf("KNOWN LIMITATION: "+format, args...)
}

// ctxCancelAfter cancels fn after each of ctxDelays.
func ctxCancelAfter(t *testing.T, method string, pr *ctxProbe, fn func(ctx context.Context) error) {
	t.Helper()
	for _, d := range ctxDelays {
		what := fmt.Sprintf("%s cancel after %v", method, d)
		for try := 0; try < 2; try++ {
			if !ctxCheck(t, method, what, ctxRun(pr, d, nil, fn), try == 1) {
				break
			}
		}
	}
}

// ctxCancelInside cancels fn from the probe rules: at the 2000th element of
// the prune walk, the 10th of the refine walk, in the text phase.
func ctxCancelInside(t *testing.T, method string, pr *ctxProbe, fn func(ctx context.Context) error) {
	t.Helper()
	for _, at := range []struct {
		name string
		arm  func(cancel func())
	}{
		{"in prune walk", func(cancel func()) {
			pr.onPrune = func(n int64) {
				if n == 2000 {
					cancel()
				}
			}
		}},
		{"in refine walk", func(cancel func()) {
			pr.onRefine = func(n int64) {
				if n == 10 {
					cancel()
				}
			}
		}},
		{"in text phase", func(cancel func()) {
			pr.onText = func() { cancel() }
		}},
	} {
		what := method + " cancel " + at.name
		for try := 0; try < 2; try++ {
			if !ctxCheck(t, method, what, ctxRun(pr, 0, at.arm, fn), try == 1) {
				break
			}
		}
	}
}

// ctxTimeline runs fn uncancelled and says when each stage began.
func ctxTimeline(t *testing.T, pr *ctxProbe, fn func(ctx context.Context) error) string {
	t.Helper()
	pr.reset()
	var mu sync.Mutex
	var marks []string
	start := time.Now()
	mark := func(what string) {
		mu.Lock()
		marks = append(marks, fmt.Sprintf("%s at %v", what, time.Since(start).Round(time.Millisecond)))
		mu.Unlock()
	}
	pr.onPrune = func(n int64) {
		if n == 1 {
			mark("prune walk")
		}
	}
	pr.onRefine = func(n int64) {
		if n == 1 {
			mark("refine walk")
		}
	}
	pr.onText = func() { mark("text rules") }
	err := fn(context.Background())
	total := time.Since(start)
	require.NoError(t, err)
	return fmt.Sprintf("uncancelled call %v: %s; %d elements pruned, %d refined",
		total.Round(time.Millisecond), strings.Join(marks, ", "), pr.prunes.Load(), pr.refines.Load())
}

// TestCancelPrecancelled: a context cancelled or expired before the call
// makes every entry point return at once.
func TestCancelPrecancelled(t *testing.T) {
	c, err := New()
	require.NoError(t, err)
	page := ctxBigPage(t, 1<<20)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
	require.NoError(t, err)
	text := ctxText(t, 1<<20)

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	for _, tc := range []struct {
		ctx  context.Context
		want error
	}{{cancelled, context.Canceled}, {expired, context.DeadlineExceeded}} {
		for name, fn := range map[string]func() (*Article, error){
			"Clean":         func() (*Article, error) { return c.Clean(tc.ctx, bytes.NewReader(page), "") },
			"CleanDocument": func() (*Article, error) { return c.CleanDocument(tc.ctx, doc, "") },
			"CleanText":     func() (*Article, error) { return c.CleanText(tc.ctx, text) },
		} {
			start := time.Now()
			a, err := fn()
			d := time.Since(start)
			assert.Nil(t, a, name)
			assert.ErrorIs(t, err, tc.want, name)
			assert.LessOrEqual(t, d, ctxLimit(), "%s with %v", name, tc.want)
		}
	}
}

// TestCancelLongClean cancels a long Clean at fixed times after its start
// and from inside its rule walks.
func TestCancelLongClean(t *testing.T) {
	pr := &ctxProbe{}
	c, err := New(append(pr.options(), WithMaxBytes(64<<20))...)
	require.NoError(t, err)
	page := ctxBigPage(t, ctxLongSize())
	clean := func(page []byte) func(ctx context.Context) error {
		return func(ctx context.Context) error {
			_, err := c.Clean(ctx, pr.reader(page), "")
			return err
		}
	}
	if testing.Verbose() && !testing.Short() && !raceDetectorOn {
		// Where the time goes, uncancelled (with -v only): decoding,
		// parsing, then the whole call with the stages the probes see.
		start := time.Now()
		data, _ := charset.Decode(page, "")
		tDecode := time.Since(start)
		start = time.Now()
		_, err = htmlparse.Parse(data)
		require.NoError(t, err)
		tParse := time.Since(start)
		t.Logf("page %d B: decode %v, parse %v; %s", len(page), tDecode.Round(time.Millisecond),
			tParse.Round(time.Millisecond), ctxTimeline(t, pr, clean(page)))
	}
	ctxCancelAfter(t, "Clean", pr, clean(page))
	ctxCancelInside(t, "Clean", pr, clean(page[:min(len(page), ctxProbeSize())]))
}

// TestCancelLongCleanDocument does the same with CleanDocument, which
// skips reading, decoding and parsing.
func TestCancelLongCleanDocument(t *testing.T) {
	pr := &ctxProbe{}
	c, err := New(pr.options()...)
	require.NoError(t, err)
	cleanDoc := func(page []byte) func(ctx context.Context) error {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(page))
		require.NoError(t, err)
		return func(ctx context.Context) error {
			_, err := c.CleanDocument(ctx, doc, "")
			return err
		}
	}
	ctxCancelAfter(t, "CleanDocument", pr, cleanDoc(ctxBigPage(t, ctxLongSize())))
	ctxCancelInside(t, "CleanDocument", pr, cleanDoc(ctxBigPage(t, ctxProbeSize())))
}

// TestCancelLongCleanText cancels CleanText on a long text.
func TestCancelLongCleanText(t *testing.T) {
	pr := &ctxProbe{}
	c, err := New(append(pr.options(), WithMaxBytes(64<<20))...)
	require.NoError(t, err)
	text := ctxText(t, ctxLongSize())
	cleanText := func(ctx context.Context) error {
		_, err := c.CleanText(ctx, text)
		return err
	}
	ctxCancelAfter(t, "CleanText", pr, cleanText)
	what := "CleanText cancel in text phase"
	for try := 0; try < 2; try++ {
		out := ctxRun(pr, 0, func(cancel func()) { pr.onText = func() { cancel() } }, cleanText)
		if !ctxCheck(t, "CleanText", what, out, try == 1) {
			break
		}
	}
}

// TestDeadlineLongClean: an expiring deadline is reported as
// context.DeadlineExceeded.
func TestDeadlineLongClean(t *testing.T) {
	c, err := New(WithMaxBytes(64 << 20))
	require.NoError(t, err)
	page := ctxBigPage(t, ctxLongSize())
	for _, d := range []time.Duration{20 * time.Millisecond, 500 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		deadline, _ := ctx.Deadline()
		_, err = c.Clean(ctx, bytes.NewReader(page), "")
		late := time.Since(deadline)
		cancel()
		if late < 0 {
			t.Logf("Clean with a %v deadline: finished %v before it: %v", d, -late, err)
			continue
		}
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		t.Logf("Clean with a %v deadline: returned %v after it (%v)", d, late.Round(time.Millisecond), err)
		if late > ctxLimit() {
			ctxKnown(t, "Clean returned %v after its %v deadline", late.Round(time.Millisecond), d)
		}
	}
	ctxWorst.Lock()
	defer ctxWorst.Unlock()
	if ctxWorst.what != "" {
		t.Logf("worst latency from cancel to return in this run: %v, %s", ctxWorst.latency.Round(100*time.Microsecond), ctxWorst.what)
	}
}
