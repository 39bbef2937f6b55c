package cleaner

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The parser cannot be interrupted; a cancelled context must still return
// promptly, long before a big page is parsed.
func TestCancelDuringParse(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 40 MB page")
	}
	page := "<html><body>" + strings.Repeat(`<div class="x"><p>Some words of a paragraph, here and there.</p></div>`, 600_000) + "</body></html>"
	c, err := New(WithMaxBytes(64<<20), WithMaxNodes(10_000_000))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	go func() {
		time.Sleep(30 * time.Millisecond)
		cancelled = time.Now()
		cancel()
	}()
	start := time.Now()
	_, err = c.Clean(ctx, strings.NewReader(page), "")
	took := time.Since(start)
	require.True(t, errors.Is(err, context.Canceled), "err = %v", err)
	latency := time.Since(cancelled)
	t.Logf("returned %v after the cancel (whole call %v)", latency, took)
	require.Less(t, latency, 500*time.Millisecond) // 50 ms is the aim; reading 40 MB cannot be interrupted, and -race and a loaded machine need slack
}

func TestReadLimited(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 511, 512, 513, 70_000, 200_000} {
		src := strings.Repeat("a", n)
		b, err := readLimited(context.Background(), strings.NewReader(src), 1<<20)
		require.NoError(t, err)
		require.Equal(t, src, string(b))
		// A reader that does not know its length.
		b, err = readLimited(context.Background(), struct{ *strings.Reader }{strings.NewReader(src)}, 1<<20)
		require.NoError(t, err)
		require.Equal(t, src, string(b))
		// The limit.
		b, err = readLimited(context.Background(), strings.NewReader(src), 100)
		require.NoError(t, err)
		require.Equal(t, src[:min(n, 100)], string(b))
	}
}
