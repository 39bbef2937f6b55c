package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/boilerfree/cleaner"
)

// syncBuffer is a bytes.Buffer safe for the progress goroutine and the
// command writing at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// asTerminal makes the command take w for a terminal during the test.
func asTerminal(t *testing.T, w io.Writer) {
	old := isTerminal
	isTerminal = func(x io.Writer) bool { return x == w }
	t.Cleanup(func() { isTerminal = old })
}

func TestProgress(t *testing.T) {
	paths := manyInputs(t, 20)
	slowFail := &fakeEngine{do: func(ctx context.Context, kind, data, _ string) (*cleaner.Article, error) {
		time.Sleep(40 * time.Millisecond)
		if strings.HasPrefix(data, "Page 3\n") {
			return nil, cleaner.ErrNoContent
		}
		return &cleaner.Article{Title: "x"}, nil
	}}
	var out bytes.Buffer
	errOut := &syncBuffer{}
	asTerminal(t, errOut)
	factory := func(...cleaner.Option) (engine, error) { return slowFail, nil }
	start := time.Now()
	code := runWith(context.Background(), append([]string{"-j", "1"}, paths...), nil, &out, errOut, factory)
	elapsed := time.Since(start)
	assert.Equal(t, 1, code)
	stderr := errOut.String()

	draws := regexp.MustCompile(`\r([0-9]+) pages, [0-9.]+ pages/s, [0-9.]+ MB/s, ([01]) errors(, ([0-9]+)%, ETA ([0-9a-z.]+))?\x1b\[K`).FindAllStringSubmatch(stderr, -1)
	t.Logf("%d draws in %v", len(draws), elapsed)
	require.NotEmpty(t, draws, "%q", stderr)
	assert.LessOrEqual(t, len(draws), int(elapsed/progressEvery)+1, "at most 5 a second")
	for _, d := range draws {
		if d[1] != "0" {
			assert.NotEmpty(t, d[4], "the share done and the ETA: the number of files is known")
		}
	}
	// The error line is written on a cleared line, the summary too, and
	// nothing is left of the progress line after it.
	assert.Regexp(t, `(^|\r\x1b\[K)cleaner: `+regexp.QuoteMeta(paths[3])+`: no content found\n`, stderr)
	assert.Regexp(t, `(^|\r\x1b\[K)20 pages, 1 errors, [^\r\x1b]*\n$`, stderr)

	// Not a terminal: no progress line.
	c := runFake(t, slowFail, nil, append([]string{"-j", "4"}, paths...)...)
	assert.NotContains(t, c.stderr, "\r")
	assert.NotContains(t, c.stderr, "\x1b")
}

// TestProgressWARC: for a WARC file the share done comes from the position
// in the file.
func TestProgressWARC(t *testing.T) {
	path := writeBytes(t, filepath.Join(t.TempDir(), "a.warc.gz"), warcFile(t, perRecord, testPages(t)))
	slow := &fakeEngine{do: func(ctx context.Context, kind, data, _ string) (*cleaner.Article, error) {
		time.Sleep(30 * time.Millisecond)
		return &cleaner.Article{Title: "x"}, nil
	}}
	errOut := &syncBuffer{}
	asTerminal(t, errOut)
	factory := func(...cleaner.Option) (engine, error) { return slow, nil }
	code := runWith(context.Background(), []string{"-j", "1", path}, nil, io.Discard, errOut, factory)
	require.Equal(t, 0, code, errOut.String())
	pcts := regexp.MustCompile(`, ([0-9]+)%, ETA `).FindAllStringSubmatch(errOut.String(), -1)
	require.NotEmpty(t, pcts, "%q", errOut.String())
	last := 0
	for _, p := range pcts {
		n, err := strconv.Atoi(p[1])
		require.NoError(t, err)
		assert.GreaterOrEqual(t, n, last)
		assert.LessOrEqual(t, n, 100)
		last = n
	}
}
