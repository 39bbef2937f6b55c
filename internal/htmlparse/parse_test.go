package htmlparse

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textOf returns the text of the tree under n, scripts and styles excluded,
// walking it iteratively.
func textOf(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style):
			continue
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

// depth returns the maximum element depth of the tree under n.
func depth(n *html.Node) int {
	type item struct {
		n *html.Node
		d int
	}
	deepest := 0
	stack := []item{{n, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		deepest = max(deepest, it.d)
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			d := it.d
			if c.Type == html.ElementNode {
				d++
			}
			stack = append(stack, item{c, d})
		}
	}
	return deepest
}

// find returns the first element with atom a under n, in document order.
func find(n *html.Node, a atom.Atom) *html.Node {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && n.DataAtom == a {
			return n
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return nil
}

func render(t testing.TB, n *html.Node) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, html.Render(&b, n))
	return b.String()
}

// parseTimed parses data with Parse within budget and checks the
// invariants of every result.
func parseTimed(t *testing.T, data []byte, budget time.Duration) *html.Node {
	t.Helper()
	start := time.Now()
	doc, err := Parse(data)
	elapsed := time.Since(start)
	require.NoError(t, err)
	require.NotNil(t, doc)
	assert.Less(t, elapsed, budget*budgetScale, "Parse took %v", elapsed)
	assert.LessOrEqual(t, depth(doc), 512)
	return doc
}

// requireTrap asserts that html.Parse itself rejects data, so that a test
// exercises the flattening.
func requireTrap(t *testing.T, data []byte) {
	t.Helper()
	_, err := html.Parse(bytes.NewReader(data))
	require.Error(t, err, "html.Parse was expected to reject this input")
}

func TestNormalPagesParseLikeHTMLParse(t *testing.T) {
	docs := []string{
		"",
		"plain text only",
		bigPage(20 << 10),
		`<!DOCTYPE html><html><head><title>T</title><meta charset=utf-8></head>` +
			`<body><p>One<p>Two<ul><li>a<li>b</ul><dl><dt>x<dd>y</dl>` +
			`<table><tr><td>1<td>2<tr><td>3</table>` +
			`<b><i>misnested</b></i> <a href=1>one<a href=2>two</a>` +
			`<form><input name=q><select><option>a<option>b</select></form>` +
			`<svg><path d="M0"/><title>svg title</title><foreignObject><p>html</p></foreignObject></svg>` +
			`<template><tr><td>tpl</td></tr></template><script>if (a < b) {}</script></body></html>`,
		`<p>unclosed <b>bold <i>both</p> after` + strings.Repeat("<div>x", 100),
	}
	for i, d := range docs {
		want, err := html.Parse(strings.NewReader(d))
		require.NoError(t, err)
		got, err := Parse([]byte(d))
		require.NoError(t, err)
		assert.Equal(t, render(t, want), render(t, got), "document %d", i)
	}
}

func TestUnclosedBold(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><p>start ")
	for i := range 600 {
		fmt.Fprintf(&b, "<b>word%d ", i)
	}
	b.WriteString("end</p></body></html>")
	data := []byte(b.String())
	requireTrap(t, data)

	doc := parseTimed(t, data, 2*time.Second)
	text := textOf(doc)
	for i := range 600 {
		require.Contains(t, text, fmt.Sprintf("word%d ", i))
	}
	assert.Contains(t, text, "start ")
	assert.Contains(t, text, "end")
}

func TestDeeplyNestedDivs(t *testing.T) {
	const n = 20000
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><body>")
	for i := range n {
		b.WriteString("<div>")
		if i%1000 == 0 {
			fmt.Fprintf(&b, "level%d ", i)
		}
	}
	b.WriteString("bottom text")
	for i := n - 1; i >= 0; i-- {
		if i%1000 == 0 {
			fmt.Fprintf(&b, " closing%d", i)
		}
		b.WriteString("</div>")
	}
	b.WriteString("<p>after</p></body></html>")
	data := []byte(b.String())
	requireTrap(t, data)

	doc := parseTimed(t, data, 2*time.Second)
	text := textOf(doc)
	assert.Contains(t, text, "bottom text")
	assert.Contains(t, text, "after")
	for i := 0; i < n; i += 1000 {
		assert.Contains(t, text, fmt.Sprintf("level%d ", i))
		assert.Contains(t, text, fmt.Sprintf(" closing%d", i))
	}
	// The <p> after the divs is back at body level.
	p := find(doc, atom.P)
	require.NotNil(t, p)
	assert.Equal(t, atom.Body, p.Parent.DataAtom)
}

func TestManyUnclosedSpans(t *testing.T) {
	const n = 100000
	var b strings.Builder
	b.WriteString("<html><body><article>")
	for i := range n {
		b.WriteString("<span>")
		if i%997 == 0 {
			fmt.Fprintf(&b, "s%d ", i)
		}
	}
	b.WriteString("the end</article></body></html>")
	data := []byte(b.String())
	requireTrap(t, data)

	doc := parseTimed(t, data, 2*time.Second)
	text := textOf(doc)
	assert.Contains(t, text, "the end")
	for i := 0; i < n; i += 997 {
		require.Contains(t, text, fmt.Sprintf("s%d ", i))
	}
}

func TestDeeplyNestedTables(t *testing.T) {
	const n = 2000
	var b strings.Builder
	b.WriteString("<html><body>")
	for i := range n {
		b.WriteString("<table><tr><td>")
		if i%100 == 0 {
			fmt.Fprintf(&b, "cell%d ", i)
		}
	}
	b.WriteString("bottom")
	for range n {
		b.WriteString("</td></tr></table>")
	}
	b.WriteString("<p>after tables</p></body></html>")
	data := []byte(b.String())
	requireTrap(t, data)

	doc := parseTimed(t, data, 2*time.Second)
	text := textOf(doc)
	assert.Contains(t, text, "bottom")
	assert.Contains(t, text, "after tables")
	for i := 0; i < n; i += 100 {
		assert.Contains(t, text, fmt.Sprintf("cell%d ", i))
	}
}

func TestManyStrayEndTags(t *testing.T) {
	data := []byte("<html><body><p>before</p>" + strings.Repeat("</x>", 300000) + "<p>after</p></body></html>")
	doc := parseTimed(t, data, 2*time.Second)
	text := textOf(doc)
	assert.Contains(t, text, "before")
	assert.Contains(t, text, "after")

	// The same within a page that must be flattened.
	data = []byte("<html><body>" + strings.Repeat("<div>", 1000) + "<p>before</p>" +
		strings.Repeat("</x>", 300000) + "<p>after</p></body></html>")
	requireTrap(t, data)
	doc = parseTimed(t, data, 2*time.Second)
	text = textOf(doc)
	assert.Contains(t, text, "before")
	assert.Contains(t, text, "after")
}

func TestArticleWithDeepLayout(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><title>News</title><style>p{}</style></head><body>` +
		`<header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>` +
		`<article><h1>Headline</h1><p>First paragraph of the story.</p><p>Second <b>bold</b> paragraph.</p>`)
	for range 600 {
		b.WriteString(`<div class="wrap">`)
	}
	b.WriteString(`<p>Deep paragraph.</p>`)
	for range 600 {
		b.WriteString(`</div>`)
	}
	b.WriteString(`<p>Third paragraph after the layout.</p><p>Fourth paragraph.</p></article>` +
		`<footer>Copyright</footer><script>var x = "<div>";</script></body></html>`)
	data := []byte(b.String())
	requireTrap(t, data)

	doc := parseTimed(t, data, 2*time.Second)
	article := find(doc, atom.Article)
	require.NotNil(t, article)
	text := textOf(article)
	for _, want := range []string{"Headline", "First paragraph of the story.", "Second bold paragraph.",
		"Deep paragraph.", "Third paragraph after the layout.", "Fourth paragraph."} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "Copyright")
	// The paragraphs after the layout are still paragraphs of the article.
	var paras []string
	for c := article.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.P {
			paras = append(paras, textOf(c))
		}
	}
	assert.Contains(t, paras, "Third paragraph after the layout.")
	assert.Contains(t, paras, "Fourth paragraph.")
	footer := find(doc, atom.Footer)
	require.NotNil(t, footer)
	assert.Equal(t, atom.Body, footer.Parent.DataAtom)
	script := find(doc, atom.Script)
	require.NotNil(t, script)
	assert.Equal(t, `var x = "<div>";`, textOf(script.FirstChild))
}

// pathological returns inputs that make html.Parse fail in various ways.
func pathological() map[string]string {
	rep := func(format string, n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	return map[string]string{
		// Formatting elements reopened in every paragraph.
		"reconstructed fonts": rep(`<p><font class="c%[1]d">text%[1]d</p>`, 1000),
		"unclosed links":      rep(`<p><a href="/%[1]d">link%[1]d</p>`, 1000),
		"adoption agency":     rep(`<b><div>item%d</b>`, 2000),
		"misnested inline":    rep(`<b><i>t%d</b>`, 2000),
		"stray cells":         rep(`<td><div>cell%d`, 2000),
		"rows without tables": rep(`<tr><span>row%d`, 2000),
		"unclosed list items": "<ul>" + rep(`<li><ul>item%d`, 1000),
		"options":             "<select>" + rep(`<optgroup><option>opt%d`, 2000),
		"svg nesting":         "<svg>" + rep(`<g><text>t%d</text>`, 2000),
		"svg breakout":        rep(`<svg><g><p>p%d`, 1000),
		"math":                rep(`<math><mi><b>m%d`, 1000),
		"custom elements":     rep(`<x-widget-%[1]d>w%[1]d`, 2000),
		"self-closing divs":   rep(`<div/>d%d`, 2000),
		"buttons":             rep(`<button><div>b%d`, 2000),
		"headings":            rep(`<h1><section>h%d`, 2000),
		"forms":               rep(`<div><form>f%d`, 2000),
		"nested forms":        rep(`<form><div>f%d</form>`, 2000),
		"templates":           rep(`<template><div>tpl%d`, 1000),
		"objects":             rep(`<object><b>o%d`, 1000),
		"tables in cells":     rep(`<table><td><div>c%d`, 1000),
		"captions":            rep(`<table><caption><div>cap%d`, 1000),
		"nobr":                rep(`<nobr><div>n%d`, 2000),
		"deep dl":             rep(`<dl><dt>t%[1]d<dd><div>d%[1]d`, 1000),
		"blockquotes":         rep(`<blockquote><p>q%d`, 2000),
		"raw text inside":     rep(`<div><textarea><b>t%d</textarea>`, 2000),
	}
}

func TestPathologicalInputs(t *testing.T) {
	tail := strings.Repeat("<span>", 600) + "tail"
	for name, doc := range pathological() {
		t.Run(name, func(t *testing.T) {
			data := []byte(doc + tail)
			requireTrap(t, data)
			parsed := parseTimed(t, data, 2*time.Second)
			text := textOf(parsed)
			// Every word of the input survives.
			for _, w := range words(doc) {
				if !strings.Contains(text, w) {
					t.Fatalf("lost %q", w)
				}
			}
			// The first flattening pass suffices.
			_, err := html.Parse(bytes.NewReader(flatten(data, limits{depth: 256, formatting: 32})))
			assert.NoError(t, err)
		})
	}
}

// words returns the text words of a generated test document: runs of
// letters and digits outside tags, with at least one digit.
func words(doc string) []string {
	var out []string
	inTag := false
	start := -1
	for i := 0; i <= len(doc); i++ {
		c := byte(' ')
		if i < len(doc) {
			c = doc[i]
		}
		alnum := 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
		if alnum && !inTag {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if w := doc[start:i]; strings.ContainsAny(w, "0123456789") {
				out = append(out, w)
			}
			start = -1
		}
		switch c {
		case '<':
			inTag = true
		case '>':
			inTag = false
		}
	}
	return out
}

func TestRandomTagSoup(t *testing.T) {
	tags := []string{"div", "p", "span", "b", "i", "a href=x", "font color=red", "em", "strong",
		"table", "tr", "td", "th", "tbody", "caption", "ul", "ol", "li", "dl", "dd", "dt",
		"h1", "h2", "section", "article", "form", "button", "select", "option", "svg", "math",
		"g", "foreignObject", "object", "nobr", "x-el", "pre", "center", "label",
		"br", "img", "hr", "input", "script", "style", "textarea", "title", "body", "html"}
	rng := rand.New(rand.NewSource(42))
	soup := func(n, closeOdds int) (string, []string) {
		var b strings.Builder
		var want []string
		for i := range n {
			tag := tags[rng.Intn(len(tags))]
			name, _, _ := strings.Cut(tag, " ")
			switch r := rng.Intn(10); {
			case r < 10-closeOdds-1:
				b.WriteString("<" + tag + ">")
			case r < 9:
				b.WriteString("</" + name + ">")
			default:
				b.WriteString("<" + tag + "/>")
			}
			switch name {
			case "script", "style", "textarea", "title":
				fmt.Fprintf(&b, "raw</%s>", name)
			}
			if i%7 == 0 {
				w := fmt.Sprintf("w%dx", i)
				want = append(want, w)
				b.WriteString(" " + w + " ")
			}
		}
		return b.String(), want
	}
	kept := func(doc *html.Node, want []string) map[string]bool {
		text := textOf(doc)
		m := make(map[string]bool)
		for _, w := range want {
			if strings.Contains(text, w+" ") {
				m[w] = true
			}
		}
		return m
	}
	for iter := range 100 {
		// Shallow soups: flattening keeps whatever the parser keeps.
		src, want := soup(300, 3+iter%5)
		orig, err := html.Parse(strings.NewReader(src))
		if err == nil {
			flat, err := html.Parse(bytes.NewReader(flatten([]byte(src), limits{depth: 256, formatting: 32})))
			require.NoError(t, err)
			origKept, flatKept := kept(orig, want), kept(flat, want)
			for w := range origKept {
				require.True(t, flatKept[w], "iteration %d: flattening lost %q", iter, w)
			}
		}

		// Deep soups: the first flattening pass must hold, and text survives.
		src, want = soup(4000, iter%3)
		data := []byte(src)
		doc, err := Parse(data)
		require.NoError(t, err)
		_, err = html.Parse(bytes.NewReader(flatten(data, limits{depth: 256, formatting: 32})))
		require.NoError(t, err, "iteration %d: first flattening pass failed", iter)
		assert.GreaterOrEqual(t, len(kept(doc, want))*10, len(want)*9, "iteration %d", iter)
	}
}

func TestFlattenKeepsShallowInputIntact(t *testing.T) {
	// Below the limits the flattener re-emits well-formed input byte for
	// byte, and messy input into the same tree.
	page := bigPage(50 << 10)
	assert.Equal(t, page, string(flatten([]byte(page), limits{depth: 256, formatting: 32})))

	for _, d := range []string{
		`<p>a<b>b<i>c</b>d</i><table><td>x</table>`,
		`<p>one<p>two<b>bold<p>three</b><div>four<i>five</div>six</i>`,
		`<ul><li>a<li>b<ul><li>c</ul><li>d</ul><dl><dt>t<dd>d<dt>t2</dl>`,
		`<table><caption>c<tr><td>1<td>2<tr><th>3<td><table><td>in</table>after</table>`,
		`<table><div>foster</div><tr><td>x</td></tr>text<b>bold</b></table>`,
		`<select><option>a<option>b<optgroup><option>c</select><input><button>x<button>y`,
		`<form><div><form>inner</form></div></form><form>second`,
		`<h1>one<h2>two</h1><h3>three`,
		`<a href=1>one<div>block<a href=2>two</div>three</a>`,
		`<svg><g><circle/><text>t</text><foreignObject><p>html<b>b</b></p></foreignObject></g></svg>after`,
		`<math><mi>x<b>y</b></mi><mo>+</mo></math><p>p`,
		`<p><font color=red>red<p>still red</font>plain`,
		`<nobr>a<nobr>b</nobr><object><b>o</object>after`,
		`<div><script>a<b>;</script><style>p{}</style><textarea><i>t</textarea><title>x</title></div>`,
	} {
		want, err := html.Parse(strings.NewReader(d))
		require.NoError(t, err)
		got, err := html.Parse(bytes.NewReader(flatten([]byte(d), limits{depth: 256, formatting: 32})))
		require.NoError(t, err)
		assert.Equal(t, render(t, want), render(t, got), d)
	}

	// Where the adoption agency would move elements around (a formatting
	// end tag with a block inside), the flattener drops the end tag: the
	// formatting extends further, the text is the same.
	d := `<b><p>x</b>y</p><b><div>z</b></div>`
	want, err := html.Parse(strings.NewReader(d))
	require.NoError(t, err)
	got, err := html.Parse(bytes.NewReader(flatten([]byte(d), limits{depth: 256, formatting: 32})))
	require.NoError(t, err)
	assert.Equal(t, textOf(want), textOf(got))
}

func TestTextOnly(t *testing.T) {
	in := `<div><p>one <b>two</b></p><script>no()</script><style>.no{}</style>` +
		`<title>a<b</title><xmp>x<y&z</xmp><table><tr><td>cell</td></tr></table>` +
		strings.Repeat("<span>", 1000) + "deep</div>"
	doc, err := html.Parse(bytes.NewReader(textOnly([]byte(in))))
	require.NoError(t, err)
	assert.LessOrEqual(t, depth(doc), 3)
	text := textOf(doc)
	for _, w := range []string{"one two", "a<b", "x<y&z", "cell", "deep"} {
		assert.Contains(t, text, w)
	}
	assert.NotContains(t, text, "no()")
	assert.NotContains(t, text, ".no{}")
}

func TestNoPanicOnOddInput(t *testing.T) {
	for _, d := range []string{
		"\x00<div\x00>\x00" + strings.Repeat("<b\x00>", 700),
		strings.Repeat("<svg><![CDATA[", 700) + "x",
		strings.Repeat("<table>", 3000),
		strings.Repeat("<frameset>", 3000),
		strings.Repeat("<p><plaintext>", 10),
		"<div" + strings.Repeat(" a=b", 10000),
		strings.Repeat("<!--", 1000) + strings.Repeat("<div>", 1000),
	} {
		doc, err := Parse([]byte(d))
		require.NoError(t, err)
		require.NotNil(t, doc)
	}
}

// bigPage returns a realistic page of about size bytes.
func bigPage(size int) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Big page</title>` +
		`<link rel="stylesheet" href="/s.css"><script>var x = 1 < 2;</script></head><body>` +
		`<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav></header><main>`)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, `<section class="s%d"><h2>Section %d</h2><p class="text">The quick brown fox `+
			`<em>jumps</em> over the <a href="/d/%d">lazy dog</a> &amp; friends.</p>`+
			`<table><tr><td>cell</td><td>%d</td></tr></table><ul><li>one<li>two</ul></section>`+"\n", i, i, i, i)
	}
	b.WriteString(`</main><footer>© 2026</footer></body></html>`)
	return b.String()
}

func BenchmarkParse200K(b *testing.B) {
	data := []byte(bigPage(200 << 10))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHTMLParse200K(b *testing.B) {
	data := []byte(bigPage(200 << 10))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := html.Parse(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDeepDivs(b *testing.B) {
	data := []byte(strings.Repeat("<div>x", 20000) + strings.Repeat("</div>", 20000))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
