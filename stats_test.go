package cleaner

import (
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/boilerfree/cleaner/internal/charset"
	"github.com/boilerfree/cleaner/internal/htmlparse"
	"github.com/boilerfree/cleaner/internal/meta"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// TestSubtractRemoved: after the prune rules, the statistics updated by
// subtractRemoved equal those of a fresh computeStats that skips the
// removed elements, for every element left, on the testdata pages and
// (when ../shared is there) on the shared pages.
func TestSubtractRemoved(t *testing.T) {
	t.Parallel()
	var pages [][]byte
	for _, pg := range loadCorpus(t).html {
		pages = append(pages, pg.data)
	}
	shared, _ := filepath.Glob(filepath.Join(sharedDir(), "eval", "*", "html", "*.html.gz"))
	if testing.Short() || raceDetectorOn {
		shared = shared[:min(len(shared), 20)]
	}
	for _, name := range shared {
		f, err := os.Open(name)
		require.NoError(t, err)
		z, err := gzip.NewReader(f)
		require.NoError(t, err)
		b, err := io.ReadAll(z)
		require.NoError(t, err)
		f.Close()
		pages = append(pages, b)
	}
	t.Logf("%d pages", len(pages))
	c, err := New()
	require.NoError(t, err)
	ctx := context.Background()
	for i, data := range pages {
		utf8, _ := charset.Decode(data, "")
		root, err := htmlparse.Parse(utf8)
		require.NoError(t, err)
		md := meta.Extract(root, nil)
		body := findBody(root)
		rn := newStageRun(c, nil, md, body)
		p := rn.p
		require.NoError(t, p.computeStats(ctx, body))
		p.bodyGood = int(p.stat(body).good)
		p.h1 = findHeadline(body, md.Title)
		require.NoError(t, rn.applyNodeRules(body, PhasePrune))
		p.subtractRemoved()

		fresh := newPage(nil)
		fresh.removed = p.removed
		require.NoError(t, fresh.computeStats(ctx, body))
		checked := 0
		for n, k := range fresh.index {
			if n.Type != html.ElementNode && n.Type != html.DocumentNode {
				continue
			}
			want := fresh.stats[k]
			if got := p.stat(n); got != want {
				t.Fatalf("page %d: <%s> stats %+v after subtractRemoved, %+v recomputed", i, n.Data, got, want)
			}
			checked++
		}
		require.Positive(t, checked)
	}
}

// sharedDir is the shared data directory: $CLEANER_SHARED, else ../shared.
func sharedDir() string {
	if d := os.Getenv("CLEANER_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "shared")
}
