package cleaner

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const metaBody = `<p>The harbour lights were switched back on last night after a month of repairs, and the fishing boats came home in the dark for the first time since October.</p>
<p>Crews said the new lamps can be seen from twice as far out at sea, which matters most in the winter fog that settles over the bay.</p>
<p>The harbour master thanked the volunteers who kept hand lamps burning on the pier while the work went on, often through the night.</p>`

func cleanMeta(t *testing.T, page string) *Article {
	t.Helper()
	c, err := New()
	require.NoError(t, err)
	a, err := c.Clean(context.Background(), strings.NewReader(page), "https://coast.example/harbour")
	require.NoError(t, err)
	return a
}

func TestSubtitleFromHTML(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, head, want string }{
		{"named deck", `<h1>Harbour lights return</h1><p class="article-dek">A month of repairs ends with brighter lamps on the pier</p>`, "A month of repairs ends with brighter lamps on the pier"},
		{"h2 in header", `<header><h1>Harbour lights return</h1><h2>A month of repairs ends with brighter lamps on the pier</h2></header>`, "A month of repairs ends with brighter lamps on the pier"},
		{"standfirst after header", `<header><h1>Harbour lights return</h1></header><div class="standfirst">A month of repairs ends with brighter lamps on the pier</div>`, "A month of repairs ends with brighter lamps on the pier"},
		{"no deck", `<h1>Harbour lights return</h1><div class="byline">By Ida Berg</div>`, ""},
		{"lead image is not a deck", `<h1>Harbour lights return</h1><figure class="lead-image"><img src="a.jpg"><figcaption>The pier at dusk, seen from the breakwater</figcaption></figure>`, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := cleanMeta(t, `<html><head><title>Harbour lights return</title></head><body><article>`+tc.head+metaBody+`</article></body></html>`)
			assert.Equal(t, tc.want, a.Subtitle)
			if tc.want != "" {
				assert.NotContains(t, a.Text, tc.want, "the deck is metadata, not body text")
			}
			assert.Contains(t, a.Text, "The harbour lights were switched back on")
		})
	}
}

func TestPublishedFromDateline(t *testing.T) {
	t.Parallel()
	a := cleanMeta(t, `<html><head><title>Harbour lights return</title></head><body><div class="story"><h1>Harbour lights return</h1>
<div class="post-date">Posted <time datetime="2024-11-02T18:30:00-04:00">Nov 2</time></div>`+metaBody+`</div></body></html>`)
	require.False(t, a.Published.IsZero())
	assert.Equal(t, "2024-11-02T18:30:00-04:00", a.Published.Format("2006-01-02T15:04:05Z07:00"))
	assert.NotContains(t, a.Text, "Posted")

	// Metadata wins over the dateline.
	a = cleanMeta(t, `<html><head><meta property="article:published_time" content="2024-11-01T08:00:00Z"></head><body><div class="story"><h1>Harbour lights return</h1>
<div class="post-date"><time datetime="2024-11-02T18:30:00-04:00">Nov 2</time></div>`+metaBody+`</div></body></html>`)
	assert.Equal(t, "2024-11-01T08:00:00Z", a.Published.Format("2006-01-02T15:04:05Z07:00"))
}

func TestVisibleBylineNamesMore(t *testing.T) {
	t.Parallel()
	page := func(metaAuthor, byline string) string {
		return `<html><head><meta name="author" content="` + metaAuthor + `"></head><body><article><h1>Harbour lights return</h1>
<p class="byline">` + byline + `</p>` + metaBody + `</article></body></html>`
	}
	a := cleanMeta(t, page("Ida Berg", "By Ida Berg and Tomas Lind"))
	assert.Equal(t, []string{"Ida Berg", "Tomas Lind"}, a.Authors)
	// A byline that does not name the metadata's author does not replace it.
	a = cleanMeta(t, page("Ida Berg", "By Tomas Lind and Ana Roe"))
	assert.Equal(t, []string{"Ida Berg"}, a.Authors)
}
