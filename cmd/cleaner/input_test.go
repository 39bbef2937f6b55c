package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiscover(t *testing.T) {
	dir, want := mixedDir(t)
	var got []string
	inputs, err := discover([]string{dir})
	require.NoError(t, err)
	for _, in := range inputs {
		assert.NoError(t, in.err)
		assert.Equal(t, in.name, in.path)
		got = append(got, in.name)
	}
	assert.Equal(t, want, got, "sorted, regular, non-hidden files only")

	// A hidden file or directory named explicitly is read.
	inputs, err = discover([]string{filepath.Join(dir, ".hidden.html"), filepath.Join(dir, ".git")})
	require.NoError(t, err)
	assert.Len(t, inputs, 2)

	inputs, err = discover(nil)
	require.NoError(t, err)
	assert.Equal(t, []input{{name: "-"}}, inputs)

	inputs, err = discover([]string{filepath.Join(dir, "nope"), "-"})
	require.NoError(t, err)
	require.Len(t, inputs, 2)
	assert.ErrorIs(t, inputs[0].err, os.ErrNotExist)
	assert.Equal(t, input{name: "-"}, inputs[1])

	_, err = discover([]string{"-", "-"})
	assert.Error(t, err)
}

func TestDiscoverUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "a")
	locked := filepath.Join(dir, "b")
	writeFile(t, filepath.Join(locked, "x.txt"), "x")
	require.NoError(t, os.Chmod(locked, 0))
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	inputs, err := discover([]string{dir})
	require.NoError(t, err)
	require.Len(t, inputs, 2)
	assert.NoError(t, inputs[0].err)
	assert.Error(t, inputs[1].err)
}

func TestReadInput(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.html")
	writeFile(t, plain, "0123456789")
	gz := filepath.Join(dir, "page.html.gz")
	writeGzip(t, gz, "0123456789")
	hidden := filepath.Join(dir, "page.html") // gzip without a .gz name
	writeGzip(t, filepath.Join(dir, "tmp"), "0123456789")
	require.NoError(t, os.Rename(filepath.Join(dir, "tmp"), hidden))
	notGzip := filepath.Join(dir, "fake.gz")
	writeFile(t, notGzip, "not gzip at all")
	cut := filepath.Join(dir, "cut.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(strings.Repeat("data ", 1000)))
	zw.Close()
	writeFile(t, cut, buf.String()[:buf.Len()/2])

	for _, path := range []string{plain, gz, hidden} {
		for _, tc := range []struct {
			max       int64
			want      string
			truncated bool
		}{
			{100, "0123456789", false},
			{10, "0123456789", false},
			{9, "012345678", true},
			{1, "0", true},
		} {
			data, truncated, err := readInput(input{name: path, path: path}, nil, tc.max)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(data), "%s max %d", path, tc.max)
			assert.Equal(t, tc.truncated, truncated, "%s max %d", path, tc.max)
		}
	}

	_, _, err := readInput(input{name: notGzip, path: notGzip}, nil, 100)
	assert.ErrorContains(t, err, "gzip")
	_, _, err = readInput(input{name: cut, path: cut}, nil, 1<<20)
	assert.ErrorContains(t, err, "gzip")
	_, _, err = readInput(input{name: "nope", path: filepath.Join(dir, "nope")}, nil, 100)
	assert.ErrorIs(t, err, os.ErrNotExist)

	data, truncated, err := readInput(input{name: "-"}, strings.NewReader("from stdin"), 100)
	require.NoError(t, err)
	assert.Equal(t, "from stdin", string(data))
	assert.False(t, truncated)
}

// TestReadInputBomb checks the reading alone: 200 MB of zeros in a 200 KB
// gzip file cost about --max-bytes of memory, not 200 MB.
func TestReadInputBomb(t *testing.T) {
	bomb := gzipBomb(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	data, truncated, err := readInput(input{name: bomb, path: bomb}, nil, 1<<20)
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.True(t, truncated)
	assert.Len(t, data, 1<<20)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("read: %d KB allocated", alloc>>10)
	if !raceEnabled {
		assert.Less(t, alloc, uint64(4<<20))
	}
}

// shortReader returns at most n bytes a read, and its error with the last.
type shortReader struct {
	data []byte
	n    int
	err  error
}

func (r *shortReader) Read(p []byte) (int, error) {
	k := min(len(p), r.n, len(r.data))
	copy(p, r.data[:k])
	r.data = r.data[k:]
	if len(r.data) == 0 {
		if r.err != nil {
			return k, r.err
		}
		return k, io.EOF
	}
	return k, nil
}

func TestReadAtMost(t *testing.T) {
	data := []byte(strings.Repeat("0123456789", 20_000)) // 200 KB
	for _, tc := range []struct {
		limit, hint int64
		truncated   bool
	}{
		{1 << 20, 0, false},
		{1 << 20, int64(len(data)), false},
		{1 << 20, 10, false}, // a wrong hint
		{int64(len(data)), 0, false},
		{int64(len(data)), int64(len(data)), false},
		{int64(len(data)) - 1, 0, true},
		{int64(len(data)) - 1, int64(len(data)), true},
		{1, 0, true},
		{100_000, 0, true},
	} {
		for _, chunk := range []int{1 << 20, 1000, 7} {
			got, truncated, err := readAtMost(&shortReader{data: data, n: chunk}, tc.limit, tc.hint)
			require.NoError(t, err, "%+v", tc)
			assert.Equal(t, tc.truncated, truncated, "%+v chunk %d", tc, chunk)
			want := data[:min(int64(len(data)), tc.limit)]
			assert.True(t, bytes.Equal(want, got), "%+v chunk %d: %d bytes", tc, chunk, len(got))
			assert.LessOrEqual(t, int64(cap(got)), max(tc.limit, tc.hint+1), "%+v", tc)
		}
	}
	boom := errors.New("boom")
	_, _, err := readAtMost(&shortReader{data: data, n: 1000, err: boom}, 1<<20, 0)
	assert.ErrorIs(t, err, boom)
	_, _, err = readAtMost(&shortReader{data: data[:10], n: 1000, err: boom}, 10, 0)
	assert.ErrorIs(t, err, boom, "an error right after the limit")

	// A plain file of known size is read into one buffer of its size.
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, _, err := readAtMost(bytes.NewReader(data), 1<<20, int64(len(data)))
	runtime.ReadMemStats(&after)
	require.NoError(t, err)
	assert.Len(t, got, len(data))
	if !raceEnabled {
		assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(len(data)+len(data)/8))
	}
}

func TestDetectKind(t *testing.T) {
	for _, tc := range []struct {
		from, path, data string
		want             kind
	}{
		{"auto", "a.html", "plain words", kindHTML},
		{"auto", "a.HTM", "plain words", kindHTML},
		{"auto", "a.html.gz", "plain words", kindHTML},
		{"auto", "a.txt", "<html><body>", kindText},
		{"auto", "a.TXT.GZ", "<html><body>", kindText},
		{"auto", "", "<!DOCTYPE html>", kindHTML},
		{"auto", "a.dat", "<div>x</div>", kindHTML},
		{"auto", "a.dat", "plain words", kindText},
		{"html", "a.txt", "plain words", kindHTML},
		{"text", "a.html", "<html>", kindText},
	} {
		assert.Equal(t, tc.want, detectKind(tc.from, tc.path, []byte(tc.data)), "%+v", tc)
	}
}

func TestLooksLikeHTML(t *testing.T) {
	for _, s := range []string{
		"<!doctype html>",
		"<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
		"<html>",
		"\ufeff\n  <HTML lang=en>",
		"<body>",
		"<div class=x>",
		"<p>Hello</p>",
		"<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
		"<!-- saved from url -->\n<html>",
		"<p",
		"\xff\xfe<\x00p\x00>\x00", // UTF-16LE
		"\xfe\xff\x00<\x00p\x00>", // UTF-16BE
	} {
		assert.True(t, looksLikeHTML([]byte(s)), "%q", s)
	}
	for _, s := range []string{
		"",
		"Hello <p>world</p>", // does not start with "<"
		"<3 you",
		"<pizza> is not a tag",
		"<https://example.com>",
		"   \n\t",
		"<" + strings.Repeat("x", sniffLen) + "<p>", // tag beyond the window
	} {
		assert.False(t, looksLikeHTML([]byte(s)), "%q", s)
	}
}

func TestDecodeText(t *testing.T) {
	assert.Equal(t, "héllo", decodeText([]byte("\xef\xbb\xbfhéllo")))
	assert.Equal(t, "héllo", decodeText([]byte("héllo")))
	assert.Equal(t, "hé€llo", decodeText([]byte("h\xe9\x80llo")), "Windows-1252")
	assert.Equal(t, "“quoted”", decodeText([]byte("\x93quoted\x94")))
	assert.Equal(t, "hé", decodeText([]byte("\xff\xfeh\x00\xe9\x00")))
	assert.Equal(t, "hé", decodeText([]byte("\xfe\xff\x00h\x00\xe9")))
	assert.Equal(t, "😀", decodeText([]byte("\xff\xfe\x3d\xd8\x00\xde")), "surrogate pair")
}

func TestParseByteSize(t *testing.T) {
	for s, want := range map[string]int64{
		"1":       1,
		"1048576": 1 << 20,
		"1MiB":    1 << 20,
		"1mib":    1 << 20,
		"1M":      1 << 20,
		"16 MiB":  16 << 20,
		"512KiB":  512 << 10,
		"2K":      2 << 10,
		"1GiB":    1 << 30,
		"1MB":     1e6,
		"3KB":     3e3,
		"100B":    100,
	} {
		got, err := parseByteSize(s)
		if assert.NoError(t, err, s) {
			assert.Equal(t, want, got, s)
		}
	}
	for _, s := range []string{"", "0", "-1", "MiB", "1.5MiB", "1TB", "x", "9223372036854775807", "9999999999GiB"} {
		_, err := parseByteSize(s)
		assert.Error(t, err, s)
	}
	var b byteSize = 16 << 20
	assert.Equal(t, "16MiB", b.String())
	b = 1000
	assert.Equal(t, "1000", b.String())
}
