package main

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/boilerfree/cleaner"
)

// A WARC file is written by hand in these tests: the records are short
// strings, and some of them are broken on purpose.

// warcRec is a record to write.
type warcRec struct {
	typ, uri, ctype string
	id              string // default: derived from the position
	date            string // default: a fixed date
	extra           string // more header lines, each ending in "\r\n"
	block           []byte
	length          int // Content-Length; default len(block); -1 leaves the field out
}

func (r warcRec) bytes(i int) []byte {
	id, date := r.id, r.date
	if id == "" {
		id = fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", i)
	}
	if date == "" {
		date = "2024-05-01T12:00:00Z"
	}
	var b bytes.Buffer
	b.WriteString("WARC/1.1\r\nWARC-Type: " + r.typ + "\r\nWARC-Record-ID: " + id + "\r\nWARC-Date: " + date + "\r\n")
	if r.uri != "" {
		b.WriteString("WARC-Target-URI: " + r.uri + "\r\n")
	}
	if r.ctype != "" {
		b.WriteString("Content-Type: " + r.ctype + "\r\n")
	}
	b.WriteString(r.extra)
	switch {
	case r.length == 0:
		b.WriteString("Content-Length: " + strconv.Itoa(len(r.block)) + "\r\n")
	case r.length > 0:
		b.WriteString("Content-Length: " + strconv.Itoa(r.length) + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(r.block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResp is an HTTP response block: a 200 with the given header lines
// ("Name: value", joined with CRLF) and body.
func httpResp(status int, header string, body []byte) []byte {
	s := fmt.Sprintf("HTTP/1.1 %d X\r\n", status)
	if header != "" {
		s += header + "\r\n"
	}
	s += "Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	return append([]byte(s), body...)
}

func response(uri, header string, body []byte) warcRec {
	return warcRec{typ: "response", uri: uri, ctype: "application/http; msgtype=response", block: httpResp(200, header, body)}
}

func gzipBytes(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// layout is how records are written to a file.
type layout int

const (
	plain     layout = iota
	perRecord        // one gzip member a record, as Common Crawl
	wholeFile        // one gzip member for the file
)

// members returns the records as written in the layout: one piece a record,
// to be concatenated (broken on purpose by some tests).
func members(t testing.TB, l layout, recs []warcRec) [][]byte {
	var out [][]byte
	for i, r := range recs {
		b := r.bytes(i)
		if l == perRecord {
			b = gzipBytes(t, b)
		}
		out = append(out, b)
	}
	if l == wholeFile {
		return [][]byte{gzipBytes(t, bytes.Join(out, nil))}
	}
	return out
}

func warcFile(t testing.TB, l layout, recs []warcRec) []byte {
	return bytes.Join(members(t, l, recs), nil)
}

func readTestdata(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", name))
	require.NoError(t, err)
	return b
}

// cp1252Page is the windows-1252 test page without its <meta> charset, so
// that the charset can only come from the HTTP header.
func cp1252Page(t testing.TB) []byte {
	b := readTestdata(t, "windows-1252/input.html")
	b = regexp.MustCompile(`(?i)<meta http-equiv="Content-Type"[^>]*>`).ReplaceAll(b, nil)
	require.NotContains(t, strings.ToLower(string(b)), "charset")
	require.Contains(t, string(b), "caf\xe9", "cp1252 bytes")
	return b
}

const (
	uriShare = "https://www.northfield-gazette.example/news/allotment-waiting-list"
	uriCafe  = "https://www.echo-littoral.example/actualites/cafe-du-port"
	uriTrain = "https://railnotes.example/2024/11/night-train-alps/"
)

// fixture is a small crawl: three HTML pages (one in windows-1252, one
// chunked and gzipped) among records that are skipped: warcinfo, request,
// an image, a redirect, metadata and a revisit.
func fixture(t testing.TB) []warcRec {
	var chunked bytes.Buffer
	gz := gzipBytes(t, readTestdata(t, "navigation-chrome/input.html"))
	for len(gz) > 0 {
		n := min(len(gz), 1000)
		fmt.Fprintf(&chunked, "%x\r\n%s\r\n", n, gz[:n])
		gz = gz[n:]
	}
	chunked.WriteString("0\r\n\r\n")
	return []warcRec{
		{typ: "warcinfo", ctype: "application/warc-fields", block: []byte("software: test\r\nformat: WARC File Format 1.1\r\n")},
		{typ: "request", uri: uriShare, ctype: "application/http; msgtype=request",
			block: []byte("GET /news/allotment-waiting-list HTTP/1.1\r\nHost: www.northfield-gazette.example\r\n\r\n")},
		response(uriShare, "Content-Type: text/html; charset=utf-8", readTestdata(t, "share-social/input.html")),
		response("https://www.northfield-gazette.example/img/allotments-1200.jpg", "Content-Type: image/png",
			[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR<html><body><p>not a page</p></body></html>")),
		response(uriCafe, "Content-Type: text/html; charset=windows-1252", cp1252Page(t)),
		{typ: "response", uri: "https://railnotes.example/old", ctype: "application/http; msgtype=response",
			block: httpResp(301, "Location: "+uriTrain+"\r\nContent-Type: text/html", []byte("<html><body><p>Moved</p></body></html>"))},
		{typ: "metadata", uri: uriShare, ctype: "application/warc-fields", block: []byte("outlink: " + uriTrain + "\r\n")},
		{typ: "response", uri: uriTrain, ctype: "application/http; msgtype=response",
			block: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked.String())},
		{typ: "revisit", uri: uriShare, ctype: "application/http; msgtype=response",
			extra: "WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest\r\n",
			block: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")},
	}
}

// fixtureSkipped is how many records of the fixture are not pages.
const fixtureSkipped = 6

func writeBytes(t testing.TB, path string, b []byte) string {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, b, 0o644))
	return path
}

func TestWARC(t *testing.T) {
	dir := t.TempDir()
	recs := fixture(t)
	var texts []string
	for _, l := range []struct {
		name   string
		layout layout
	}{{"crawl.warc.gz", perRecord}, {"crawl.warc", plain}, {"whole.warc.gz", wholeFile}} {
		t.Run(l.name, func(t *testing.T) {
			path := writeBytes(t, filepath.Join(dir, l.name), warcFile(t, l.layout, recs))
			c := runReal(t, "", "--format", "json", path)
			require.Equal(t, 0, c.code, c.stderr)
			assert.Regexp(t, fmt.Sprintf(`(?m)^3 pages, 0 errors, %d records skipped, [0-9.]+ MB, [0-9.]+ s, [0-9.]+ pages/s, [0-9.]+ MB/s$`, fixtureSkipped), c.stderr)
			recsOut := c.records(t)
			require.Len(t, recsOut, 3)
			for i, want := range []struct {
				idx        int
				uri, title string
				has        []string
				hasNot     []string
			}{
				{2, uriShare, "Allotment waiting list passes 900 names",
					[]string{"passed 900 for the first time", "mostly into halves"},
					[]string{"share button", "Share on LinkedIn"}},
				{4, uriCafe, "Le café du port rouvre après l’incendie",
					[]string{"Hélène Garçon", "ont coûté près de", "000 €", "“C’est le cœur du quartier”"}, []string{"\ufffd", "Ã"}},
				{7, uriTrain, "", []string{"A direct sleeper train between Brussels and Innsbruck"}, nil},
			} {
				r := recsOut[i]
				assert.Equal(t, path, r["source"])
				assert.Equal(t, want.uri, r["url"], "url is WARC-Target-URI")
				assert.Equal(t, fmt.Sprintf("<urn:uuid:00000000-0000-4000-8000-%012d>", want.idx), r["warc_record_id"])
				assert.Equal(t, "2024-05-01T12:00:00Z", r["fetched"])
				assert.Contains(t, r, "warc_offset")
				assert.NotContains(t, r, "error")
				if want.title != "" {
					assert.Equal(t, want.title, r["title"])
				} else {
					assert.NotEmpty(t, r["title"])
				}
				text, _ := r["text"].(string)
				for _, s := range want.has {
					assert.Contains(t, text, s, "record %d", want.idx)
				}
				for _, s := range want.hasNot {
					assert.NotContains(t, text, s, "record %d", want.idx)
				}
			}
			if l.layout == perRecord {
				// Offsets are those of the records' gzip members.
				off := 0
				ms := members(t, perRecord, recs)
				var want []any
				for i, m := range ms {
					if i == 2 || i == 4 || i == 7 {
						want = append(want, float64(off))
					}
					off += len(m)
				}
				assert.Equal(t, want, []any{recsOut[0]["warc_offset"], recsOut[1]["warc_offset"], recsOut[2]["warc_offset"]})
			}
			var sb strings.Builder
			for _, r := range recsOut {
				fmt.Fprintln(&sb, r["title"], r["text"])
			}
			texts = append(texts, sb.String())
		})
	}
	require.Len(t, texts, 3)
	assert.Equal(t, texts[0], texts[1], "the same pages, whatever the layout")
	assert.Equal(t, texts[0], texts[2], "the same pages, whatever the layout")
}

// TestWARCCharsetFromHeader checks that the page's Content-Type header
// reaches the Cleaner with the page URI.
func TestWARCCharsetFromHeader(t *testing.T) {
	path := writeBytes(t, filepath.Join(t.TempDir(), "a.warc.gz"), warcFile(t, perRecord, fixture(t)))
	var mu sync.Mutex
	seen := map[string]string{}
	eng := &fakeEngine{contentType: func(u, ct string) {
		mu.Lock()
		seen[u] = ct
		mu.Unlock()
	}}
	c := runFake(t, eng, nil, "--format", "json", path)
	require.Equal(t, 0, c.code, c.stderr)
	assert.Equal(t, map[string]string{
		uriShare: "text/html; charset=utf-8",
		uriCafe:  "text/html; charset=windows-1252",
		uriTrain: "text/html; charset=utf-8",
	}, seen)
	recs := c.records(t)
	require.Len(t, recs, 3)
	// The payload as served, decoded from gzip and chunks, not re-encoded.
	assert.True(t, strings.HasPrefix(recs[1]["text"].(string), "<!DOCTYPE html>"))
	assert.Contains(t, recs[1]["text"], "caf\ufffd", "cp1252 bytes are given to the Cleaner undecoded")
	assert.Contains(t, recs[2]["text"], "A direct sleeper train")
}

// TestWARCCorrupt: a broken gzip member in the middle of a file, a record
// without Content-Length, a block that is not HTTP, and a file cut in its
// last record. Each is an error line naming the file and the record, and
// the run goes on.
func TestWARCCorrupt(t *testing.T) {
	dir := t.TempDir()
	page := func(i int) warcRec {
		body := fmt.Sprintf("<html><head><title>Page %d</title></head><body><article><h1>Page %d</h1>%s</article></body></html>",
			i, i, strings.Repeat(fmt.Sprintf("<p>Paragraph of page %d with enough words in it to be taken as the article.</p>", i), 20))
		return response(fmt.Sprintf("https://example.com/%d", i), "Content-Type: text/html", []byte(body))
	}
	recs := []warcRec{page(0), page(1), page(2), page(3), page(4)}
	ms := members(t, perRecord, recs)
	// Member 1: damage the deflate data past the record's header.
	bad := append([]byte(nil), ms[1]...)
	for i := 200; i < 216; i++ {
		bad[i] = 0xff
	}
	ms[1] = bad
	// Member 3: not gzip data at all.
	ms[3] = []byte("this is not a gzip member\n")
	broken := writeBytes(t, filepath.Join(dir, "broken.warc.gz"), bytes.Join(ms, nil))
	// A file cut inside its last record.
	whole := warcFile(t, perRecord, recs[:3])
	cut := writeBytes(t, filepath.Join(dir, "cut.warc.gz"), whole[:len(whole)-100])
	// An uncompressed file: no Content-Length, a response that is not
	// HTTP, a Content-Length too short, and the end cut.
	noLength := page(11)
	noLength.length = -1
	short := page(13)
	short.length = 300
	notHTTP := warcRec{typ: "response", uri: "dns:example.com", ctype: "application/http; msgtype=response", block: []byte("20240501120000\nexample.com. 300 IN A 93.184.216.34\n")}
	plainWARC := warcFile(t, plain, []warcRec{page(10), noLength, page(12), notHTTP, short, page(14), page(15)})
	plainPath := writeBytes(t, filepath.Join(dir, "plain.warc"), plainWARC[:len(plainWARC)-50])
	html := writeBytes(t, filepath.Join(dir, "after.html"), []byte("<html><body><p>After the WARC files.</p></body></html>"))

	c := runFake(t, &fakeEngine{}, nil, "--format", "json", broken, cut, plainPath, html)
	assert.Equal(t, 1, c.code)
	out := c.records(t)
	type line struct{ source, url, err string }
	var got []line
	for _, r := range out {
		e, _ := r["error"].(string)
		got = append(got, line{filepath.Base(r["source"].(string)), fmt.Sprint(r["url"]), e})
		if e != "" {
			assert.Contains(t, r, "warc_offset", "%v", r)
		}
	}
	u := func(i int) string { return fmt.Sprintf("https://example.com/%d", i) }
	require.Len(t, got, 17, "%q", got)
	assert.Equal(t, line{"broken.warc.gz", u(0), ""}, got[0])
	assert.Equal(t, "broken.warc.gz", got[1].source)
	assert.Equal(t, u(1), got[1].url, "the header of the damaged record was read")
	assert.NotEmpty(t, got[1].err)
	assert.Equal(t, line{"broken.warc.gz", u(2), ""}, got[2])
	assert.Equal(t, "broken.warc.gz", got[3].source)
	assert.Contains(t, got[3].err, "gzip: invalid header")
	assert.Equal(t, line{"broken.warc.gz", u(4), ""}, got[4])

	assert.Equal(t, line{"cut.warc.gz", u(0), ""}, got[5])
	assert.Equal(t, line{"cut.warc.gz", u(1), ""}, got[6])
	assert.Equal(t, line{"cut.warc.gz", u(2), "truncated: the file ends inside the record"}, got[7])

	assert.Equal(t, line{"plain.warc", u(10), ""}, got[8])
	assert.Equal(t, line{"plain.warc", u(11), "WARC header without Content-Length"}, got[9])
	assert.Equal(t, line{"plain.warc", u(12), ""}, got[10])
	assert.Equal(t, line{"plain.warc", "dns:example.com", `not an HTTP response: starts with "20240501120000"`}, got[11])
	assert.Equal(t, line{"plain.warc", u(13), ""}, got[12], "a block cut short is still a page")
	assert.Equal(t, "plain.warc", got[13].source)
	assert.Contains(t, got[13].err, "not a WARC record", "the rest of the short block")
	assert.Equal(t, line{"plain.warc", u(14), ""}, got[14])
	assert.Equal(t, line{"plain.warc", u(15), "truncated: the file ends inside the record"}, got[15])

	assert.Equal(t, line{"after.html", "", ""}, got[16])
	assert.Regexp(t, `(?m)^17 pages, 7 errors, 0 records skipped, `, c.stderr)

	// Text format: the errors go to stderr with the record's offset, ID and URI.
	c = runFake(t, &fakeEngine{}, nil, cut)
	assert.Equal(t, 1, c.code)
	assert.Regexp(t, `(?m)^cleaner: `+regexp.QuoteMeta(cut)+`: record at offset [0-9]+ <urn:uuid:[0-9a-f-]+> https://example.com/2: truncated: the file ends inside the record$`, c.stderr)
	assert.Contains(t, c.stdout, "==> "+cut+" https://example.com/1 <==\n")
}

func TestWARCDetect(t *testing.T) {
	dir := t.TempDir()
	data := warcFile(t, plain, fixture(t))
	gz := warcFile(t, perRecord, fixture(t))
	files := map[string][]byte{
		"a.warc":      data,
		"b.warc.gz":   gz,
		"c.bin":       data,                   // by content
		"d.dat":       gz,                     // by content, in a gzip member
		"e.html":      data,                   // by content, whatever the name
		"f.html.gz":   gzipBytes(t, gz[:0]),   // empty gzip: not a WARC file
		"g.warc.html": []byte("<p>Hello</p>"), // not by name
	}
	for name, b := range files {
		writeBytes(t, filepath.Join(dir, name), b)
	}
	c := runFake(t, &fakeEngine{}, nil, "--format", "json", dir)
	require.Equal(t, 0, c.code, c.stderr)
	count := map[string]int{}
	for _, r := range c.records(t) {
		count[filepath.Base(r["source"].(string))]++
	}
	assert.Equal(t, map[string]int{"a.warc": 3, "b.warc.gz": 3, "c.bin": 3, "d.dat": 3, "e.html": 3, "f.html.gz": 1, "g.warc.html": 1}, count)

	// The standard input, plain or gzipped.
	for _, in := range [][]byte{data, gz} {
		c = runFake(t, &fakeEngine{}, bytes.NewReader(in), "--format", "json")
		require.Equal(t, 0, c.code, c.stderr)
		recs := c.records(t)
		require.Len(t, recs, 3)
		assert.Equal(t, "-", recs[0]["source"])
		assert.Contains(t, c.stderr, fmt.Sprintf("%d records skipped", fixtureSkipped))
	}

	// --from html reads a WARC file as one page; --from warc reads any
	// file as WARC.
	c = runFake(t, &fakeEngine{}, nil, "--format", "json", "--from", "html", filepath.Join(dir, "a.warc"))
	require.Len(t, c.records(t), 1)
	assert.Equal(t, "html: WARC/1.1\r", c.records(t)[0]["title"])
	c = runFake(t, &fakeEngine{}, nil, "--format", "json", "--from", "warc", filepath.Join(dir, "g.warc.html"))
	assert.Equal(t, 1, c.code)
	require.Len(t, c.records(t), 1)
	assert.Contains(t, c.records(t)[0]["error"], "not a WARC record")
}

// testPages returns a WARC of every HTML page of testdata/.
func testPages(t testing.TB) []warcRec {
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*", "input.html"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	var recs []warcRec
	for _, p := range paths {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		uri := "https://example.com/" + filepath.Base(filepath.Dir(p))
		if u, err := os.ReadFile(filepath.Join(filepath.Dir(p), "url.txt")); err == nil {
			uri = strings.TrimSpace(string(u))
		}
		recs = append(recs, response(uri, "Content-Type: text/html", b))
	}
	return recs
}

// TestWARCParallel checks that the output does not depend on -j.
func TestWARCParallel(t *testing.T) {
	recs := testPages(t)
	path := writeBytes(t, filepath.Join(t.TempDir(), "pages.warc.gz"), warcFile(t, perRecord, recs))
	one := runReal(t, "", "--format", "json", "-j", "1", path)
	four := runReal(t, "", "--format", "json", "-j", "4", path)
	require.Equal(t, 0, one.code, one.stderr)
	assert.Len(t, one.records(t), len(recs))
	assert.Equal(t, one.stdout, four.stdout)

	text1 := runReal(t, "", "-j", "1", path)
	text4 := runReal(t, "", "-j", "4", path)
	assert.Equal(t, text1.stdout, text4.stdout)
}

// countingStdin counts the bytes the command has read from it.
type countingStdin struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingStdin) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// manyRecords is an uncompressed WARC of n pages of about size bytes.
func manyRecords(t testing.TB, n, size int) []byte {
	var b bytes.Buffer
	for i := range n {
		body := fmt.Sprintf("Page %d\n%s", i, strings.Repeat("Some words of text. ", size/20))
		b.Write(response(fmt.Sprintf("https://example.com/%d", i), "Content-Type: text/html", []byte(body)).bytes(i))
	}
	return b.Bytes()
}

// TestWARCStreams checks that records are read as they are cleaned: while
// the first page is held, the command has read only the records of its
// window (2*j) and its buffers from the input.
func TestWARCStreams(t *testing.T) {
	const n, size = 1000, 8 << 10
	data := manyRecords(t, n, size)
	in := &countingStdin{r: bytes.NewReader(data)}
	release := make(chan struct{})
	var started, running, most atomic.Int32
	eng := &fakeEngine{do: func(ctx context.Context, kind, data, _ string) (*cleaner.Article, error) {
		r := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
		}
		if strings.HasPrefix(data, "Page 0\n") {
			<-release
		} else {
			started.Add(1)
		}
		first, _, _ := strings.Cut(data, "\n")
		return &cleaner.Article{Title: first}, nil
	}}
	var wg sync.WaitGroup
	var c cli
	wg.Go(func() { c = runFake(t, eng, in, "-j", "2", "--format", "json") })

	deadline := time.Now().Add(5 * time.Second)
	for started.Load() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // give a runaway reader time to show
	read := in.n.Load()
	assert.Equal(t, int32(3), started.Load(), "page 0 and 3 more in flight")
	close(release)
	wg.Wait()
	require.Equal(t, 0, c.code, c.stderr)
	t.Logf("read %d of %d bytes while the first page was held", read, len(data))
	// The window's records, one more being read, and the buffers.
	assert.Less(t, read, int64(6*(size+300)+2*warcBufSize))
	assert.LessOrEqual(t, most.Load(), int32(2), "at most -j pages at once")
	recs := c.records(t)
	require.Len(t, recs, n)
	for i, r := range recs {
		if !assert.Equal(t, fmt.Sprintf("Page %d", i), r["title"]) {
			break
		}
	}
}

// TestWARCMemory streams a large WARC file (50 MB of records) and checks
// that the live heap (as marked by each GC) stays small: records are not
// held after they are written.
func TestWARCMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 50 MB through gzip")
	}
	const n, size = 2000, 25 << 10
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	require.NoError(t, err)
	_, err = zw.Write(manyRecords(t, n, size))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	path := writeBytes(t, filepath.Join(t.TempDir(), "big.warc.gz"), buf.Bytes())
	buf = bytes.Buffer{}

	eng := &fakeEngine{do: func(ctx context.Context, kind, data, _ string) (*cleaner.Article, error) {
		first, _, _ := strings.Cut(data, "\n")
		return &cleaner.Article{Title: first, Text: data}, nil
	}}
	runtime.GC()
	var peak, gcs uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			gcs = sample[1].Value.Uint64()
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	})
	out, err := os.Create(filepath.Join(t.TempDir(), "out.json"))
	require.NoError(t, err)
	defer out.Close()
	var errOut bytes.Buffer
	factory := func(...cleaner.Option) (engine, error) { return eng, nil }
	code := runWith(context.Background(), []string{"-j", "4", "--format", "json", path}, nil, out, &errOut, factory)
	close(stop)
	wg.Wait()
	require.Equal(t, 0, code, errOut.String())
	assert.Contains(t, errOut.String(), fmt.Sprintf("%d pages, 0 errors", n))
	t.Logf("live heap at most %d MB for %d MB of records (%d GC cycles)", peak>>20, n*size>>20, gcs)
	assert.Greater(t, gcs, uint64(5), "enough collections to see the live heap")
	assert.Less(t, peak, uint64(16<<20), "the heap does not grow with the file")
}

func TestWARCMaxBytes(t *testing.T) {
	long := []byte("<html><body><article>" + strings.Repeat("<p>A long page of many words.</p>", 200) + "</article></body></html>")
	recs := []warcRec{
		response("https://example.com/long", "Content-Type: text/html", long),
		response("https://example.com/gz", "Content-Type: text/html\r\nContent-Encoding: gzip", gzipBytes(t, long)),
		response("https://example.com/short", "Content-Type: text/html", []byte("<p>short</p>")),
		response("https://example.com/cut-by-crawler", "Content-Type: text/html", []byte("<p>cut</p>")),
	}
	recs[3].extra = "WARC-Truncated: length\r\n"
	path := writeBytes(t, filepath.Join(t.TempDir(), "a.warc.gz"), warcFile(t, perRecord, recs))
	c := runFake(t, &fakeEngine{}, nil, "--format", "json", "--max-bytes", "1KiB", path)
	require.Equal(t, 0, c.code, c.stderr)
	out := c.records(t)
	require.Len(t, out, 4)
	for i, want := range []bool{true, true, false, true} {
		assert.Equal(t, want, out[i]["truncated"] == true, "record %d", i)
	}
	assert.Len(t, out[0]["text"], 1024)
	assert.Len(t, out[1]["text"], 1024, "the decoded payload is capped")
}

func TestWARCEncodings(t *testing.T) {
	body := []byte("<html><body><p>Encoded page.</p></body></html>")
	var zl, raw bytes.Buffer
	zw := zlib.NewWriter(&zl)
	zw.Write(body)
	zw.Close()
	fw, _ := flate.NewWriter(&raw, flate.DefaultCompression)
	fw.Write(body)
	fw.Close()
	recs := []warcRec{
		response("https://example.com/zlib", "Content-Type: text/html\r\nContent-Encoding: deflate", zl.Bytes()),
		response("https://example.com/raw", "Content-Type: text/html\r\nContent-Encoding: deflate", raw.Bytes()),
		response("https://example.com/br", "Content-Type: text/html\r\nContent-Encoding: br", []byte("\x1b\x00")),
		response("https://example.com/sniffed", "", body),
		response("https://example.com/octet", "Content-Type: application/octet-stream", body),
		response("https://example.com/binary", "Content-Type: application/octet-stream", []byte("\x00\x01binary")),
		response("https://example.com/xhtml", "Content-Type: application/xhtml+xml", body),
		response("https://example.com/json", "Content-Type: application/json", []byte(`{"a":1}`)),
		response("https://example.com/bad-gzip", "Content-Type: text/html\r\nContent-Encoding: gzip", []byte("this is not gzip data")),
	}
	path := writeBytes(t, filepath.Join(t.TempDir(), "a.warc"), warcFile(t, plain, recs))
	c := runFake(t, &fakeEngine{}, nil, "--format", "json", path)
	assert.Equal(t, 1, c.code)
	out := c.records(t)
	var got []string
	for _, r := range out {
		got = append(got, fmt.Sprintf("%s %v %v", strings.TrimPrefix(r["url"].(string), "https://example.com/"), r["text"], r["error"]))
	}
	page := string(body)
	assert.Equal(t, []string{
		"zlib " + page + " <nil>",
		"raw " + page + " <nil>",
		`br  unsupported Content-Encoding "br"`,
		"sniffed " + page + " <nil>",
		"octet " + page + " <nil>",
		"xhtml " + page + " <nil>",
		"bad-gzip  HTTP payload: gzip: invalid header",
	}, got)
	assert.Contains(t, c.stderr, "2 records skipped")
}

func TestWARCTimeout(t *testing.T) {
	path := writeBytes(t, filepath.Join(t.TempDir(), "a.warc.gz"), warcFile(t, perRecord, fixture(t)))
	slow := &fakeEngine{do: func(ctx context.Context, _, _, u string) (*cleaner.Article, error) {
		if u == uriCafe {
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return &cleaner.Article{Title: "ok"}, nil
	}}
	c := runFake(t, slow, nil, "--format", "json", "--timeout", "20ms", path)
	assert.Equal(t, 1, c.code)
	out := c.records(t)
	require.Len(t, out, 3)
	assert.Equal(t, "ok", out[0]["title"])
	assert.Equal(t, "timed out after 20ms", out[1]["error"])
	assert.Equal(t, uriCafe, out[1]["url"])
	assert.Equal(t, "<urn:uuid:00000000-0000-4000-8000-000000000004>", out[1]["warc_record_id"])
	assert.Equal(t, "ok", out[2]["title"])
}

func TestWARCDate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-05-01T12:00:00Z":        "2024-05-01T12:00:00Z",
		"2024-05-01T12:00:00.250Z":    "2024-05-01T12:00:00.25Z",
		"2024-05-01T14:00:00+02:00":   "2024-05-01T12:00:00Z",
		"20080102030405":              "2008-01-02T03:04:05Z",
		"yesterday":                   "",
		"":                            "",
		"2024-05-01 12:00:00 +0000 Z": "",
	} {
		assert.Equal(t, want, warcDate(in), in)
	}
}

// TestWARCResync checks the reader alone on broken gzip data: random bytes
// between members, a member cut in two, and a false gzip magic.
func TestWARCResync(t *testing.T) {
	recs := []warcRec{
		response("https://example.com/0", "Content-Type: text/html", []byte("<p>zero</p>")),
		response("https://example.com/1", "Content-Type: text/html", []byte("<p>one</p>")),
		response("https://example.com/2", "Content-Type: text/html", []byte("<p>two</p>")),
	}
	ms := members(t, perRecord, recs)
	var b bytes.Buffer
	b.Write(ms[0])
	junkAt := b.Len()
	b.Write([]byte("junk data, then a false magic \x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff and more junk"))
	halfAt := b.Len()
	b.Write(ms[1][:len(ms[1])/2]) // half a member: the decompressor reads on into the next one
	nextAt := b.Len()
	b.Write(ms[2])
	cr := &countingReader{r: bytes.NewReader(b.Bytes())}
	w := newWARCReader(bufioReader(cr), cr)
	var got []string
	for {
		rec, err := w.Next()
		if err == io.EOF {
			break
		}
		if we, ok := err.(*warcError); ok {
			got = append(got, fmt.Sprintf("error at %d: %v", we.rec.offset, we.err))
			continue
		}
		require.NoError(t, err)
		got = append(got, fmt.Sprintf("%s at %d", rec.uri, rec.offset))
	}
	require.Len(t, got, 4, "%q", got)
	assert.Equal(t, "https://example.com/0 at 0", got[0])
	assert.Equal(t, fmt.Sprintf("error at %d: gzip: invalid header", junkAt), got[1])
	assert.Regexp(t, fmt.Sprintf("^error at %d: ", halfAt), got[2])
	assert.Equal(t, fmt.Sprintf("https://example.com/2 at %d", nextAt), got[3])
	t.Log(got[2])
}

func bufioReader(r io.Reader) *bufio.Reader { return bufio.NewReaderSize(r, warcBufSize) }
