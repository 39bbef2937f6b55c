package meta

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func extractString(t *testing.T, page, pageURL string) Meta {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	var u *url.URL
	if pageURL != "" {
		u, err = url.Parse(pageURL)
		require.NoError(t, err)
	}
	return Extract(doc, u)
}

func mustDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, ok := ParseDate(s)
	require.True(t, ok, s)
	return d
}

const graphPage = `<!DOCTYPE html>
<html lang="en_US"><head>
<title>Budget vote delayed again | Example News</title>
<meta property="og:title" content="OG title should lose to JSON-LD">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="/politics/budget-vote">
<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@graph": [
    {"@type": "WebSite", "@id": "https://news.example.com/#site", "name": "Example News"},
    {"@type": "Person", "@id": "https://news.example.com/#jane", "name": "Jane Doe", "url": "https://news.example.com/jane"},
    {"@type": "WebPage", "@id": "https://news.example.com/politics/budget-vote", "name": "Budget vote delayed again | Example News",
     "mainEntity": {
        "@type": ["NewsArticle", "Article"],
        "headline": "Budget vote delayed &amp; disputed",
        "author": [
          {"@id": "https://news.example.com/#jane"},
          {"@type": "Person", "name": "John Roe"},
          {"@type": "Person", "name": "https://news.example.com/people/nobody"},
          {"@type": "Organization", "name": "Example News"}
        ],
        "datePublished": "2024-03-05T10:00:00+01:00",
        "dateModified": "2024-03-06T08:30:00+01:00",
        "publisher": {"@type": "Organization", "name": "Example News Ltd"},
        "description": "The council &quot;postponed&quot; the vote.",
        "image": [{"@type": "ImageObject", "url": "/img/budget.jpg"}, "https://cdn.example.com/other.jpg"],
        "keywords": ["Budget", "Council", "budget", " Politics "],
        "articleSection": ["Politics", "Local"],
        "inLanguage": "en-GB",
        "articleBody": "First paragraph.\n\n\n  Second   paragraph."
     }
    }
  ]
}
</script>
</head><body><h1>Budget vote delayed again</h1></body></html>`

func TestExtractJSONLDGraph(t *testing.T) {
	m := extractString(t, graphPage, "https://news.example.com/politics/budget-vote?ref=home")
	assert.Equal(t, "Budget vote delayed & disputed", m.Title)
	assert.Equal(t, []string{"Jane Doe", "John Roe"}, m.Authors, "Person names preferred, @id followed, URL name dropped")
	assert.True(t, m.Published.Equal(mustDate(t, "2024-03-05T09:00:00Z")))
	_, off := m.Published.Zone()
	assert.Equal(t, 3600, off, "zone kept")
	assert.True(t, m.Modified.Equal(mustDate(t, "2024-03-06T07:30:00Z")))
	assert.Equal(t, "Example News Ltd", m.SiteName, "JSON-LD publisher")
	assert.Equal(t, `The council "postponed" the vote.`, m.Description)
	assert.Equal(t, "en-US", m.Language, "<html lang> wins and is normalized")
	assert.Equal(t, "https://news.example.com/politics/budget-vote", m.URL)
	assert.Equal(t, "https://news.example.com/img/budget.jpg", m.Image)
	assert.Equal(t, []string{"Budget", "Council", "Politics"}, m.Tags)
	assert.Equal(t, []string{"Politics", "Local"}, m.Categories)
	assert.Equal(t, "NewsArticle", m.Type)
	assert.Equal(t, "First paragraph.\n\nSecond paragraph.", m.ArticleBody)
}

func TestExtractJSONLDShapes(t *testing.T) {
	tests := []struct {
		name    string
		ld      string
		title   string
		authors []string
	}{
		{
			"array of objects, string author list",
			`[{"@type":"BreadcrumbList"},{"@type":"BlogPosting","headline":"Post","author":"Jane Doe and John Roe"}]`,
			"Post", []string{"Jane Doe", "John Roe"},
		},
		{
			"author object with nested array of strings",
			`{"@context":"http://schema.org","@type":"Article","name":"Named","author":{"@type":"Person","name":"By Jane Doe"}}`,
			"Named", []string{"Jane Doe"},
		},
		{
			"type as URL, author array of strings",
			`{"@type":"http://schema.org/ReportageNewsArticle","headline":"Report","author":["Jane Doe","https://example.com/john"]}`,
			"Report", []string{"Jane Doe"},
		},
		{
			"organization only",
			`{"@type":"NewsArticle","headline":"Org story","author":{"@type":"Organization","name":"Contributors to Example Projects"}}`,
			"Org story", []string{"Contributors to Example Projects"},
		},
		{
			"given and family name",
			`{"@type":"Article","headline":"Names","author":{"@type":"Person","givenName":"Jane","familyName":"Doe"}}`,
			"Names", []string{"Jane Doe"},
		},
		{
			"trailing commas and raw newline repaired",
			"{\"@type\":\"Article\",\"headline\":\"Fixed\n title\",\"author\":{\"name\":\"Jane Doe\",},}",
			"Fixed title", []string{"Jane Doe"},
		},
		{
			"CDATA wrapped",
			`<![CDATA[{"@type":"Article","headline":"Wrapped","author":{"name":"Jane Doe"}}]]>`,
			"Wrapped", []string{"Jane Doe"},
		},
		{
			"name and headline differ: headline resembles the title",
			`{"@type":"NewsArticle","name":"Example News","headline":"Budget vote delayed again","author":{"name":"Jane Doe"}}`,
			"Budget vote delayed again", []string{"Jane Doe"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><head><title>Budget vote delayed again - Example News</title><script type="application/ld+json">` +
				tc.ld + `</script></head><body></body></html>`
			m := extractString(t, page, "https://example.com/a")
			assert.Equal(t, tc.title, m.Title)
			assert.Equal(t, tc.authors, m.Authors)
		})
	}
}

func TestExtractBrokenJSONLDFallsBackToOG(t *testing.T) {
	page := `<html><head>
<title>Ignored title | Example</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Broken" "author": </script>
<meta property="og:title" content="Open Graph Title">
<meta property="og:site_name" content="Example">
<meta property="og:description" content="OG description">
<meta property="og:image" content="//cdn.example.com/og.png">
<meta property="og:url" content="https://example.com/story">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="article:modified_time" content="2024-03-05T12:00:00Z">
<meta property="article:author" content="https://example.com/authors/jane">
<meta property="article:author" content="Jane Doe">
<meta property="article:tag" content="Rust">
<meta property="article:tag" content="rust">
<meta property="article:tag" content="Go">
<meta property="article:section" content="Programming">
</head><body><h1>Open Graph Title</h1></body></html>`
	m := extractString(t, page, "https://example.com/story?utm=1")
	assert.Equal(t, "Open Graph Title", m.Title)
	assert.Equal(t, "Example", m.SiteName)
	assert.Equal(t, "OG description", m.Description)
	assert.Equal(t, "https://cdn.example.com/og.png", m.Image)
	assert.Equal(t, "https://example.com/story", m.URL)
	assert.Equal(t, "article", m.Type)
	assert.Equal(t, []string{"Jane Doe"}, m.Authors, "article:author URL is not a name")
	assert.True(t, m.Published.Equal(time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)))
	assert.True(t, m.Modified.Equal(time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC)))
	assert.Equal(t, []string{"Rust", "Go"}, m.Tags)
	assert.Equal(t, []string{"Programming"}, m.Categories)
	assert.Empty(t, m.ArticleBody)
}

func TestExtractTitleWithoutAuthor(t *testing.T) {
	page := `<html><head>
<meta property="og:title" content="Why the harbour ferry matters | Jane Doe">
<meta name="author" content="Jane Doe">
</head><body></body></html>`
	m := extractString(t, page, "https://www.example.com/opinion/1")
	assert.Equal(t, "Why the harbour ferry matters", m.Title, "the author's name appended to the title")
	assert.Equal(t, []string{"Jane Doe"}, m.Authors)
}

func TestExtractOGOnly(t *testing.T) {
	page := `<html><head>
<meta property="og:title" content="Mayor announces new budget plan | Example Times">
<meta property="og:site_name" content="Example Times">
<meta property="og:locale" content="fr_FR">
<meta name="twitter:image" content="/tw.png">
<meta name="twitter:description" content="Twitter description">
</head><body></body></html>`
	m := extractString(t, page, "https://www.example.com/news/1")
	assert.Equal(t, "Mayor announces new budget plan", m.Title, "site name stripped from og:title")
	assert.Equal(t, "Example Times", m.SiteName)
	assert.Equal(t, "fr-FR", m.Language)
	assert.Equal(t, "https://www.example.com/tw.png", m.Image)
	assert.Equal(t, "Twitter description", m.Description)
	assert.Empty(t, m.URL)
	assert.Nil(t, m.Authors)
	assert.True(t, m.Published.IsZero())
}

func TestExtractMetaOnly(t *testing.T) {
	page := `<html><head>
<meta http-equiv="Content-Language" content="de-de">
<title>Neue Regeln für Radfahrer in der Stadt - Example Zeitung</title>
<meta name="Author" content="Von Hans Meier und Erika Mustermann">
<meta name="DESCRIPTION" content="Was sich &amp;amp; ändert.">
<meta name="keywords" content="Verkehr, Fahrrad, , Stadt">
<meta name="news_keywords" content="fahrrad, Politik">
<meta name="dc.date.issued" content="2024-03-05">
<meta name="application-name" content="Example Zeitung">
<link rel="canonical" href="javascript:alert(1)">
<link rel="canonical" href="">
<base href="https://static.example.de/base/">
<link rel="image_src" href="img/lead.jpg">
</head><body><h1>Neue Regeln für Radfahrer</h1></body></html>`
	m := extractString(t, page, "https://www.example.de/a/b.html")
	assert.Equal(t, "Neue Regeln für Radfahrer in der Stadt", m.Title)
	assert.Equal(t, []string{"Hans Meier", "Erika Mustermann"}, m.Authors)
	assert.Equal(t, "Was sich & ändert.", m.Description, "doubly escaped entity decoded")
	assert.Equal(t, []string{"Verkehr", "Fahrrad", "Stadt", "Politik"}, m.Tags)
	assert.True(t, m.Published.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)))
	assert.Equal(t, "de-DE", m.Language)
	assert.Equal(t, "Example Zeitung", m.SiteName)
	assert.Empty(t, m.URL, "non-http and empty canonicals are ignored")
	assert.Equal(t, "https://static.example.de/base/img/lead.jpg", m.Image, "resolved against <base href>")
}

func TestExtractMetaNames(t *testing.T) {
	tests := []struct {
		name, metas string
		authors     []string
		published   string
	}{
		{"dc.creator bibliographic", `<meta name="DC.creator" content="Doe, Jane"><meta name="DC.creator" content="Roe, John">`, []string{"Doe, Jane", "Roe, John"}, ""},
		{"citation", `<meta name="citation_author" content="Jane Doe"><meta name="citation_publication_date" content="2024/03/05">`, []string{"Jane Doe"}, "2024-03-05"},
		{"parsely", `<meta name="parsely-author" content="Jane Doe"><meta name="parsely-pub-date" content="2024-03-05T10:00:00Z">`, []string{"Jane Doe"}, "2024-03-05T10:00:00Z"},
		{"sailthru", `<meta name="sailthru.author" content="Jane Doe"><meta name="sailthru.date" content="Tue, 05 Mar 2024 10:00:00 -0500">`, []string{"Jane Doe"}, "2024-03-05T15:00:00Z"},
		{"email in author", `<meta name="author" content="Jung Min-ho mj6c2@example.com"><meta name="pubdate" content="20240305">`, []string{"Jung Min-ho"}, "2024-03-05"},
		{"itemprop meta", `<meta itemprop="author" content="Jane Doe"><meta itemprop="datePublished" content="2024-03-05">`, []string{"Jane Doe"}, "2024-03-05"},
		{"site name is not an author", `<meta name="author" content="Example News"><meta property="og:site_name" content="Example News">`, nil, ""},
		{"personal site keeps author", `<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Jane Doe">`, []string{"Jane Doe"}, ""},
		{"author email only", `<meta name="author" content="jane@example.com">`, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := extractString(t, `<html><head><title>A reasonably long title</title>`+tc.metas+`</head><body></body></html>`, "https://example.com/x")
			assert.Equal(t, tc.authors, m.Authors)
			if tc.published == "" {
				assert.True(t, m.Published.IsZero())
			} else {
				assert.True(t, m.Published.Equal(mustDate(t, tc.published)), "got %v", m.Published)
			}
		})
	}
}

func TestExtractMicrodata(t *testing.T) {
	page := `<html><head><title>Welcome to the Example Blog</title></head><body>
<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Not The Author</span></div>
<article itemscope itemtype="http://schema.org/BlogPosting">
  <h1 itemprop="headline"><a href="/post/1">A Post About Microdata Markup</a></h1>
  <div itemprop="author" itemscope itemtype="http://schema.org/Person">
    By <a href="/u/jane" itemprop="url"><span itemprop="name">Jane Doe</span></a>
  </div>
  <span itemprop="author">John Roe</span>
  <time itemprop="datePublished" datetime="2024-03-05T10:00:00-05:00">March 5</time>
  <meta itemprop="dateModified" content="2024-03-06">
  <p itemprop="description">A short summary.</p>
  <img itemprop="image" src="/img/post.png">
</article>
</body></html>`
	m := extractString(t, page, "https://blog.example.com/post/1")
	assert.Equal(t, "Welcome to the Example Blog", m.Title, "the document title comes first")
	assert.Equal(t, []string{"Jane Doe", "John Roe"}, m.Authors)
	assert.True(t, m.Published.Equal(mustDate(t, "2024-03-05T15:00:00Z")))
	assert.True(t, m.Modified.Equal(mustDate(t, "2024-03-06")))
	assert.Equal(t, "A short summary.", m.Description)
	assert.Equal(t, "https://blog.example.com/img/post.png", m.Image)

	// Without a <title>, the microdata headline is used.
	m = extractString(t, strings.Replace(page, "<title>Welcome to the Example Blog</title>", "", 1), "https://blog.example.com/post/1")
	assert.Equal(t, "A Post About Microdata Markup", m.Title)
}

func TestExtractTimeFallback(t *testing.T) {
	page := `<html><head><title>Time fallback test page</title></head><body>
<header><time datetime="2020-01-01">Today</time></header>
<article><h1>Story</h1><p>Text</p><time datetime="2024-03-05T10:00:00+02:00">5 March</time></article>
<time class="updated" datetime="2024-03-07">later</time>
</body></html>`
	m := extractString(t, page, "")
	assert.True(t, m.Published.Equal(mustDate(t, "2024-03-05T08:00:00Z")), "first <time> inside <article>: %v", m.Published)
	assert.True(t, m.Modified.Equal(mustDate(t, "2024-03-07")))

	page = `<html><body><div><time class="entry-date published" datetime="2023-12-24">Dec 24</time></div></body></html>`
	m = extractString(t, page, "")
	assert.True(t, m.Published.Equal(mustDate(t, "2023-12-24")))
}

func TestExtractBylineElements(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"byline class", `<div class="article-byline">By Jane Doe and John Roe | Updated March 3, 2025</div>`, []string{"Jane Doe", "John Roe"}},
		{"lines of a byline", `<div class="author_fmt">By <a rel="author" href="/jane">Jane  Doe</a><br>Example Health News</div>`, []string{"Jane Doe"}},
		{"itemprop name inside", `<div class="byline"><span>Written by</span> <span itemprop="name">Jane Doe</span> on <span>March 3</span></div>`, []string{"Jane Doe"}},
		{"hidden byline skipped", `<div class="byline" style="display: none">By Ghost Writer</div><p class="author">Jane Doe</p>`, []string{"Jane Doe"}},
		{"comments skipped", `<div id="comments"><span class="comment-author">Troll Person</span></div><span class="byline">Jane Doe</span>`, []string{"Jane Doe"}},
		{"authorization is not an author", `<div id="authorization">Sign In</div><div class="byline">Jane Doe</div>`, []string{"Jane Doe"}},
		{"rel author link", `<p>Posted by <a rel="author" href="/u/jd">Jane Doe</a></p>`, []string{"Jane Doe"}},
		{"long text is not a byline", `<div class="author-bio">Jane Doe is a reporter who has covered city hall for many years and writes about transit, housing and budgets.</div>`, nil},
		{"not a name", `<div class="author-note">A note from the editors of this page</div>`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := extractString(t, `<html><head><title>Byline test page title</title></head><body>`+tc.body+`</body></html>`, "https://example.com/")
			assert.Equal(t, tc.want, m.Authors)
		})
	}
}

func TestExtractTitleRules(t *testing.T) {
	tests := []struct {
		name, head, body, want string
	}{
		{"document title cut", `<title>Mayor announces new budget plan | Example</title>`, ``, "Mayor announces new budget plan"},
		{"site name stripped by og:site_name", `<title>Mayor announces new budget plan - Example Daily</title><meta property="og:site_name" content="Example Daily">`, ``, "Mayor announces new budget plan"},
		{"site-only title uses h1", `<title>Example Daily</title><meta property="og:site_name" content="Example Daily">`, `<h1>Mayor announces new budget plan</h1>`, "Mayor announces new budget plan"},
		{"site-only og:title uses h1", `<meta property="og:title" content="Example Daily"><meta property="og:site_name" content="Example Daily">`, `<h1>Real headline here</h1>`, "Real headline here"},
		{"colon kept when a heading repeats it", `<title>Zimbabwe coup: what happens next for the country</title>`, `<h1>Zimbabwe coup: what happens next for the country</h1>`, "Zimbabwe coup: what happens next for the country"},
		{"colon cut when a heading confirms it", `<title>Example Blog: What happens next for the country</title>`, `<h2>What happens next for the country</h2>`, "What happens next for the country"},
		{"short title replaced by the only h1", `<title>Home page</title>`, `<h1>A much more descriptive headline</h1>`, "A much more descriptive headline"},
		{"svg title ignored", ``, `<svg><title>icon</title></svg><h1>Only heading</h1>`, "Only heading"},
		{"dc:title property preferred over name", `<meta name="DC.title" content="Name title"><meta property="dc:title" content="Property title">`, ``, "Property title"},
		{"entities and spaces", `<title>  Fish &amp;amp; Chips:
		  a   history of the dish </title>`, ``, "Fish & Chips: a history of the dish"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := extractString(t, `<html><head>`+tc.head+`</head><body>`+tc.body+`</body></html>`, "https://www.example.com/")
			assert.Equal(t, tc.want, m.Title)
		})
	}
}

func TestExtractEmpty(t *testing.T) {
	assert.Equal(t, Meta{}, Extract(nil, nil))
	m := extractString(t, ``, "")
	assert.Equal(t, Meta{}, m)
}

// TestExtractDeepDocument checks that a very deep tree is walked without
// recursion and in reasonable time.
func TestExtractDeepDocument(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<html lang="en"><head><title>Deep page title here</title></head><body></body></html>`))
	require.NoError(t, err)
	var body *html.Node
	for n := doc; n != nil; {
		if n.DataAtom == atom.Body {
			body = n
			break
		}
		if n.FirstChild != nil {
			n = n.FirstChild
		} else {
			for n != nil && n.NextSibling == nil {
				n = n.Parent
			}
			if n != nil {
				n = n.NextSibling
			}
		}
	}
	require.NotNil(t, body)
	const depth = 300000
	cur := body
	for i := 0; i < depth; i++ {
		attrs := []html.Attribute{{Key: "class", Val: "author"}}
		if i%3 == 0 {
			attrs = append(attrs, html.Attribute{Key: "itemscope"}, html.Attribute{Key: "itemprop", Val: "author"})
		}
		d := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div, Attr: attrs}
		cur.AppendChild(d)
		cur = d
	}
	cur.AppendChild(&html.Node{Type: html.TextNode, Data: "By Jane Doe"})
	start := time.Now()
	m := Extract(doc, nil)
	elapsed := time.Since(start)
	t.Logf("Extract on a %d-deep tree: %v", depth, elapsed)
	assert.Less(t, elapsed, 10*time.Second)
	assert.Equal(t, "Deep page title here", m.Title)
	assert.Equal(t, "en", m.Language)
}
