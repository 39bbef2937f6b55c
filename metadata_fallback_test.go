package cleaner

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMetadataFallbacks: without declarations, the language comes from the
// text and the site name from the host.
func TestMetadataFallbacks(t *testing.T) {
	t.Parallel()
	c, err := New()
	require.NoError(t, err)
	clean := func(page, pageURL string) *Article {
		a, err := c.Clean(context.Background(), strings.NewReader(page), pageURL)
		require.NoError(t, err)
		return a
	}
	page := `<html><head><title>Harbour lights return</title></head><body><article><h1>Harbour lights return</h1>` + metaBody + `</article></body></html>`
	a := clean(page, "https://www.coast.example/harbour")
	assert.Equal(t, "en", a.Language, "detected from the text")
	assert.Equal(t, "coast.example", a.SiteName, "the host without www.")

	declared := `<html lang="en-GB"><head><meta property="og:site_name" content="Coast Times"></head><body><article>` + metaBody + `</article></body></html>`
	a = clean(declared, "https://www.coast.example/harbour")
	assert.Equal(t, "en-GB", a.Language, "the declaration wins")
	assert.Equal(t, "Coast Times", a.SiteName, "the declaration wins")

	de := `<html><body><article><p>Die Hafenlichter wurden gestern Abend nach einem Monat der Reparaturen wieder eingeschaltet, und die Fischerboote kamen zum ersten Mal seit Oktober im Dunkeln nach Hause.</p>
<p>Die Besatzungen sagten, dass die neuen Lampen auf See doppelt so weit zu sehen sind, was vor allem im Winternebel über der Bucht wichtig ist.</p>
<p>Der Hafenmeister dankte den Freiwilligen, die während der Arbeiten oft die ganze Nacht Handlampen auf dem Pier brennen ließen.</p></article></body></html>`
	assert.Equal(t, "de", clean(de, "").Language)
	assert.Equal(t, "", clean(de, "").SiteName, "no URL, no host")

	for in, want := range map[string]string{
		"https://WWW.Example.ORG:8080/a": "example.org",
		"https://news.example.org/a":     "news.example.org",
		"http://192.0.2.7/a":             "",
		"http://[2001:db8::1]/a":         "",
	} {
		u, err := url.Parse(in)
		require.NoError(t, err)
		assert.Equal(t, want, hostSiteName(u), in)
	}
	assert.Equal(t, "", hostSiteName(nil))
}
