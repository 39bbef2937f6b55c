package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestWARCRoundTrip writes two pages and reads the file back member by
// member: one gzip member per record, WARC/1.1 response headers, an HTTP
// response whose body is the page.
func TestWARCRoundTrip(t *testing.T) {
	pages := []Page{
		{ID: "a", URL: "https://example.test/a", HTML: []byte("<html><body>Ünïcödé a</body></html>")},
		{ID: "b", URL: "", HTML: []byte("<p>b</p>")},
		{ID: "c", URL: "https://example.test/c"}, // no HTML: skipped
	}
	path := filepath.Join(t.TempDir(), "x.warc.gz")
	n, err := writeWARC(path, []*Dataset{{Name: "ds", Pages: pages}})
	if err != nil || n != 2 {
		t.Fatalf("writeWARC: %d records, %v", n, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(bytes.NewReader(data))
	for i, p := range pages[:2] {
		zr, err := gzip.NewReader(br)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		zr.Multistream(false)
		rec, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		head, rest, ok := strings.Cut(string(rec), "\r\n\r\n")
		if !ok || !strings.HasPrefix(head, "WARC/1.1\r\n") {
			t.Fatalf("record %d: bad header %q", i, head)
		}
		fields := map[string]string{}
		for _, l := range strings.Split(head, "\r\n")[1:] {
			k, v, _ := strings.Cut(l, ": ")
			fields[k] = v
		}
		wantURI := p.URL
		if wantURI == "" {
			wantURI = "urn:x-bench-page:ds/" + p.ID
		}
		if fields["WARC-Type"] != "response" || fields["WARC-Target-URI"] != wantURI ||
			fields["Content-Type"] != "application/http; msgtype=response" || fields["Bench-Page-ID"] != "ds/"+p.ID ||
			!strings.HasPrefix(fields["WARC-Record-ID"], "<urn:uuid:") {
			t.Errorf("record %d: fields %v", i, fields)
		}
		length, _ := strconv.Atoi(fields["Content-Length"])
		if len(rest) != length+4 || !strings.HasSuffix(rest, "\r\n\r\n") {
			t.Fatalf("record %d: block of %d bytes, Content-Length %d", i, len(rest), length)
		}
		resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(rest[:length])), nil)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || resp.Proto != "HTTP/1.1" || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || !bytes.Equal(body, p.HTML) {
			t.Errorf("record %d: %s %v body %q", i, resp.Status, resp.Header, body)
		}
	}
	if _, err := gzip.NewReader(br); err != io.EOF {
		t.Errorf("after the last record: %v, want EOF", err)
	}
}
