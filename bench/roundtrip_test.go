package main

import (
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/boilerfree/cleaner"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestRoundTripDatasets is the acceptance figure of the Markdown renderer:
// on every page of both shared datasets, the text of goldmark's rendering
// of Article.Markdown() has the same word shingles as Article.Text (F1 at
// least 0.99, mean over pages and pooled).
func TestRoundTripDatasets(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	root := filepath.Join(defaultShared(), "eval")
	for _, name := range []string{"scrapinghub", "readability"} {
		dir := filepath.Join(root, name)
		if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
			t.Logf("%s: not found, skipped", dir)
			continue
		}
		d, err := loadDataset(dir, os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		for _, images := range []bool{false, true} {
			c, err := cleaner.New(cleaner.WithImages(images))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := roundTrip(context.Background(), c, d)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s (images %v): %d pages, mean page F1 %.4f, pooled F1 %.4f", name, images, rep.Pages, rep.MeanPageF1, rep.PooledF1)
			if rep.Pages < len(d.Pages)*9/10 {
				t.Errorf("%s: only %d of %d pages have text", name, rep.Pages, len(d.Pages))
			}
			if rep.MeanPageF1 < 0.99 || rep.PooledF1 < 0.99 {
				t.Errorf("%s (images %v): round trip F1 below 0.99: mean %.4f, pooled %.4f; worst %+v", name, images, rep.MeanPageF1, rep.PooledF1, rep.Worst[:min(5, len(rep.Worst))])
			}
		}
	}
}

// randomText returns text heavy in the characters Markdown gives meaning
// to, at every position: line starts, word edges, inside words.
func randomText(r *rand.Rand, n int, newlines bool) string {
	pieces := []string{"a", "b", "word", "x", "1", "12", "é", "日本", "«", "»", " ", " ", " ", "  ",
		"\\", "`", "``", "```", "*", "**", "_", "__", "[", "]", "(", ")", "#", "+", "-", "---", ".", "!", "|", "<", ">", "&", "~", "~~",
		"=", ":", ";", "\"", "'", "{", "}", "$", "%", "^", "@", "/", "?", ",", "&amp;", "&#60;", "<b>", "</b>", "<!--", "-->",
		"javascript:", "http://x.y", "www.x.y", "[x](y)", "![a](b)", "1.", "1)", "- ", "> ", "# ", "* ", "+ ", "    ", "\t"}
	if newlines {
		pieces = append(pieces, "\n", "\n", "\n-", "\n1. ", "\n#", "\n>", "\n===", "\n---", "\n    code")
	}
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(pieces[r.Intn(len(pieces))])
	}
	s := strings.TrimSpace(b.String())
	if s == "" {
		s = "a"
	}
	return s
}

// randomSpans returns random spans over text, at rune boundaries, some of
// them crossing or nested in ways the renderer must drop.
func randomSpans(r *rand.Rand, text string) []cleaner.Span {
	var starts []int
	for i := range text {
		starts = append(starts, i)
	}
	starts = append(starts, len(text))
	hrefs := []string{"https://example.com/a_b*c", "https://example.com/(x)?q=<y>&z=`w`", "mailto:a@example.com", "javascript:alert(1)",
		"https://example.com/[]", "http://example.com/a b", "data:text/html,x"}
	var spans []cleaner.Span
	for k := r.Intn(6); k > 0; k-- {
		i, j := starts[r.Intn(len(starts))], starts[r.Intn(len(starts))]
		if i > j {
			i, j = j, i
		}
		if i == j {
			continue
		}
		s := cleaner.Span{Start: i, End: j, Kind: cleaner.SpanKind(r.Intn(4))}
		if s.Kind == cleaner.Link {
			s.Href = hrefs[r.Intn(len(hrefs))]
		}
		spans = append(spans, s)
	}
	return spans
}

// normSpace folds runs of white space to one space.
func normSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// inlineText returns the text of a node, <br> as a newline.
func inlineText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func parseHTMLFragment(t *testing.T, s string) []*html.Node {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	return nodes
}

// TestMarkdownInlineRoundTrip renders random paragraphs full of Markdown
// syntax, with random spans, and reads them back with goldmark: the text
// must come back as it was, in one paragraph, and every emphasis, strong,
// code and link element must be one of the spans given, with its text.
func TestMarkdownInlineRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(seed(6)))
	kinds := map[atom.Atom]cleaner.SpanKind{atom.Em: cleaner.Emphasis, atom.Strong: cleaner.Strong, atom.Code: cleaner.InlineCode, atom.A: cleaner.Link}
	for iter := 0; iter < 3000; iter++ {
		text := randomText(r, 1+r.Intn(60), r.Intn(3) == 0)
		spans := randomSpans(r, text)
		a := &cleaner.Article{Blocks: []cleaner.Block{{Kind: cleaner.Paragraph, Text: text, Spans: spans}}}
		md := a.Markdown()
		out, err := markdownToHTML(md)
		if err != nil {
			t.Fatal(err)
		}
		nodes := parseHTMLFragment(t, out)
		var ps []*html.Node
		for _, n := range nodes {
			if n.Type == html.ElementNode {
				ps = append(ps, n)
			}
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("text %q spans %+v\nmarkdown %q\nhtml %q\n"+format, append([]any{text, spans, md, out}, args...)...)
		}
		if len(ps) != 1 || ps[0].DataAtom != atom.P {
			fail("want one <p>")
		}
		// Code spans turn newlines into spaces; compare with white space folded.
		if got := inlineText(ps[0]); normSpace(got) != normSpace(text) {
			fail("text %q, want %q", got, text)
		}
		for n := ps[0]; n != nil; n = nextNode(n, ps[0]) {
			if n.Type != html.ElementNode || n == ps[0] {
				continue
			}
			if n.DataAtom == atom.Br {
				continue
			}
			kind, ok := kinds[n.DataAtom]
			if !ok {
				fail("element <%s>", n.Data)
			}
			got := normSpace(inlineText(n))
			found := false
			for _, s := range spans {
				if s.Kind == kind && normSpace(text[s.Start:s.End]) == got {
					found = true
				}
			}
			if !found {
				fail("<%s>%s</%s> is none of the spans", n.Data, got, n.Data)
			}
			if kind == cleaner.Link {
				href := ""
				for _, at := range n.Attr {
					if at.Key == "href" {
						href = at.Val
					}
				}
				if !strings.HasPrefix(href, "https://") && !strings.HasPrefix(href, "http://") && !strings.HasPrefix(href, "mailto:") {
					fail("link to %q", href)
				}
			}
		}
	}
}

func nextNode(n, root *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for n != root {
		if n.NextSibling != nil {
			return n.NextSibling
		}
		n = n.Parent
	}
	return nil
}

// TestMarkdownBlocksRoundTrip renders random sequences of blocks and reads
// them back with goldmark: the words come back in order (image alt texts
// aside), and there are as many headings, list items, code blocks, images
// and tables as blocks of those kinds.
func TestMarkdownBlocksRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(seed(7)))
	for iter := 0; iter < 1500; iter++ {
		var blocks []cleaner.Block
		var want []string // texts whose words must come back, in order
		counts := map[string]int{}
		prevTable := false
		for k := 1 + r.Intn(12); k > 0; k-- {
			var b cleaner.Block
			switch r.Intn(9) {
			case 0:
				b = cleaner.Block{Kind: cleaner.Heading, Level: 1 + r.Intn(6), Text: randomText(r, 1+r.Intn(30), false)}
				counts["h"]++
			case 1, 2:
				b = cleaner.Block{Kind: cleaner.ListItem, Level: 1 + r.Intn(4), Ordered: r.Intn(2) == 0, Text: randomText(r, 1+r.Intn(30), r.Intn(4) == 0)}
				if b.Ordered {
					b.Number = r.Intn(12)
				}
				counts["li"]++
			case 3:
				b = cleaner.Block{Kind: cleaner.Quote, Text: randomText(r, 1+r.Intn(40), r.Intn(4) == 0)}
			case 4:
				code := randomText(r, 1+r.Intn(80), true)
				b = cleaner.Block{Kind: cleaner.Code, Lang: []string{"", "go", "c++", "bad lang`", "x{y}"}[r.Intn(5)], Text: code}
				counts["pre"]++
			case 5:
				var cells []string
				for c := 1 + r.Intn(4); c > 0; c-- {
					cells = append(cells, randomText(r, 1+r.Intn(12), false))
				}
				b = cleaner.Block{Kind: cleaner.TableRow, Header: r.Intn(3) == 0, Cells: cells, Text: strings.Join(cells, " | ")}
				if !prevTable {
					counts["table"]++
				}
			case 6:
				b = cleaner.Block{Kind: cleaner.Figure, Src: "https://img.example/a(1)_b.jpg", Alt: randomText(r, 1+r.Intn(20), false)}
				if r.Intn(2) == 0 {
					b.Text = randomText(r, 1+r.Intn(30), false)
				}
				counts["img"]++
			case 7:
				b = cleaner.Block{Kind: cleaner.Separator}
			default:
				b = cleaner.Block{Kind: cleaner.Paragraph, Text: randomText(r, 1+r.Intn(60), r.Intn(3) == 0)}
			}
			if b.Kind != cleaner.Code && b.Kind != cleaner.TableRow {
				b.Spans = randomSpans(r, b.Text)
			}
			prevTable = b.Kind == cleaner.TableRow
			blocks = append(blocks, b)
			if b.Text != "" {
				want = append(want, b.Text)
			}
		}
		a := &cleaner.Article{Blocks: blocks}
		md := a.Markdown()
		out, err := markdownToHTML(md)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(Tokens(htmlText(out)), " ")
		wantToks := strings.Join(Tokens(strings.Join(want, "\n")), " ")
		if got != wantToks {
			t.Fatalf("blocks %+v\nmarkdown:\n%s\nhtml:\n%s\nwords %q\nwant  %q", blocks, md, out, got, wantToks)
		}
		n := map[string]int{}
		for _, node := range parseHTMLFragment(t, out) {
			for c := node; c != nil; c = nextNode(c, node) {
				if c.Type != html.ElementNode {
					continue
				}
				switch c.DataAtom {
				case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
					n["h"]++
				case atom.Li, atom.Pre, atom.Img, atom.Table:
					n[c.Data]++
				}
			}
		}
		for _, k := range []string{"h", "li", "pre", "img", "table"} {
			if n[k] != counts[k] {
				t.Fatalf("%d <%s>, want %d\nblocks %+v\nmarkdown:\n%s\nhtml:\n%s", n[k], k, counts[k], blocks, md, out)
			}
		}
	}
}

// TestHTMLRendererIsSanitized checks Article.HTML on the same random
// blocks: no element or attribute outside the renderer's set, and links
// and images only to http(s) or mailto.
func TestHTMLRendererIsSanitized(t *testing.T) {
	r := rand.New(rand.NewSource(seed(8)))
	allowed := regexp.MustCompile(`^(h[1-6]|p|br|hr|ul|ol|li|blockquote|pre|code|em|strong|a|img|figure|figcaption|table|thead|tbody|tr|th|td)$`)
	for iter := 0; iter < 1000; iter++ {
		var blocks []cleaner.Block
		for k := 1 + r.Intn(8); k > 0; k-- {
			text := randomText(r, 1+r.Intn(40), r.Intn(3) == 0)
			kind := cleaner.BlockKind(r.Intn(9))
			b := cleaner.Block{Kind: kind, Level: r.Intn(5), Text: text, Spans: randomSpans(r, text), Ordered: r.Intn(2) == 0, Number: r.Intn(5),
				Lang: "go\"><script>", Src: []string{"javascript:alert(1)", "https://img.example/x.png", "data:image/png,x"}[r.Intn(3)], Alt: text}
			if kind == cleaner.TableRow {
				b.Cells = strings.Split(text, "|")
			}
			blocks = append(blocks, b)
		}
		out := (&cleaner.Article{Blocks: blocks}).HTML()
		for _, node := range parseHTMLFragment(t, out) {
			for c := node; c != nil; c = nextNode(c, node) {
				if c.Type != html.ElementNode {
					continue
				}
				if !allowed.MatchString(c.Data) {
					t.Fatalf("<%s> in %q", c.Data, out)
				}
				for _, at := range c.Attr {
					if at.Key == "href" || at.Key == "src" {
						v := strings.ToLower(at.Val)
						if !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "mailto:") {
							t.Fatalf("%s=%q in %q", at.Key, at.Val, out)
						}
					}
				}
			}
		}
	}
}

// seed returns the random seed of a property test: def, or
// $ROUNDTRIP_SEED to explore others.
func seed(def int64) int64 {
	if s, err := strconv.ParseInt(os.Getenv("ROUNDTRIP_SEED"), 10, 64); err == nil {
		return s
	}
	return def
}
