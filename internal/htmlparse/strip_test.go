package htmlparse

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// emptiable reports whether StripRawText may have emptied n.
func emptiable(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.Data {
	case "script", "style", "noscript":
		return true
	}
	return false
}

// sameTree compares the tree parsed from the original document (a) with the
// one parsed from its stripped copy (b): they must be equal node for node,
// except that an element StripRawText empties may have lost its text
// children (and nothing else). It walks both iteratively and returns the
// first difference.
func sameTree(a, b *html.Node) error {
	type pair struct{ a, b *html.Node }
	stack := []pair{{a, b}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		x, y := p.a, p.b
		if x.Type != y.Type || x.Data != y.Data || x.Namespace != y.Namespace || fmt.Sprint(x.Attr) != fmt.Sprint(y.Attr) {
			return fmt.Errorf("node %q (%d, ns %q, %v) became %q (%d, ns %q, %v)", x.Data, x.Type, x.Namespace, x.Attr, y.Data, y.Type, y.Namespace, y.Attr)
		}
		if emptiable(x) && y.FirstChild == nil {
			for c := x.FirstChild; c != nil; c = c.NextSibling {
				if c.Type != html.TextNode {
					return fmt.Errorf("<%s> lost a non-text child %q", x.Data, c.Data)
				}
			}
			continue
		}
		cx, cy := x.FirstChild, y.FirstChild
		for cx != nil && cy != nil {
			stack = append(stack, pair{cx, cy})
			cx, cy = cx.NextSibling, cy.NextSibling
		}
		if cx != nil || cy != nil {
			return fmt.Errorf("<%s> has a different number of children", x.Data)
		}
	}
	return nil
}

// checkStrip parses doc before and after StripRawText and compares the
// trees. Inputs html.Parse rejects (too deep) are skipped.
func checkStrip(t testing.TB, name string, doc []byte) (removed int) {
	t.Helper()
	want, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		return 0
	}
	stripped := StripRawText(bytes.Clone(doc))
	if len(stripped) > len(doc) {
		t.Fatalf("%s: StripRawText grew the document", name)
	}
	got, err := html.Parse(bytes.NewReader(stripped))
	if err != nil {
		t.Fatalf("%s: the stripped document does not parse: %v", name, err)
	}
	if err := sameTree(want, got); err != nil {
		t.Fatalf("%s: %v\ninput:    %q\nstripped: %q", name, err, trunc(doc), trunc(stripped))
	}
	// Idempotent: the scan stops at the same place in its own output.
	if again := StripRawText(bytes.Clone(stripped)); !bytes.Equal(again, stripped) {
		t.Fatalf("%s: stripping twice changed the output\ninput: %q\nonce:  %q\ntwice: %q", name, trunc(doc), trunc(stripped), trunc(again))
	}
	return len(doc) - len(stripped)
}

func trunc(b []byte) []byte {
	if len(b) > 600 {
		return b[:600]
	}
	return b
}

func TestStripRawTextCases(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{`<p>a</p><script>var x = 1 < 2;</script><p>b</p>`, `<p>a</p><script></script><p>b</p>`},
		{`<style>p{color:red}</style><p>x`, `<style></style><p>x`},
		{`<STYLE media="x>y">a</Style >b`, `<STYLE media="x>y"></Style >b`},
		{`<noscript><img src=a.png></noscript>`, `<noscript></noscript>`},
		{`<script type="application/ld+json">{"a":1}</script>`, `<script type="application/ld+json">{"a":1}</script>`},
		{`<script type='application/JSON'>{}</script><script type=module>m()</script>`, `<script type='application/JSON'>{}</script><script type=module></script>`},
		{`<script type="text/j&#115;on">x</script>`, `<script type="text/j&#115;on">x</script>`},
		{`<script data-type="json" type="text/javascript">x</script>`, `<script data-type="json" type="text/javascript"></script>`},
		// Comments, attributes and other raw text hide look-alikes.
		{`<!-- <script>x</script> --><p>y`, `<!-- <script>x</script> --><p>y`},
		{`<p title="<script>">x</p><script>z</script>`, `<p title="<script>">x</p><script></script>`},
		{`<textarea><style>x</style></textarea><style>y</style>`, `<textarea><style>x</style></textarea><style></style>`},
		{`<title>a <script>b</script></title>`, `<title>a <script>b</script></title>`},
		{`<xmp><style></xmp><style>c</style>`, `<xmp><style></xmp><style></style>`},
		// The script escape states: "<!--<script>" hides the first "</script>".
		{`<script><!--<script></script>--></script><p>q`, `<script></script><p>q`},
		{`<script><!-- x --></script>ok`, `<script></script>ok`},
		{`<script>a</scriptx></script>b`, `<script></script>b`},
		// An end tag must be followed by a delimiter.
		{`<style>a</stylez>b</style >c`, `<style></style >c`},
		// Unclosed: nothing after is touched.
		{`<p>a<script>never closed`, `<p>a<script>never closed`},
		{`<p>a<style>x</style><plaintext><style>y</style>`, `<p>a<style></style><plaintext><style>y</style>`},
		// Foreign content: raw text elements are ordinary there.
		{`<svg><style>.a{fill:red}</style></svg><style>b</style>`, `<svg><style></style></svg><style></style>`},
		{`<svg><style>a<b>c</b></style></svg><style>d</style>`, `<svg><style>a<b>c</b></style></svg><style>d</style>`},
		{`<svg><style/>x</style><script>y</script>`, `<svg><style/>x</style><script>y</script>`},
		{`<math><![CDATA[</math>]]><style>x</style>`, `<math><![CDATA[</math>]]><style>x</style>`},
		{`<![CDATA[x]]><style>x</style>`, `<![CDATA[x]]><style></style>`},
		// Odd tags.
		{`<a =b c=d/><script>x</script>`, `<a =b c=d/><script></script>`},
		{`<p / title='>'><script>x</script>`, `<p / title='>'><script></script>`},
		{`</ p><script>x</script>`, `</ p><script></script>`},
		{`<? xml ?><script>x</script>`, `<? xml ?><script></script>`},
		{`<!--><script>x</script>`, `<!--><script></script>`},
		{`<!---><script>x</script>`, `<!---><script></script>`},
		{`<!-- a --!><script>x</script>`, `<!-- a --!><script></script>`},
		{`<script`, `<script`},
		{`<p a='`, `<p a='`},
		{``, ``},
		{`no tags`, `no tags`},
	}
	for _, c := range cases {
		got := string(StripRawText([]byte(c.in)))
		require.Equal(t, c.want, got, "input %q", c.in)
		checkStrip(t, c.in, []byte(c.in))
	}
}

// TestStripRawTextSoup compares trees on random documents made of the
// constructs the scan must follow: raw text elements, script escapes,
// comments, quotes, foreign content, CDATA, stray '<'.
func TestStripRawTextSoup(t *testing.T) {
	parts := []string{
		"<p>", "</p>", "<div class='a>b'>", "</div>", "<b>", "text ", "a < b ", "<", "</", "<!", "<!-", "<!--", "-->", "--!>", "--", "-",
		"<script>", "<script type=json>", "<SCRIPT>", "</script>", "</script ", "</SCRIPT>", "<script/>", "<!--<script>", "</scriptx>",
		"<style>", "</style>", "<style/>", "<noscript>", "</noscript>", "<textarea>", "</textarea>", "<title>", "</title>", "<xmp>",
		"<iframe>", "</iframe>", "<svg>", "</svg>", "<math>", "</math>", "<foreignObject>", "</foreignObject>", "<mi>",
		"<![CDATA[", "]]>", "<?x?>", ">", "'", "\"", "=", "/", "<table>", "<td>", "<select>", "<template>", "</template>",
		"<a href=\"", "<a b=c>", "<plaintext>", "\x00", "&amp;", "<desc>", "<annotation-xml encoding=text/html>",
	}
	rng := rand.New(rand.NewSource(7))
	for iter := range 20000 {
		var b strings.Builder
		for range 1 + rng.Intn(40) {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		checkStrip(t, fmt.Sprintf("soup %d", iter), []byte(b.String()))
	}
}

// sharedDir is ../../../shared, or $CLEANER_SHARED.
func sharedDir() string {
	if d := os.Getenv("CLEANER_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

// TestStripRawTextPages checks every page of testdata/ and, when the shared
// corpora are beside the checkout, every page of them.
func TestStripRawTextPages(t *testing.T) {
	var files []string
	for _, pat := range []string{
		filepath.Join("..", "..", "testdata", "*", "input.html"),
		filepath.Join(sharedDir(), "eval", "*", "html", "*.html*"),
	} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) < 30 {
		t.Skipf("only %d pages found (testdata/, and the shared corpora at %s or $CLEANER_SHARED)", len(files), sharedDir())
	}
	var total, removed int
	for _, f := range files {
		data := readPage(t, f)
		total += len(data)
		removed += checkStrip(t, f, data)
	}
	t.Logf("%d pages, %.1f MB: %.0f%% of the bytes stripped", len(files), float64(total)/1e6, 100*float64(removed)/float64(total))
}

func readPage(t testing.TB, f string) []byte {
	t.Helper()
	fh, err := os.Open(f)
	require.NoError(t, err)
	defer fh.Close()
	var r io.Reader = fh
	if strings.HasSuffix(f, ".gz") {
		zr, err := gzip.NewReader(fh)
		require.NoError(t, err)
		r = zr
	}
	data, err := io.ReadAll(r)
	require.NoError(t, err)
	return data
}

func FuzzStripRawText(f *testing.F) {
	for _, s := range []string{
		`<script><!--<script></script>--></script>x`, `<svg><style>a</style></svg><style>b</style>`,
		`<p a='>'><style>x</style>`, `<!-- --!><script>y</script>`, `<textarea><script></textarea>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		checkStrip(t, "fuzz", doc)
	})
}

func BenchmarkStripRawText(b *testing.B) {
	page := []byte(bigPage(200 << 10))
	buf := make([]byte, len(page))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		copy(buf, page)
		StripRawText(buf)
	}
}
