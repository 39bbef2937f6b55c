package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests of the parallel reading of .warc.gz files compare it with the
// serial reader, which reads the same bytes from the standard input.

// storedGzip is b as a gzip member of stored (uncompressed) deflate
// blocks: b's bytes are in it as they are.
func storedGzip(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.NoCompression)
	require.NoError(t, err)
	_, err = zw.Write(b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// chunkStarts counts the places where the dispatcher cuts data.
func chunkStarts(data []byte) int {
	p := new(chunkProbe)
	n := 0
	for i := range data {
		if ok, _, _ := p.startsChunk(data[i:]); ok {
			n++
		}
	}
	return n
}

var countsRE = regexp.MustCompile(`(?m)^\d+ pages, \d+ errors, \d+ records skipped`)

// sameAsSerial writes data to a file named name and checks that the
// command gives the same output for it with -j 1 and -j 4, with and
// without checkSingle, with the chunks decompressed by the workers or by
// the dispatcher, as for the same bytes read serially from the standard
// input: the same JSON lines (but for the source), counts and
// exit status. It returns the records.
func sameAsSerial(t *testing.T, name string, data []byte) []map[string]any {
	t.Helper()
	path := writeBytes(t, filepath.Join(t.TempDir(), name), data)
	serial := runFake(t, &fakeEngine{}, bytes.NewReader(data), "--format", "json", "--from", "warc", "-j", "2")
	src, err := json.Marshal(path)
	require.NoError(t, err)
	want := strings.ReplaceAll(serial.stdout, `{"source":"-"`, `{"source":`+string(src))
	require.NotEmpty(t, countsRE.FindString(serial.stderr), serial.stderr)
	// With checkSingle off, every chunk goes to a job, whatever it holds:
	// the path of a chunk cut short by a false header. Chunks are
	// decompressed by the workers, or by the dispatcher.
	defer func(c bool, d int) { checkSingle, chunkDecode = c, d }(checkSingle, chunkDecode)
	for _, checkSingle = range []bool{true, false} {
		for _, chunkDecode = range []int{decodeNever, decodeAlways} {
			for _, j := range []string{"1", "4"} {
				mode := fmt.Sprintf("-j %s, checkSingle %v, chunkDecode %d", j, checkSingle, chunkDecode)
				c := runFake(t, &fakeEngine{}, nil, "--format", "json", "-j", j, path)
				assert.Equal(t, serial.code, c.code, "%s: %s", mode, c.stderr)
				assert.Equal(t, want, c.stdout, mode)
				assert.Equal(t, countsRE.FindString(serial.stderr), countsRE.FindString(c.stderr), mode)
			}
		}
	}
	return serial.records(t)
}

func uris(recs []map[string]any) []string {
	var out []string
	for _, r := range recs {
		s := fmt.Sprint(r["url"])
		if e, ok := r["error"]; ok {
			s += " error: " + fmt.Sprint(e)
		}
		out = append(out, s)
	}
	return out
}

func chunkPage(i int, body string) warcRec {
	return response(fmt.Sprintf("https://example.com/%d", i), "Content-Type: text/html",
		[]byte(fmt.Sprintf("<html><body><p>Page %d</p>%s</body></html>", i, body)))
}

// TestWARCChunksSameAsSerial: the WARC files of the other tests, whole or
// broken, give the same output read in chunks as read serially.
func TestWARCChunksSameAsSerial(t *testing.T) {
	recs := fixture(t)
	t.Run("fixture", func(t *testing.T) {
		out := sameAsSerial(t, "a.warc.gz", warcFile(t, perRecord, recs))
		assert.Len(t, out, 3)
	})
	t.Run("whole-file", func(t *testing.T) {
		out := sameAsSerial(t, "a.warc.gz", warcFile(t, wholeFile, recs))
		assert.Len(t, out, 3)
	})
	t.Run("pages", func(t *testing.T) {
		pages := testPages(t)
		out := sameAsSerial(t, "a.warc.gz", warcFile(t, perRecord, pages))
		assert.Len(t, out, len(pages))
	})

	var ps []warcRec
	for i := range 5 {
		ps = append(ps, chunkPage(i, strings.Repeat("<p>Some words.</p>", 50)))
	}
	t.Run("corrupt", func(t *testing.T) {
		ms := members(t, perRecord, ps)
		bad := append([]byte(nil), ms[1]...)
		for i := 200; i < 216 && i < len(bad); i++ {
			bad[i] = 0xff
		}
		ms[1] = bad
		ms[3] = []byte("this is not a gzip member\n")
		out := uris(sameAsSerial(t, "a.warc.gz", bytes.Join(ms, nil)))
		require.Len(t, out, 6, "%q", out)
		assert.Equal(t, "https://example.com/2", out[3])
		assert.Equal(t, " error: gzip: invalid header", out[4])
		assert.Equal(t, "https://example.com/4", out[5])
	})
	t.Run("truncated", func(t *testing.T) {
		whole := warcFile(t, perRecord, ps)
		out := sameAsSerial(t, "a.warc.gz", whole[:len(whole)-100])
		require.Len(t, out, 5)
		assert.Equal(t, "truncated: the file ends inside the record", out[4]["error"])
		// Cut in the header of the last member, and just after it.
		last := len(whole) - len(members(t, perRecord, ps)[4])
		sameAsSerial(t, "b.warc.gz", whole[:last+5])
		sameAsSerial(t, "c.warc.gz", whole[:last+memberHeaderLen])
	})
	t.Run("resync", func(t *testing.T) {
		// As in TestWARCResync: junk with a false magic, half a member.
		ms := members(t, perRecord, ps[:3])
		var b bytes.Buffer
		b.Write(ms[0])
		b.WriteString("junk data, then a false magic \x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff and more junk")
		b.Write(ms[1][:len(ms[1])/2])
		b.Write(ms[2])
		out := uris(sameAsSerial(t, "a.warc.gz", b.Bytes()))
		require.NotEmpty(t, out)
		assert.Equal(t, "https://example.com/2", out[len(out)-1])
	})
	t.Run("odd-header", func(t *testing.T) {
		// Members whose header does not look like one (XFL 7, OS 200)
		// are read with the chunk before them.
		ms := members(t, perRecord, ps)
		for _, i := range []int{1, 2, 4} {
			m := append([]byte(nil), ms[i]...)
			m[8], m[9] = 7, 200
			ms[i] = m
		}
		data := bytes.Join(ms, nil)
		assert.Equal(t, 2, chunkStarts(data))
		out := sameAsSerial(t, "a.warc.gz", data)
		assert.Len(t, out, 5)
	})
}

// TestWARCChunksFalseHeader: records whose compressed data hold the bytes
// of a gzip member header, and even a whole member of a WARC record: the
// dispatcher cuts the file there, and the member cut short is read on into
// the next chunks, whose jobs are dropped.
func TestWARCChunksFalseHeader(t *testing.T) {
	inner := gzipBytes(t, response("https://example.com/inner", "Content-Type: text/html", []byte("<p>inner</p>")).bytes(99))
	falseHeader := "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
	recs := []warcRec{
		chunkPage(0, ""),
		chunkPage(1, "<p>before</p>"+string(inner)+"<p>after</p>"),
		chunkPage(2, ""),
		chunkPage(3, "<p>"+falseHeader+" and garbage, then another "+falseHeader+"</p>"),
		chunkPage(4, "<p>"+string(inner)+"</p>"),
	}
	ms := members(t, perRecord, recs)
	for _, i := range []int{1, 3, 4} {
		ms[i] = storedGzip(t, recs[i].bytes(i)) // the bytes as they are
	}
	data := bytes.Join(ms, nil)
	require.True(t, bytes.Contains(data, inner))
	require.Equal(t, len(ms)+2, chunkStarts(data), "the inner member is taken for a chunk's start, twice")

	out := sameAsSerial(t, "a.warc.gz", data)
	assert.Equal(t, []string{"https://example.com/0", "https://example.com/1", "https://example.com/2",
		"https://example.com/3", "https://example.com/4"}, uris(out))
	assert.Contains(t, out[1]["text"], "<p>after</p>")

	// The file cut in the last record, after the member inside it: the
	// serial reader finds that member after the error.
	cut := data[:len(data)-30]
	out = sameAsSerial(t, "b.warc.gz", cut)
	require.Greater(t, len(out), 5, "%q", uris(out))
	assert.Equal(t, "https://example.com/4 error: truncated: the file ends inside the record", uris(out)[4])
	assert.Equal(t, "https://example.com/inner", uris(out)[5])
}

// TestWARCChunksLargeMember: a member longer than chunkCap, such as a file
// compressed whole, is read by the dispatcher, and the members after it in
// chunks again.
func TestWARCChunksLargeMember(t *testing.T) {
	defer func(w, c int) { chunkWindow, chunkCap = w, c }(chunkWindow, chunkCap)
	chunkWindow, chunkCap = 2<<10, 8<<10

	var recs []warcRec
	for i := range 30 {
		recs = append(recs, chunkPage(i, strings.Repeat(fmt.Sprintf("<p>Words %d.</p>", i), 1+i*37%200)))
	}
	group := func(rs []warcRec, from int) []byte {
		var b bytes.Buffer
		for i, r := range rs {
			b.Write(r.bytes(from + i))
		}
		return storedGzip(t, b.Bytes())
	}
	var b bytes.Buffer
	for i := range 3 {
		b.Write(gzipBytes(t, recs[i].bytes(i)))
	}
	b.Write(group(recs[3:13], 3)) // a member of ten records, over 8 KiB
	for i := 13; i < 16; i++ {
		b.Write(gzipBytes(t, recs[i].bytes(i)))
	}
	b.Write(group(recs[16:30], 16)) // and one that ends the file
	data := b.Bytes()
	out := sameAsSerial(t, "a.warc.gz", data)
	require.Len(t, out, 30)
	for i, r := range out {
		assert.Equal(t, fmt.Sprintf("https://example.com/%d", i), r["url"])
	}

	// A record that holds a member of its own, as stored (uncompressed)
	// data, and then more than chunkCap bytes: the dispatcher reads from
	// the inner member on itself, and drops what it read, since the
	// record's job read it.
	inner := gzipBytes(t, chunkPage(99, "").bytes(99))
	outer := chunkPage(30, "<p>"+string(inner)+strings.Repeat("<p>Stored words.</p>", 1000)+"</p>")
	nested := bytes.Join([][]byte{gzipBytes(t, recs[0].bytes(0)), storedGzip(t, outer.bytes(30)), gzipBytes(t, recs[1].bytes(1))}, nil)
	require.Equal(t, 4, chunkStarts(nested))
	out = sameAsSerial(t, "nested.warc.gz", nested)
	assert.Equal(t, []string{"https://example.com/0", "https://example.com/30", "https://example.com/1"}, uris(out))

	// A file of one member.
	whole := warcFile(t, wholeFile, testPages(t))
	require.Greater(t, len(whole), chunkCap)
	out = sameAsSerial(t, "whole.warc.gz", whole)
	assert.Len(t, out, len(testPages(t)))
}

// TestWARCChunksParallelReal: the real Cleaner, on the test pages, gives
// the same output read in chunks with -j 1 and -j 4 as read serially.
func TestWARCChunksParallelReal(t *testing.T) {
	data := warcFile(t, perRecord, testPages(t))
	path := writeBytes(t, filepath.Join(t.TempDir(), "pages.warc.gz"), data)
	serial := runReal(t, string(data), "--format", "json", "--from", "warc")
	require.Equal(t, 0, serial.code, serial.stderr)
	src, err := json.Marshal(path)
	require.NoError(t, err)
	want := strings.ReplaceAll(serial.stdout, `{"source":"-"`, `{"source":`+string(src))
	for _, j := range []string{"1", "4"} {
		c := runReal(t, "", "--format", "json", "-j", j, path)
		require.Equal(t, 0, c.code, c.stderr)
		assert.Equal(t, want, c.stdout, "-j %s", j)
	}
}
