//go:build unix

package cleaner

// Hostile input (issue 5): pages built in code to stress the parser, the
// rules and the limits. Every case must end without a panic, with an
// article or a typed error, with valid UTF-8 everywhere in the article, in a
// time proportional to its size and with a bounded peak heap.
//
// Memory is measured like this (hostileMeasure): the input is generated
// first, then runtime.GC() runs twice and runtime.ReadMemStats gives the
// baseline HeapInuse and TotalAlloc. While the call runs, a goroutine reads
// runtime/metrics every millisecond ("/memory/classes/heap/objects:bytes"
// plus "/memory/classes/heap/unused:bytes" is HeapInuse; runtime/metrics
// does not stop the world, unlike ReadMemStats) and keeps the maximum; one more sample is taken when the call returns, before its
// result is dropped. "Peak" is the maximal HeapInuse minus the baseline: it
// includes garbage not yet collected (with GOGC=100 the heap may reach
// twice the live data), not the input itself, which is part of the
// baseline. TotalAlloc is the difference of ReadMemStats' TotalAlloc.
//
// Time is measured twice: wall-clock time, and the CPU time of the process
// (getrusage: user plus system, all threads, the garbage collector's
// included). The budget applies to the smaller of the two: on a loaded
// machine the wall-clock time grows with other processes' load, on an idle
// one the collector's parallel work makes CPU time exceed the wall clock;
// a real slowdown raises both.
//
// The cases run one after the other (never in parallel) so that the
// measurements do not mix. The largest are skipped under -short and -race,
// and under -race every input over 4 MiB.
// Run them with:
//
//	go test -run 'TestHostile' -v .

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileScale stretches time budgets under the race detector, which slows
// the code down about ten times.
func hostileScale() time.Duration {
	if raceDetectorOn {
		return 10
	}
	return 1
}

// hostileTimeBudget: 2 s plus 200 ns per input byte.
func hostileTimeBudget(n int) time.Duration {
	return hostileScale() * (2*time.Second + time.Duration(n)*200*time.Nanosecond)
}

// hostileRaceMax is the largest input run under -race.
const hostileRaceMax = 4 << 20

// hostileMemBudget: 40 bytes per input byte plus 32 MiB of peak heap.
func hostileMemBudget(n int) int64 { return 40*int64(n) + 32<<20 }

// hostileUsage is what hostileMeasure reports for one call.
type hostileUsage struct {
	elapsed    time.Duration // wall clock
	cpu        time.Duration // user and system time of the process
	peakInuse  int64         // peak HeapInuse above the baseline
	totalAlloc uint64
}

// hostileMeasure runs fn and measures its time and heap (see the comment at
// the top of this file).
func hostileMeasure(fn func()) hostileUsage {
	runtime.GC()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)

	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	var peakInuse uint64
	sample := func() {
		metrics.Read(samples)
		peakInuse = max(peakInuse, samples[0].Value.Uint64()+samples[1].Value.Uint64())
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				sample()
			}
		}
	}()

	cpu0 := hostileCPU()
	start := time.Now()
	fn()
	elapsed := time.Since(start)
	cpu := hostileCPU() - cpu0
	close(stop)
	wg.Wait()
	sample()
	runtime.ReadMemStats(&after)
	return hostileUsage{
		elapsed:    elapsed,
		cpu:        cpu,
		peakInuse:  int64(peakInuse) - int64(before.HeapInuse),
		totalAlloc: after.TotalAlloc - before.TotalAlloc,
	}
}

// hostileCPU returns the CPU time the process used so far.
func hostileCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// hostileCase is one generated input.
type hostileCase struct {
	name string
	gen  func() []byte
	// big cases are skipped under -short and -race.
	big  bool
	opts []Option
	// text also runs CleanText on the input; noDoc skips CleanDocument.
	text, noDoc bool
	// want lists strings the article's text must contain.
	want []string
	// wantErr, when set, is the error Clean must return.
	wantErr error
	// truncated is the expected Article.Truncated.
	truncated bool
}

// hostileProse is a sentence long enough to count as a paragraph.
const hostileProse = "The council voted on Tuesday to extend the library's opening hours through the winter, after residents filled the hall to ask for evening study space."

// hostilePage wraps body in a minimal document.
func hostilePage(title, body string) []byte {
	return []byte("<!doctype html><html><head><title>" + title + "</title></head><body>" + body + "</body></html>")
}

func hostileRepeat(parts ...string) func(n int) string {
	return func(n int) string {
		var b strings.Builder
		l := 0
		for _, p := range parts {
			l += len(p)
		}
		b.Grow(n * l)
		for range n {
			for _, p := range parts {
				b.WriteString(p)
			}
		}
		return b.String()
	}
}

// hostileFill returns n bytes made of s repeated.
func hostileFill(s string, n int) string {
	return strings.Repeat(s, n/len(s)+1)[:n]
}

// hostileWords returns about n bytes of distinct words separated by spaces.
func hostileWords(n int) string {
	var b strings.Builder
	b.Grow(n + 16)
	words := strings.Fields(hostileProse)
	for i := 0; b.Len() < n; i++ {
		b.WriteString(words[i%len(words)])
		if i%len(words) == len(words)-1 {
			fmt.Fprintf(&b, " %d. ", i)
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// hostileSample returns the first testdata page, for inputs derived from a
// real page.
func hostileSample(t testing.TB) []byte {
	data, err := os.ReadFile("testdata/comments/input.html")
	require.NoError(t, err)
	return data
}

func hostileCases(t testing.TB) []hostileCase {
	sample := hostileSample(t)
	rng := rand.New(rand.NewPCG(5, 5))
	return []hostileCase{
		{
			name: "nested-divs-1e5",
			gen: func() []byte {
				var b strings.Builder
				b.WriteString("<!doctype html><html><head><title>Deep</title></head><body>")
				for i := range 100_000 {
					b.WriteString("<div>")
					if i%20_000 == 0 {
						fmt.Fprintf(&b, "<p>Depth %d. %s</p>", i, hostileProse)
					}
				}
				b.WriteString("<p>Innermost. " + hostileProse + "</p>")
				for range 100_000 {
					b.WriteString("</div>")
				}
				return []byte(b.String() + "</body></html>")
			},
			want: []string{"Depth 0.", "Depth 40000.", "Depth 80000.", "Innermost."},
		},
		{
			name: "siblings-1e6-p",
			gen: func() []byte {
				var b strings.Builder
				b.WriteString("<!doctype html><html><head><title>Siblings</title></head><body>")
				for i := range 1_000_000 {
					fmt.Fprintf(&b, "<p>item%d", i)
				}
				return []byte(b.String() + "</body></html>")
			},
			big:   true,
			noDoc: true, // as slow as Clean, for the same reasons
			want:  []string{"item999999"},
		},
		{
			// More than DefaultMaxNodes tags: Clean refuses it.
			name: "siblings-1e6-span",
			gen: func() []byte {
				return hostilePage("Siblings", "<p>"+hostileProse+"</p><div>"+hostileRepeat("<span>x</span> ")(1_000_000)+"</div>")
			},
			wantErr: ErrTooLarge,
			big:     true,
		},
		{
			name: "text-50MB",
			gen: func() []byte {
				return hostilePage("Big text", "<p>"+hostileWords(50<<20)+"</p>")
			},
			opts: []Option{WithMaxBytes(64 << 20)},
			big:  true,
			text: true,
			want: []string{"library's opening hours"},
		},
		{
			name: "text-50MB-default-limit",
			gen: func() []byte {
				return hostilePage("Big text", "<p>"+hostileWords(50<<20)+"</p>")
			},
			big:       true,
			truncated: true,
			want:      []string{"library's opening hours"},
		},
		{
			name: "text-4MB-1MiB-limit",
			gen: func() []byte {
				return hostilePage("Big text", "<p>"+hostileWords(4<<20)+"</p>")
			},
			opts:      []Option{WithMaxBytes(1 << 20)},
			truncated: true,
			text:      true,
			want:      []string{"library's opening hours"},
		},
		{
			name: "attributes-1MB",
			gen: func() []byte {
				v := hostileFill("abcdefgh", 1<<20)
				tags := hostileFill("tag,", 1<<20)
				var b strings.Builder
				b.WriteString(`<!doctype html><html lang="` + v + `"><head><title>Attributes</title>`)
				for _, m := range []string{`name="description"`, `property="og:image"`, `property="og:site_name"`, `name="author"`, `property="article:published_time"`} {
					b.WriteString(`<meta ` + m + ` content="` + v + `">`)
				}
				b.WriteString(`<meta name="keywords" content="` + tags + `">`)
				b.WriteString(`<link rel="canonical" href="https://example.com/` + v + `">`)
				b.WriteString(`</head><body><article data-x="` + v + `" style="` + v + `">`)
				b.WriteString(`<p>` + hostileProse + ` <a href="/` + v + `" title="` + v + `">link</a></p>`)
				b.WriteString(`<img src="` + v + `" alt="` + v + `"><time datetime="` + v + `">today</time>`)
				b.WriteString(`<p id="` + v + `">` + hostileProse + `</p></article></body></html>`)
				return []byte(b.String())
			},
			opts: []Option{WithMaxBytes(64 << 20)},
			want: []string{"library's opening hours"},
		},
		{
			name: "jsonld-deep-1e5",
			gen: func() []byte {
				ld := `{"@type":"NewsArticle","headline":"Deep JSON","author":` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + `}`
				return []byte(`<html><head><script type="application/ld+json">` + ld + `</script></head><body><p>` + hostileProse + `</p></body></html>`)
			},
			want: []string{"library's opening hours"},
		},
		{
			name: "unclosed-b-1e5",
			gen: func() []byte {
				return hostilePage("Bold", "<p>"+hostileProse+"</p>"+hostileRepeat("<b>bold ")(100_000))
			},
			want: []string{"library's opening hours", "bold bold"},
		},
		{
			name: "unclosed-font-1e5",
			gen: func() []byte {
				return hostilePage("Font", "<p>"+hostileProse+"</p>"+hostileRepeat(`<font color="red">red `)(100_000))
			},
			want: []string{"library's opening hours", "red red"},
		},
		{
			name: "unclosed-a-1e5",
			gen: func() []byte {
				return hostilePage("Links", "<p>"+hostileProse+"</p>"+hostileRepeat(`<a href="/x">link `)(100_000))
			},
			want: []string{"library's opening hours"},
		},
		{
			name: "unclosed-mixed-1e5",
			gen: func() []byte {
				return hostilePage("Mixed", "<p>"+hostileProse+"</p>"+hostileRepeat(`<b><i><a href="/x"><font size=2><div><span>w `)(100_000/6))
			},
			want: []string{"library's opening hours"},
		},
		{
			name: "lt-gt-1e5",
			gen: func() []byte {
				return hostilePage("Angles", "<p>"+hostileProse+"</p>"+hostileRepeat("<<<>>> word ")(100_000))
			},
			text: true,
			want: []string{"library's opening hours"},
		},
		{
			name: "unterminated-attribute",
			gen: func() []byte {
				return []byte(`<html><head><title>Open quote</title></head><body><p>` + hostileProse + `</p><div class="a` + hostileWords(1<<20))
			},
			want: []string{"library's opening hours"},
		},
		{
			name: "unterminated-comment",
			gen: func() []byte {
				return []byte(`<html><head><title>Open comment</title></head><body><p>` + hostileProse + `</p><!--` + hostileWords(1<<20))
			},
			want: []string{"library's opening hours"},
		},
		{
			name: "unterminated-cdata",
			gen: func() []byte {
				return []byte(`<html><head><title>Open CDATA</title></head><body><p>` + hostileProse + `</p><![CDATA[ x <p>` + hostileProse + `<svg><![CDATA[` + hostileWords(1<<20))
			},
			want: []string{"library's opening hours"},
		},
		{
			name: "malformed-soup",
			gen: func() []byte {
				parts := []string{`<div class="a`, `">`, `<a href='`, `</`, `<!`, `<?xml `, `<!-->`, `-->`, `<p`, `>`, `</p >`, `<<`, `>>`,
					`<di v>`, `<!DOCTYPE`, `<script>`, `</script>`, `<style>`, `</style>`, `<title>`, `</title>`, `<table>`, `<td>`, `</tr>`,
					`<svg>`, `<math>`, `</svg>`, `<![CDATA[`, `]]>`, `<template>`, `</template>`, `&#x110000;`, `&#0;`, `&amp`, `&;`, ` word `, "\x00", "\xff"}
				var b strings.Builder
				b.WriteString("<p>" + hostileProse + "</p>")
				for b.Len() < 2<<20 {
					b.WriteString(parts[rng.IntN(len(parts))])
				}
				return []byte(b.String())
			},
			text: true,
		},
		{
			name: "end-tags-x-3e5",
			gen: func() []byte {
				return hostilePage("End tags", "<p>"+hostileProse+"</p>"+strings.Repeat("</x>", 300_000)+"<p>After. "+hostileProse+"</p>")
			},
			want: []string{"library's opening hours", "After."},
		},
		{
			name: "nested-tables-2000",
			gen: func() []byte {
				var b strings.Builder
				for i := range 2000 {
					fmt.Fprintf(&b, "<table><tr><td>cell %d ", i)
				}
				b.WriteString(hostileProse)
				b.WriteString(strings.Repeat("</td></tr></table>", 2000))
				return hostilePage("Tables", b.String())
			},
			want: []string{"library's opening hours"},
		},
		{
			name: "giant-colspan",
			gen: func() []byte {
				return hostilePage("Colspan", "<p>"+hostileProse+"</p><table><tr><td colspan=99999999 rowspan=99999999>wide</td><td colspan=-1>neg</td><td colspan=18446744073709551617>huge</td></tr><tr><th colspan=99999999>head</th></tr></table><col span=99999999><p>"+hostileProse+"</p>")
			},
			want: []string{"library's opening hours", "wide"},
		},
		{
			name: "class-10MB",
			gen: func() []byte {
				words := []string{"nav", "share", "ad", "sidebar", "hidden", "comment", "related", "content", "article", "post-body", "footer"}
				var b strings.Builder
				b.WriteString(`<div class="`)
				for i := 0; b.Len() < 10<<20; i++ {
					fmt.Fprintf(&b, "%s-%d ", words[i%len(words)], i)
				}
				b.WriteString(`"><p>` + hostileProse + `</p></div>`)
				b.WriteString(`<p class="` + hostileFill("x", 1<<20) + `">` + hostileProse + `</p>`)
				return hostilePage("Classes", b.String())
			},
		},
		{
			name: "minified-js-1MB",
			gen: func() []byte {
				return []byte(hostileRepeat("var a=1;", "function f(b,c){return b<c&&c>b?b:c}", "if(a<b){a++}", `x="<p>";`)(1 << 20 / 64))
			},
			text: true,
		},
		{
			name: "nul-interleaved",
			gen: func() []byte {
				// Not every other byte, which would read as UTF-16.
				out := make([]byte, 0, 2*len(sample))
				for i, c := range sample {
					out = append(out, c)
					if i%3 == 0 {
						out = append(out, 0)
					}
				}
				return out
			},
			text: true,
		},
		{
			name: "nul-in-text",
			gen: func() []byte {
				return hostilePage("N\x00U\x00L", "<p>"+strings.ReplaceAll(hostileProse, " ", " \x00")+"</p><p>\x00\x00\x00</p>"+hostileRepeat("\x00word ")(100_000))
			},
			text: true,
			want: []string{"library's"},
		},
		{
			name: "nul-1MB",
			gen:  func() []byte { return make([]byte, 1<<20) },
			text: true,
		},
		{
			name: "invalid-utf8",
			gen: func() []byte {
				// UTF-8 text with broken sequences everywhere, even in
				// the title, metadata and attributes.
				bad := []string{"\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\x80"}
				var b strings.Builder
				b.WriteString(`<html><head><meta charset="utf-8"><title>Ti` + bad[0] + `tle</title><meta name="description" content="de` + bad[1] + `sc">`)
				b.WriteString(`<meta name="author" content="Jane` + bad[2] + ` Doe"><meta name="keywords" content="a` + bad[3] + `,b">`)
				b.WriteString(`</head><body><article><h1>Head` + bad[4] + `line</h1>`)
				for i := range 20_000 {
					fmt.Fprintf(&b, `<p class="c%s">Caf%sé %s %d</p>`, bad[i%len(bad)], bad[(i+1)%len(bad)], hostileProse, i)
				}
				return []byte(b.String() + "</article></body></html>")
			},
			text: true,
		},
		{
			name: "random-bytes-1MB",
			gen: func() []byte {
				out := make([]byte, 1<<20)
				for i := range out {
					out[i] = byte(rng.Uint32())
				}
				return out
			},
			text: true,
		},
		{
			name: "utf16le-no-bom",
			gen:  func() []byte { return hostileUTF16(sample, false) },
			text: true,
			want: []string{"washed every dish by hand"},
		},
		{
			name: "utf16be-no-bom",
			gen:  func() []byte { return hostileUTF16(sample, true) },
			text: true,
			want: []string{"washed every dish by hand"},
		},
		{
			name: "script-only-5MB",
			gen: func() []byte {
				return []byte("<html><head></head><body><script>" + hostileFill(`var s="lorem ipsum dolor";`, 5<<20) + "</script></body></html>")
			},
			wantErr: ErrNoContent,
		},
		{
			// The raw-text scan before parsing: script escapes that hide
			// end tags, and styles in foreign content, by the thousand.
			name: "script-escapes-1e5",
			gen: func() []byte {
				return hostilePage("Escapes", "<p>"+hostileProse+"</p>"+
					strings.Repeat("<script><!--<script></script>--></script><svg><style>.a{}</style></svg>", 50_000)+
					strings.Repeat("<style>x</style><noscript>y</noscript>", 50_000)+"<p>After. "+hostileProse+"</p>")
			},
			want: []string{"library's opening hours", "After."},
		},
		{
			name: "br-1e5",
			gen: func() []byte {
				return hostilePage("Breaks", "<p>"+hostileProse+"</p>"+strings.Repeat("<br>", 100_000)+"<p>After. "+hostileProse+"</p>")
			},
			want: []string{"library's opening hours", "After."},
		},
		{
			name: "p-1e4-1KB-words",
			gen: func() []byte {
				var b strings.Builder
				for i := range 10_000 {
					fmt.Fprintf(&b, "<p>%05d%s</p>", i, hostileFill("abcdefghij", 1019))
				}
				return hostilePage("Words", b.String())
			},
			text: true,
		},
		{
			name: "lines-1e6-text",
			gen: func() []byte {
				return []byte(hostileRepeat("- item\n", "By Jane Doe\n", "Top 10 Stories\n", "Photo: AP\n", "Tuesday, May 5, 2024\n", "\n")(1_000_000 / 6))
			},
			big:  true,
			text: true,
		},
		{
			name: "lines-1e5-text",
			gen: func() []byte {
				return []byte(hostileRepeat("- item\n", "By Jane Doe\n", "Top 10 Stories\n", "Photo: AP\n", "Tuesday, May 5, 2024\n", "\n")(100_000 / 6))
			},
			text: true,
		},
	}
}

// hostileUTF16 encodes the ASCII-compatible input as UTF-16 without a BOM.
func hostileUTF16(in []byte, bigEndian bool) []byte {
	out := make([]byte, 0, 2*len(in))
	for _, r := range string(in) {
		if r > 0xFFFF {
			r = '?'
		}
		if bigEndian {
			out = append(out, byte(r>>8), byte(r))
		} else {
			out = append(out, byte(r), byte(r>>8))
		}
	}
	return out
}

// hostileKnown lists the failures known when this test was written (issue
// 5), by "case/Method/check" where check is "time", "memory" or "utf8"; a
// case of "*" matches every case. Known failures are logged, not failed,
// unless CLEANER_HOSTILE_STRICT=1 is set. Remove an entry once its bug is
// fixed: the test logs the entries that did not fire.
var hostileKnown = map[string]string{
	// Empty: every case is within its budgets. (Fixed: 1e6 sibling <p>
	// over its time and peak budgets, 1e5 unclosed <a>, CleanText on 1e6
	// short lines, invalid UTF-8 through CleanDocument.)
}

// hostileStrict makes known failures fail.
var hostileStrict = os.Getenv("CLEANER_HOSTILE_STRICT") == "1"

// hostileReport fails the test, or logs a known failure.
type hostileReport struct {
	t     *testing.T
	name  string // the case
	fired map[string]bool
}

func (r *hostileReport) fail(method, check, format string, args ...any) {
	r.t.Helper()
	msg := method + ": " + fmt.Sprintf(format, args...)
	for _, key := range []string{r.name + "/" + method + "/" + check, "*/" + method + "/" + check} {
		if why, ok := hostileKnown[key]; ok && !hostileStrict {
			r.fired[key] = true
			r.t.Logf("KNOWN BUG (%s): %s\n\t%s", key, msg, why)
			return
		}
	}
	r.t.Error(msg)
}

// hostileCheckArticle checks that every string of the article is valid
// UTF-8.
func hostileCheckArticle(r *hostileReport, method string, a *Article) {
	r.t.Helper()
	if a == nil {
		return
	}
	bad := map[string]int{}
	first := map[string]string{}
	check := func(field, s string) {
		if !utf8.ValidString(s) {
			if bad[field] == 0 {
				first[field] = s
			}
			bad[field]++
		}
	}
	fuzzArticleStrings(a, check)
	fields := make([]string, 0, len(bad))
	for f := range bad {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		r.fail(method, "utf8", "%s: %d strings not valid UTF-8, the first: %q", f, bad[f], cut(first[f], 100))
	}
}

// hostileCheckErr asserts that err is nil or one of the typed errors.
func hostileCheckErr(t *testing.T, method string, a *Article, err error) {
	t.Helper()
	var re *RuleError
	switch {
	case errors.As(err, &re):
		t.Errorf("%s: a rule panicked: %v", method, re)
	case err == nil:
		assert.NotNil(t, a, "%s: nil article without an error", method)
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrNoContent),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
	default:
		t.Errorf("%s: untyped error: %v", method, err)
	}
}

// hostileRow is one line of the summary table.
type hostileRow struct {
	name, method string
	size         int
	u            hostileUsage
	result       string
}

func (h hostileRow) String() string {
	n := float64(max(h.size, 1))
	return fmt.Sprintf("%-26s %-13s %10d %8.3f %8.3f %8.1f %8.1f  %s",
		h.name, h.method, h.size, h.u.elapsed.Seconds(), h.u.cpu.Seconds(),
		float64(h.u.peakInuse)/n, float64(h.u.totalAlloc)/n, h.result)
}

const hostileHeader = "case                       method              size   wall s    cpu s  peak/B  alloc/B  result"

// hostileCall runs fn under hostileMeasure, turning a panic into a test
// failure, and checks the result, the budgets and the article's strings.
func hostileCall(r *hostileReport, method string, size int, fn func() (*Article, error)) (hostileRow, *Article, error) {
	t := r.t
	t.Helper()
	var a *Article
	var err error
	var panicked any
	u := hostileMeasure(func() {
		defer func() {
			if v := recover(); v != nil {
				panicked = fmt.Sprintf("%v\n%s", v, debug.Stack())
			}
		}()
		a, err = fn()
	})
	if panicked != nil {
		t.Fatalf("%s: panic: %v", method, panicked)
	}
	res := "ok"
	switch {
	case err != nil:
		res = "error: " + err.Error()
		if i := strings.IndexByte(res, '\n'); i >= 0 {
			res = res[:i]
		}
		res = cut(res, 70)
	case a != nil:
		res = fmt.Sprintf("ok, text %d B", len(a.Text))
		if a.Truncated {
			res += ", truncated"
		}
	}
	row := hostileRow{name: r.name, method: method, size: size, u: u, result: res}
	t.Log(row)
	elapsed := min(u.elapsed, u.cpu)
	if u.cpu <= 0 {
		elapsed = u.elapsed
	}
	if budget := hostileTimeBudget(size); elapsed > budget {
		r.fail(method, "time", "took %v (wall %v, CPU %v), budget %v", elapsed, u.elapsed, u.cpu, budget)
	}
	if budget := hostileMemBudget(size); u.peakInuse > budget {
		r.fail(method, "memory", "peak heap %d MiB (%.1f B/B), budget %d MiB", u.peakInuse>>20, float64(u.peakInuse)/float64(max(size, 1)), budget>>20)
	}
	hostileCheckErr(t, method, a, err)
	hostileCheckArticle(r, method, a)
	return row, a, err
}

func TestHostile(t *testing.T) {
	var rows []hostileRow
	fired := map[string]bool{}
	for _, hc := range hostileCases(t) {
		t.Run(hc.name, func(t *testing.T) {
			if hc.big && (testing.Short() || raceDetectorOn) {
				t.Skip("big input: skipped under -short and -race")
			}
			r := &hostileReport{t: t, name: hc.name, fired: fired}
			c, err := New(hc.opts...)
			require.NoError(t, err)
			input := hc.gen()
			if raceDetectorOn && len(input) > hostileRaceMax {
				t.Skipf("%d bytes: inputs over %d bytes are skipped under -race", len(input), hostileRaceMax)
			}
			ctx := context.Background()

			row, a, err := hostileCall(r, "Clean", len(input), func() (*Article, error) {
				return c.Clean(ctx, bytes.NewReader(input), "https://example.com/hostile")
			})
			rows = append(rows, row)
			if hc.wantErr != nil {
				assert.ErrorIs(t, err, hc.wantErr)
			} else if !errors.Is(err, ErrNoContent) {
				assert.NoError(t, err)
			}
			if a != nil {
				assert.Equal(t, hc.truncated, a.Truncated, "Truncated")
				for _, w := range hc.want {
					assert.Contains(t, a.Text, w)
				}
			}

			// The same page parsed by goquery, when it parses it:
			// x/net/html refuses pages nested deeper than 512 elements.
			if !hc.noDoc {
				doc, perr := goquery.NewDocumentFromReader(bytes.NewReader(input))
				if perr != nil {
					t.Logf("CleanDocument: goquery does not parse it: %v", perr)
					rows = append(rows, hostileRow{name: hc.name, method: "CleanDocument", size: len(input), result: "goquery: " + cut(perr.Error(), 60)})
				} else {
					row, _, _ := hostileCall(r, "CleanDocument", len(input), func() (*Article, error) {
						return c.CleanDocument(ctx, doc, "https://example.com/hostile")
					})
					rows = append(rows, row)
				}
			}

			if hc.text {
				s := string(input)
				row, _, _ := hostileCall(r, "CleanText", len(input), func() (*Article, error) {
					return c.CleanText(ctx, s)
				})
				rows = append(rows, row)
			}
		})
	}
	var sb strings.Builder
	sb.WriteString("summary (peak and alloc in bytes per input byte; time budget on min(wall, cpu)):\n" + hostileHeader + "\n")
	for _, row := range rows {
		sb.WriteString(row.String() + "\n")
	}
	t.Log(sb.String())
	if !testing.Short() && !raceDetectorOn {
		for key := range hostileKnown {
			if !fired[key] {
				t.Logf("known bug %q did not show in this run: remove it from hostileKnown if it is fixed", key)
			}
		}
	}
}
