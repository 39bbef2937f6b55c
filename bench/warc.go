package main

import (
	"bufio"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

// warcWriter writes WARC/1.1 records, each as its own gzip member, so that
// a reader can seek to any record (the usual .warc.gz layout).
type warcWriter struct {
	w    io.Writer
	date time.Time
}

// writeResponse writes one response record: an HTTP/1.1 200 response whose
// body is the page, served as UTF-8 HTML, captured from uri. pageID names
// the page in the bench's datasets ("dataset/id"); it goes to the record's
// WARC-Record-ID (a name-based UUID, so the file is the same run after run
// but for its dates) and to a Bench-Page-ID extension field, since
// several pages of a dataset may share one URL.
func (ww *warcWriter) writeResponse(uri, pageID string, body []byte) error {
	if uri == "" {
		uri = "urn:x-bench-page:" + pageID // the field is mandatory in a response record
	}
	httpHead := "HTTP/1.1 200 OK\r\n" +
		"Content-Type: text/html; charset=utf-8\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n" +
		"\r\n"
	block := sha1.New()
	io.WriteString(block, httpHead)
	block.Write(body)
	payload := sha1.Sum(body)

	head := "WARC/1.1\r\n" +
		"WARC-Type: response\r\n" +
		"WARC-Record-ID: <urn:uuid:" + nameUUID(pageID) + ">\r\n" +
		"WARC-Date: " + ww.date.UTC().Format(time.RFC3339) + "\r\n" +
		"WARC-Target-URI: " + uri + "\r\n" +
		"WARC-Block-Digest: sha1:" + base32.StdEncoding.EncodeToString(block.Sum(nil)) + "\r\n" +
		"WARC-Payload-Digest: sha1:" + base32.StdEncoding.EncodeToString(payload[:]) + "\r\n" +
		"Bench-Page-ID: " + pageID + "\r\n" +
		"Content-Type: application/http; msgtype=response\r\n" +
		"Content-Length: " + strconv.Itoa(len(httpHead)+len(body)) + "\r\n" +
		"\r\n"

	zw := gzip.NewWriter(ww.w)
	for _, part := range [][]byte{[]byte(head), []byte(httpHead), body, []byte("\r\n\r\n")} {
		if _, err := zw.Write(part); err != nil {
			return err
		}
	}
	return zw.Close()
}

// nameUUID returns a version-5-style UUID made from the SHA-1 of name.
func nameUUID(name string) string {
	h := sha1.Sum([]byte("boilerfree-bench:" + name))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

// writeWARC writes every page of the datasets that has HTML, in dataset and
// id order, to path as a .warc.gz. It returns the number of records.
func writeWARC(path string, datasets []*Dataset) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	ww := &warcWriter{w: bw, date: time.Now()}
	n := 0
	for _, d := range datasets {
		for _, p := range d.Pages {
			if p.HTML == nil {
				continue
			}
			if err := ww.writeResponse(p.URL, d.Name+"/"+p.ID, p.HTML); err != nil {
				f.Close()
				return n, err
			}
			n++
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return n, err
	}
	return n, f.Close()
}
