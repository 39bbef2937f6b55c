package cleaner

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const commentsProse = `<p>Bread is one of the oldest prepared foods, and making it at home is simpler than most people think once the basics are clear.</p>
<p>Flour, water, salt and yeast are all it takes; time and temperature do the rest of the work for you, slowly and reliably.</p>
<p>Knead the dough until it is smooth, let it rise until doubled, shape it, let it rise again and bake it in a hot oven.</p>`

func cleanString(t *testing.T, c *Cleaner, page string) *Article {
	t.Helper()
	a, err := c.Clean(context.Background(), strings.NewReader(page), "https://blog.example/post/")
	require.NoError(t, err)
	return a
}

func TestCommentsWordPress(t *testing.T) {
	t.Parallel()
	page, err := os.ReadFile("testdata/comments-wordpress/input.html")
	require.NoError(t, err)
	c, err := New()
	require.NoError(t, err)
	a := cleanString(t, c, string(page))
	require.Len(t, a.Comments, 3)
	assert.Equal(t, Comment{Author: "Maria Rossi", Published: time.Date(2024, 3, 5, 10, 12, 0, 0, time.UTC),
		Text: "I tried this recipe last weekend and the loaf came out beautifully.\nThanks for the tips on timing!"}, normalizeComment(a.Comments[0]))
	assert.Equal(t, Comment{Author: "Baker", Published: time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC), Text: "So glad it worked for you, Maria!", Depth: 1},
		normalizeComment(a.Comments[1]))
	assert.Equal(t, Comment{Author: "Tom", Text: "Can I use whole wheat flour instead?"}, a.Comments[2])
	for _, cm := range a.Comments {
		assert.NotContains(t, a.Text, cm.Text, "a comment in Text")
		for _, b := range a.Blocks {
			assert.NotContains(t, b.Text, cm.Text, "a comment in Blocks")
		}
	}
	// The comments' dates are not the article's.
	assert.True(t, a.Published.IsZero(), "Published %v", a.Published)

	// Off: no comments, and the article is the same.
	off, err := New(WithComments(false))
	require.NoError(t, err)
	b := cleanString(t, off, string(page))
	assert.Nil(t, b.Comments)
	assert.Equal(t, a.Text, b.Text)

	// With the comments rule disabled, the sections stay in the page and
	// are not split into comments.
	kept, err := New(WithoutRules("comments"))
	require.NoError(t, err)
	assert.Nil(t, cleanString(t, kept, string(page)).Comments)
}

func normalizeComment(c Comment) Comment {
	c.Published = c.Published.UTC()
	return c
}

func TestCommentsMicrodata(t *testing.T) {
	t.Parallel()
	page := `<html><head><title>Post</title></head><body><article><h1>Post</h1>` + commentsProse + `</article>
<section class="user-comments">
 <div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Ann</span><meta itemprop="dateCreated" content="2023-01-02T03:04:05Z"><div itemprop="text"><p>First comment text here.</p></div></div>
 <div itemscope itemtype="https://schema.org/Comment"><span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Bob</span></span><div itemprop="text">Second one, <b>bold</b> words.</div>
  <div itemscope itemtype="https://schema.org/Comment"><span itemprop="author">Cy</span><div itemprop="text">A reply to Bob.</div></div>
 </div>
</section></body></html>`
	c, err := New()
	require.NoError(t, err)
	a := cleanString(t, c, page)
	require.Len(t, a.Comments, 3, "%+v", a.Comments)
	assert.Equal(t, "Ann", a.Comments[0].Author)
	assert.Equal(t, "First comment text here.", a.Comments[0].Text)
	assert.Equal(t, time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC), a.Comments[0].Published.UTC())
	assert.Equal(t, "Bob", a.Comments[1].Author)
	assert.Equal(t, "Second one, bold words.", a.Comments[1].Text)
	assert.Equal(t, 0, a.Comments[1].Depth)
	assert.Equal(t, Comment{Author: "Cy", Text: "A reply to Bob.", Depth: 1}, a.Comments[2])
	assert.NotContains(t, a.Text, "reply to Bob")
}

// TestCommentsNone: a reply form alone, or a list of one-word controls,
// gives no comments.
func TestCommentsNone(t *testing.T) {
	t.Parallel()
	c, err := New()
	require.NoError(t, err)
	for _, section := range []string{
		`<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><textarea></textarea><button>Post Comment</button></form></div></div>`,
		`<div class="comments"><div class="comment-item"><a>Reply</a></div><div class="comment-item">Show more comments (20)</div></div>`,
	} {
		a := cleanString(t, c, `<html><body><article><h1>Post</h1>`+commentsProse+`</article>`+section+`</body></html>`)
		assert.Empty(t, a.Comments, section)
	}
}

func TestCommentAuthorName(t *testing.T) {
	t.Parallel()
	c, err := New()
	require.NoError(t, err)
	for author, want := range map[string]string{
		`<cite class="fn">Jo Smith</cite> <span class="says">says:</span>`:                   "Jo Smith",
		`<span class="comment-author">Sallie Goetsch · March 10, 2017 at 12:20 AM</span>`:    "Sallie Goetsch",
		`<span class="comment-author">Milan Griffes on September 12, 2018 at 4:47 pm</span>`: "Milan Griffes",
		`<span class="username">kit_99</span>`:                                               "kit_99",
	} {
		page := `<html><body><article><h1>Post</h1>` + commentsProse + `</article><ol class="comment-list">` +
			`<li class="comment">` + author + `<p>Words of the first comment.</p></li><li class="comment"><p>Second.</p></li></ol></body></html>`
		a := cleanString(t, c, page)
		require.Len(t, a.Comments, 2, author)
		assert.Equal(t, want, a.Comments[0].Author, author)
		assert.Equal(t, "Words of the first comment.", a.Comments[0].Text, author)
	}
}

func TestIsCommentUILine(t *testing.T) {
	t.Parallel()
	for _, l := range []string{"Show more comments (20)", "Add Your Comment", "All comments", "Leave a reply", "Load more replies", "View all 14 comments"} {
		assert.True(t, isCommentUILine(l), l)
	}
	for _, l := range []string{"Great comment!", "Show me the way", "All of this is wrong", "I read all the comments and agree with the first reply to this post, which said it best"} {
		assert.False(t, isCommentUILine(l), l)
	}
}

func TestWithTables(t *testing.T) {
	t.Parallel()
	page := `<html><body><article><h1>Post</h1>` + commentsProse + `
<table><tr><th>Flour</th><th>Water</th></tr><tr><td>500 g</td><td>350 g</td></tr></table>
<table class="layout"><tr><td><p>Shape the loaf gently and leave it to prove in a warm place for an hour.</p><p>Then bake it for forty minutes until the crust is deep brown.</p></td></tr></table>
</article></body></html>`
	on, err := New()
	require.NoError(t, err)
	off, err := New(WithTables(false))
	require.NoError(t, err)
	a, b := cleanString(t, on, page), cleanString(t, off, page)
	assert.Contains(t, a.Text, "500 g | 350 g")
	assert.NotContains(t, b.Text, "500 g")
	for _, blk := range b.Blocks {
		assert.NotEqual(t, TableRow, blk.Kind, "a table row with WithTables(false): %q", blk.Text)
	}
	// The layout table holds prose: kept either way.
	for _, a := range []*Article{a, b} {
		assert.Contains(t, a.Text, "Shape the loaf gently")
		assert.Contains(t, a.Text, "Then bake it for forty minutes")
	}
	// The golden page of tables: every data table goes, its prose stays.
	golden, err := os.ReadFile("testdata/render-tables/input.html")
	require.NoError(t, err)
	g := cleanString(t, off, string(golden))
	for _, blk := range g.Blocks {
		assert.NotEqual(t, TableRow, blk.Kind, "a table row with WithTables(false): %q", blk.Text)
	}
	assert.NotContains(t, g.Text, " | ")
	assert.Contains(t, g.Text, "We loaded the same hundred million rows")
	assert.Less(t, len(g.Text), len(cleanString(t, on, string(golden)).Text))

	// A table that is the whole content is kept.
	whole := `<html><body><table><tr><td>` + commentsProse + `</td></tr></table></body></html>`
	assert.Contains(t, cleanString(t, off, whole).Text, "Knead the dough")
}
