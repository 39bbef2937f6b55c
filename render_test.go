package cleaner

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func md(blocks ...Block) string { return (&Article{Blocks: blocks}).Markdown() }

func TestMarkdownEscaping(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		"plain text, with commas. And dots.": "plain text, with commas. And dots.",
		"**bold** _it_ `code` ~~s~~":         `\*\*bold\*\* \_it\_ \` + "`code\\`" + ` \~\~s\~\~`,
		"[x](javascript:alert(1))":           `\[x\](javascript:alert(1))`,
		"![img](x.png)":                      `!\[img\](x.png)`,
		"<script>alert(1)</script>":          `\<script>alert(1)\</script>`,
		"&amp; &copy; &#60;":                 `\&amp; \&copy; \&\#60;`,
		"# not a heading":                    `\# not a heading`,
		"1. not a list":                      `1\. not a list`,
		"2) not a list":                      `2\) not a list`,
		"1986. A year":                       `1986\. A year`,
		"- not a list":                       `\- not a list`,
		"+ not a list":                       `\+ not a list`,
		"> not a quote":                      `\> not a quote`,
		"---":                                `\---`,
		"===":                                `\===`,
		":--":                                `\:--`,
		"a | b":                              `a \| b`,
		`back\slash`:                         `back\\slash`,
		"line one\n# two\n1. three":          "line one\\\n\\# two\\\n1\\. three",
		"ends with a backslash \\\nnext":     "ends with a backslash \\\\  \nnext",
		"a - b + c = d > e: f 3.5":           "a - b + c = d > e: f 3.5",
	} {
		assert.Equal(t, want+"\n", md(Block{Kind: Paragraph, Text: text}), "%q", text)
	}
}

func TestMarkdownInline(t *testing.T) {
	t.Parallel()
	text := "Use emphasis, strong, code and a link."
	sp := func(sub string, k SpanKind, href string) Span {
		i := strings.Index(text, sub)
		return Span{Start: i, End: i + len(sub), Kind: k, Href: href}
	}
	got := md(Block{Kind: Paragraph, Text: text, Spans: []Span{
		sp("emphasis", Emphasis, ""), sp("strong", Strong, ""), sp("code", InlineCode, ""), sp("a link", Link, "https://x.example/a_(b)"),
	}})
	assert.Equal(t, "Use *emphasis*, **strong**, `code` and [a link](https://x.example/a_\\(b\\)).\n", got)

	// Markup that CommonMark cannot read back as written is left out.
	text = "word(bracketed)word"
	got = md(Block{Kind: Paragraph, Text: text, Spans: []Span{{Start: 4, End: 15, Kind: Strong}}})
	assert.Equal(t, "word(bracketed)word\n", got)
	// Links to anything but http, https and mailto keep only their text;
	// crossing and same-kind nested spans are dropped; bad offsets ignored.
	text = "one two three"
	got = md(Block{Kind: Paragraph, Text: text, Spans: []Span{
		{Start: 0, End: 3, Kind: Link, Href: "javascript:alert(1)"},
		{Start: 4, End: 13, Kind: Emphasis}, {Start: 8, End: 13, Kind: Emphasis},
		{Start: 2, End: 6, Kind: Strong}, {Start: -1, End: 99, Kind: Strong}, {Start: 5, End: 5, Kind: InlineCode},
	}})
	assert.Equal(t, "on**e tw**o *three*\n", got)
	// Code spans: a fence longer than any backtick run, padded when needed.
	for code, want := range map[string]string{"x": "`x`", "a`b": "``a`b``", "`x`": "`` `x` ``", "``": "``` `` ```"} {
		assert.Equal(t, want+"\n", md(Block{Kind: Paragraph, Text: code, Spans: []Span{{Start: 0, End: len(code), Kind: InlineCode}}}), code)
	}
	// "!" before a link is escaped, or the link would be an image.
	assert.Equal(t, "wow\\![link](https://x.example/)\n", md(Block{Kind: Paragraph, Text: "wow!link", Spans: []Span{{Start: 4, End: 8, Kind: Link, Href: "https://x.example/"}}}))
}

func TestMarkdownBlocks(t *testing.T) {
	t.Parallel()
	got := md(
		Block{Kind: Heading, Level: 1, Text: "Title #1"},
		Block{Kind: Heading, Level: 9, Text: "Deep\nheading"},
		Block{Kind: ListItem, Level: 1, Text: "a"},
		Block{Kind: ListItem, Level: 2, Text: "b\nsecond line"},
		Block{Kind: ListItem, Level: 3, Ordered: true, Number: 1, Text: "c"},
		Block{Kind: ListItem, Level: 3, Ordered: true, Number: 2, Text: "d"},
		Block{Kind: ListItem, Level: 1, Ordered: true, Number: 10, Text: "e"},
		Block{Kind: ListItem, Level: 2, Ordered: true, Number: 7, Text: "f"},
		Block{Kind: Quote, Text: "q1"},
		Block{Kind: Quote, Text: "q2\nline"},
		Block{Kind: Separator},
		Block{Kind: Code, Lang: "go", Text: "a := \"```\"\n\tb()"},
		Block{Kind: Code, Lang: "x`y", Text: "~~~"},
		Block{Kind: TableRow, Header: true, Text: "h | i", Cells: []string{"h", "i"}},
		Block{Kind: TableRow, Text: "1 | a|b | extra", Cells: []string{"1", "a|b", "extra"}},
		Block{Kind: Separator},
		Block{Kind: TableRow, Text: "no header"},
		Block{Kind: Figure, Src: "https://i.example/a (1).png", Alt: "alt [x]", Text: "Caption *c*"},
		Block{Kind: Figure, Src: "https://i.example/b.png"},
		Block{Kind: Caption, Text: "A caption"},
		Block{Kind: Separator},
		Block{Kind: Separator},
	)
	want := "# Title \\#1\n\n" +
		"###### Deep heading\n\n" +
		"- a\n" +
		"  - b\\\n    second line\n" +
		"    1. c\n" +
		"    2. d\n" +
		"10. e\n\n" +
		"    7. f\n\n" +
		"> q1\n>\n> q2\\\n> line\n\n" +
		"---\n\n" +
		"````go\na := \"```\"\n\tb()\n````\n\n" +
		"```\n~~~\n```\n\n" +
		"| h | i |  |\n| --- | --- | --- |\n| 1 | a\\|b | extra |\n\n" +
		"---\n\n" +
		"|  |\n| --- |\n| no header |\n\n" +
		"![alt \\[x\\]](https://i.example/a%20\\(1\\).png)\nCaption \\*c\\*\n\n" +
		"![](https://i.example/b.png)\n\n" +
		"A caption\n"
	assert.Equal(t, want, got)
	assert.Equal(t, "", md(), "no blocks, no Markdown")
	assert.Equal(t, "", md(Block{Kind: Separator}), "only separators")
}

// yamlUnquote reads a YAML double-quoted scalar, as far as yamlQuote
// writes them.
func yamlUnquote(t *testing.T, s string) string {
	t.Helper()
	require.True(t, len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"', "not double-quoted: %s", s)
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		require.False(t, c == '"' || c < 0x20 || c == 0x7f, "raw %q in %s", c, s)
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case '"', '\\':
			b.WriteByte(s[i])
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '0':
			b.WriteByte(0)
		case 'x':
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			require.NoError(t, err)
			b.WriteRune(rune(v))
			i += 2
		case 'u':
			v, err := strconv.ParseUint(s[i+1:i+5], 16, 16)
			require.NoError(t, err)
			b.WriteRune(rune(v))
			i += 4
		default:
			t.Fatalf("escape \\%c in %s", s[i], s)
		}
	}
	return b.String()
}

func TestMarkdownWithFrontMatter(t *testing.T) {
	t.Parallel()
	nasty := "Quote \" back\\slash \n new\tline \x01\x7f\u0085 \u2028 \ufeff: - # [x] {y} 'z' ---"
	a := &Article{
		Title:       nasty,
		Authors:     []string{"Ana \"Lima\"", "", "Bo"},
		Published:   time.Date(2024, 10, 21, 9, 30, 0, 0, time.FixedZone("KST", 9*3600)),
		URL:         "https://x.example/a?b=c&d",
		SiteName:    "Site: name",
		Language:    "en",
		Tags:        []string{"- dash", "yes"},
		Description: "true",
		Blocks:      []Block{{Kind: Paragraph, Text: "Body."}},
	}
	got := a.MarkdownWithFrontMatter()
	head, body, ok := strings.Cut(strings.TrimPrefix(got, "---\n"), "---\n")
	require.True(t, ok, got)
	assert.Equal(t, "\nBody.\n", body)
	fields := map[string][]string{}
	var key string
	for _, line := range strings.Split(strings.TrimSuffix(head, "\n"), "\n") {
		if v, ok := strings.CutPrefix(line, "  - "); ok {
			fields[key] = append(fields[key], yamlUnquote(t, v))
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		require.True(t, ok, line)
		key = k
		if v != "" {
			fields[k] = append(fields[k], yamlUnquote(t, strings.TrimPrefix(v, " ")))
		}
	}
	assert.Equal(t, map[string][]string{
		"title":       {strings.ToValidUTF8(nasty, "\uFFFD")},
		"authors":     {"Ana \"Lima\"", "Bo"},
		"published":   {"2024-10-21T09:30:00+09:00"},
		"url":         {"https://x.example/a?b=c&d"},
		"sitename":    {"Site: name"},
		"language":    {"en"},
		"tags":        {"- dash", "yes"},
		"description": {"true"},
	}, fields)
	assert.Equal(t, "---\n---\n", (&Article{}).MarkdownWithFrontMatter())
	assert.Equal(t, `"\xFF"`, yamlQuote("\xff")[0:0]+`"\xFF"`)
	assert.Equal(t, "\"\uFFFD\"", yamlQuote("\xff"), "invalid UTF-8 is replaced")
}

func TestArticleJSON(t *testing.T) {
	t.Parallel()
	a := &Article{
		Title: "T", URL: "https://WWW.Example.com/x", Charset: "utf-8", Text: "<b>&",
		Published: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		Blocks: []Block{
			{Kind: Paragraph, Text: "<b>&", Spans: []Span{{Start: 0, End: 3, Kind: Link, Href: "https://x.example/"}}},
			{Kind: TableRow, Header: true, Text: "a | b", Cells: []string{"a", "b"}},
			{Kind: Figure, Src: "https://i.example/x.png", Alt: "x"},
			{Kind: ListItem, Level: 1, Ordered: true, Number: 3, Text: "i"},
			{Kind: Code, Lang: "go", Text: "x"},
		},
	}
	b, err := a.JSON()
	require.NoError(t, err)
	assert.NotContains(t, string(b), `\u003c`, "HTML characters not escaped")
	assert.False(t, strings.HasSuffix(string(b), "\n"))
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	assert.Equal(t, []string{"authors", "blocks", "categories", "charset", "comments", "description", "hostname", "image", "language", "published",
		"sitename", "subtitle", "tags", "text", "title", "url"}, keys)
	assert.Equal(t, "www.example.com", m["hostname"])
	assert.Equal(t, []any{}, m["authors"])
	assert.Equal(t, "2024-01-02T03:04:05Z", m["published"])
	var back ArticleJSON
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, []BlockJSON{
		{Kind: "paragraph", Text: "<b>&", Spans: []SpanJSON{{Start: 0, End: 3, Kind: "link", Href: "https://x.example/"}}},
		{Kind: "table-row", Text: "a | b", Header: true, Cells: []string{"a", "b"}},
		{Kind: "figure", Text: "", Src: "https://i.example/x.png", Alt: "x"},
		{Kind: "list-item", Level: 1, Text: "i", Ordered: true, Number: 3},
		{Kind: "code", Text: "x", Lang: "go"},
	}, back.Blocks)
	assert.Nil(t, back.Removed)

	// With the trace, removed is there even when empty.
	a.Removed = []Removal{}
	b, err = a.JSON()
	require.NoError(t, err)
	assert.Contains(t, string(b), `"removed":[]`)
}

func TestHTMLRenderer(t *testing.T) {
	t.Parallel()
	a := &Article{Blocks: []Block{
		{Kind: Heading, Level: 2, Text: "H <i>"},
		{Kind: ListItem, Level: 1, Text: "a"},
		{Kind: ListItem, Level: 2, Ordered: true, Number: 3, Text: "b"},
		{Kind: ListItem, Level: 2, Text: "c"},
		{Kind: ListItem, Level: 1, Ordered: true, Number: 1, Text: "d"},
		{Kind: Quote, Text: "q"},
		{Kind: Code, Lang: "go\"x", Text: "\n<x>"},
		{Kind: TableRow, Text: "r", Cells: []string{"r"}},
		{Kind: Figure, Src: "javascript:alert(1)", Alt: "bad", Text: "cap"},
		{Kind: Paragraph, Text: "line\nbreak & <b>", Spans: []Span{{Start: 0, End: 4, Kind: Link, Href: "https://x.example/?a=1&b=2"}}},
	}}
	want := "<h2>H &lt;i&gt;</h2>\n" +
		"<ul>\n<li>a<ol start=\"3\">\n<li>b</li>\n</ol>\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>\n" +
		"<ol>\n<li>d</li>\n</ol>\n" +
		"<blockquote>\n<p>q</p>\n</blockquote>\n" +
		"<pre><code>\n&lt;x&gt;</code></pre>\n" +
		"<table>\n<tbody>\n<tr><td>r</td></tr>\n</tbody>\n</table>\n" +
		"<figure><figcaption>cap</figcaption></figure>\n" +
		"<p><a href=\"https://x.example/?a=1&amp;b=2\" rel=\"nofollow noopener\">line</a><br/>break &amp; &lt;b&gt;</p>\n"
	got := a.HTML()
	assert.Equal(t, want, got)
	assert.Equal(t, got, SanitizeHTML(got, nil), "stable")
	assert.Equal(t, "", (&Article{}).HTML())
}

// TestGoldenRenders checks the golden Markdown and HTML files themselves:
// the HTML is what the sanitizer lets through and stable; the Markdown is
// valid UTF-8 and ends with one newline.
func TestGoldenRenders(t *testing.T) {
	t.Parallel()
	if *update {
		t.Skip("updating")
	}
	for _, gc := range loadGoldenCases(t) {
		if gc.isText {
			continue
		}
		h, err := os.ReadFile(filepath.Join(gc.dir, "expected.html"))
		require.NoError(t, err)
		checkSanitized(t, gc.name, string(h), nil)
		m, err := os.ReadFile(filepath.Join(gc.dir, "expected.md"))
		require.NoError(t, err)
		assert.True(t, utf8.Valid(m), gc.name)
		if len(m) > 0 {
			assert.True(t, strings.HasSuffix(string(m), "\n") && !strings.HasSuffix(string(m), "\n\n"), gc.name)
		}
	}
	// The injection case: page text that looks like markup stays text.
	m, err := os.ReadFile(filepath.Join("testdata", "render-injection", "expected.md"))
	require.NoError(t, err)
	unescaped := regexp.MustCompile("(^|[^\\\\])(<script|<img|\\]\\(javascript|\\*\\*bold)|(?m)^(1\\.|-|\\+|#|=|```|~~~) ")
	assert.Empty(t, unescaped.FindAllString(string(m), -1))
}
