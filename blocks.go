package cleaner

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockBuilder turns content subtrees into blocks: one walk, iterative, that
// starts a new block at every block-level element so that words of separate
// blocks are never glued together.
//
// Besides the text it records the structure the renderers need: inline
// spans (as byte offsets into the block's buffer, mapped to the final Text
// when the block is flushed), table cells, list numbering, code languages.
// Separators (<hr>) and images are not blocks the text rules see: they are
// kept aside as extras, anchored to the blocks around them, and merged back
// after the text rules (finishBlocks), so that the text rules, and so
// Article.Text, are exactly what they would be without them.
type blockBuilder struct {
	p      *Page
	chunks [][]Block // full chunks of blocks built
	out    []Block   // the chunk being filled
	n      int       // blocks built
	buf    []byte
	space  bool
	links  int
	inLink int
	pre    int // depth inside <pre>

	open     []openSpan   // inline elements open at this point of the walk
	spans    []rawSpan    // spans of the current block, offsets into buf
	walkRoot *html.Node   // the content root being walked
	nspan    int32        // spans opened so far: their order
	cells    []cellMark   // table cells of the current block
	ols      []olCounter  // open ordered lists
	items    []itemNumber // open items of ordered lists
	imgs     []pendingImg // images not yet placed
	capIdx   map[*html.Node]int32
	extras   []extraBlock
	root     *html.Node // a content root: where the document's <base> is looked for
	base     *url.URL
	baseOK   bool
}

// openSpan is an inline element being walked. An inactive one makes no
// span (an emphasis inside an emphasis, anything inside inline code, a link
// without a usable address): it is kept so that leave pops the right entry.
type openSpan struct {
	node   *html.Node
	kind   SpanKind
	href   string
	start  int
	seq    int32
	active bool
}

type rawSpan struct {
	Span
	seq int32
}

// cellMark is where a table cell starts in the buffer: sep is where the
// " | " before it was written (-1 when none), content where its text starts.
type cellMark struct {
	sep, content int
	th           bool
}

type olCounter struct {
	node *html.Node
	next int
}

type itemNumber struct {
	node *html.Node
	num  int
}

// pendingImg is an image seen by the builder. Its address is only worked
// out by finishBlocks, and only WithImages(true).
type pendingImg struct {
	fig *html.Node // the <figure> around the image, or nil
	n   *html.Node // the <img>, or the <picture> around it
	img *html.Node // the <img>
}

// extraBlock is a separator or an image kept out of the text rules' sight.
type extraBlock struct {
	after int32 // seq of the last block built before it; -1 at the start
	tie   int32 // seq of the block it belongs to (dropped with it), or -1
	merge bool  // a figure's image: the tie block is its caption
	block Block
	img   pendingImg // for a Figure
}

func (p *Page) buildBlocks(roots []*html.Node) []Block {
	b := &blockBuilder{p: p, space: true}
	if len(roots) > 0 {
		b.root = roots[0]
	}
	// Every block holds text of at least one text node, and ends where a
	// block element starts or ends or at a <br>: sized for the lesser
	// bound, the blocks are built in one slice, with no chunks to copy.
	hint := 0
	for _, r := range roots {
		s := p.stat(r)
		hint += int(min(s.texts, 2*s.bounds+1))
	}
	if hint > 0 {
		b.out = make([]Block, 0, hint)
	}
	for _, r := range roots {
		b.walkRoot = r
		b.walk(r)
	}
	// Images still waiting for a caption.
	b.placeImages(nil, -1)
	p.extras = b.extras
	p.nblocks = int32(b.n)
	p.extrasRoot = b.root
	return b.blocks()
}

// add appends a block. Blocks are built into chunks and copied once into
// a slice of the exact size at the end: a page of a million paragraphs
// never holds the doubled slices of append.
func (b *blockBuilder) add(blk Block) {
	if len(b.out) == cap(b.out) {
		if b.out != nil {
			b.chunks = append(b.chunks, b.out)
		}
		b.out = make([]Block, 0, 16<<min(len(b.chunks), 8))
	}
	b.out = append(b.out, blk)
	b.n++
}

// blocks returns the blocks built, in one slice.
func (b *blockBuilder) blocks() []Block {
	if len(b.chunks) == 0 {
		return b.out
	}
	all := make([]Block, 0, b.n)
	for _, c := range b.chunks {
		all = append(all, c...)
	}
	return append(all, b.out...)
}

func (b *blockBuilder) walk(root *html.Node) {
	n := root
	for {
		descend := b.enter(n)
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if descend {
			b.leave(n)
		}
		for {
			if n == root {
				return
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
			b.leave(n)
		}
	}
}

// enter handles n and reports whether to visit its children (and later
// call leave).
func (b *blockBuilder) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		data := n.Data
		if !utf8.ValidString(data) { // a caller's document may hold any bytes
			data = strings.ToValidUTF8(data, "\uFFFD")
		}
		if b.pre > 0 {
			b.buf = append(b.buf, data...)
			b.space = false
		} else {
			before := len(b.buf)
			b.buf, b.space = collapse(b.buf, data, b.space)
			if b.inLink > 0 {
				b.links += len(b.buf) - before
			}
		}
		return false
	case html.ElementNode:
	case html.DocumentNode:
		return true
	default:
		return false
	}
	if b.p.isRemoved(n) || skipTextAtom(n.DataAtom) {
		return false
	}
	if n.DataAtom == atom.Table && b.p.noTables && n != b.walkRoot && !isLayoutTable(n) {
		b.flush(n.Parent)
		return false
	}
	switch n.DataAtom {
	case atom.Br:
		if b.pre > 0 {
			b.buf = append(b.buf, '\n')
		} else {
			b.trimSpace()
			if len(b.buf) > 0 {
				b.buf = append(b.buf, '\n')
			}
			b.space = true
		}
		return false
	case atom.Hr:
		b.flush(n.Parent)
		b.addExtra(extraBlock{tie: -1, block: Block{Kind: Separator}})
		return false
	case atom.Img:
		b.image(n, n)
		return false
	case atom.Picture:
		for c := n; c != nil; c = next(c, n, true) {
			if c.Type == html.ElementNode && c.DataAtom == atom.Img {
				b.image(n, c)
				break
			}
		}
		return false
	case atom.Input, atom.Button, atom.Video, atom.Audio, atom.Canvas:
		return false
	case atom.A:
		b.inLink++
		b.openSpan(n, Link)
		return true
	case atom.Em, atom.I:
		b.openSpan(n, Emphasis)
		return true
	case atom.Strong, atom.B:
		b.openSpan(n, Strong)
		return true
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		if b.pre == 0 {
			b.openSpan(n, InlineCode)
			return true
		}
	case atom.Pre:
		b.flush(n.Parent)
		b.pre++
		return true
	case atom.Ol:
		start := 1
		if v, ok := listNumber(attr(n, "start")); ok {
			start = v
		}
		b.ols = append(b.ols, olCounter{node: n, next: start})
	case atom.Li:
		if list := listOf(n); list != nil && list.DataAtom == atom.Ol {
			for i := len(b.ols) - 1; i >= 0; i-- {
				if c := &b.ols[i]; c.node == list {
					num := c.next
					if v, ok := listNumber(attr(n, "value")); ok {
						num = v
					}
					c.next = num + 1
					b.items = append(b.items, itemNumber{node: n, num: num})
					break
				}
			}
		}
	case atom.Td, atom.Th:
		m := cellMark{sep: -1, th: n.DataAtom == atom.Th}
		if len(strings.TrimSpace(string(b.buf))) > 0 {
			b.trimSpace()
			m.sep = len(b.buf)
			b.buf = append(b.buf, " | "...)
			b.space = true
		}
		m.content = len(b.buf)
		b.cells = append(b.cells, m)
		return true
	}
	if isBlockAtom(n.DataAtom) {
		// The text before n belongs to n's parent: "intro<h2>…" is a
		// paragraph, not a heading.
		b.flush(n.Parent)
	}
	return true
}

func (b *blockBuilder) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	switch n.DataAtom {
	case atom.A:
		b.inLink--
		b.closeSpan(n)
		return
	case atom.Em, atom.I, atom.Strong, atom.B:
		b.closeSpan(n)
		return
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		if b.pre == 0 {
			b.closeSpan(n)
		}
		return
	case atom.Pre:
		b.pre--
		b.flushKind(n, Code, 0, flushInfo{lang: codeLang(n)})
		return
	case atom.Td, atom.Th:
		return
	}
	if isBlockAtom(n.DataAtom) {
		b.flush(n)
	}
	switch n.DataAtom {
	case atom.Ol:
		if k := len(b.ols) - 1; k >= 0 && b.ols[k].node == n {
			b.ols = b.ols[:k]
		}
	case atom.Li:
		if k := len(b.items) - 1; k >= 0 && b.items[k].node == n {
			b.items = b.items[:k]
		}
	case atom.Figure:
		b.placeImages(n, int32(b.n)-1)
	}
}

func (b *blockBuilder) trimSpace() {
	for len(b.buf) > 0 && b.buf[len(b.buf)-1] == ' ' {
		b.buf = b.buf[:len(b.buf)-1]
	}
}

// flushInfo is what flush learns about a block from its ancestors.
type flushInfo struct {
	ordered bool
	number  int
	header  bool
	lang    string
	capFig  *html.Node // the <figure> of a <figcaption>
	para    bool       // a <p> below the row: not a table row
}

// flush ends the current block, typed by the element it belongs to: the
// nearest block ancestor of n (n included).
func (b *blockBuilder) flush(n *html.Node) {
	if len(b.buf) == 0 {
		b.flushImages()
		return
	}
	kind, level := Paragraph, 0
	var fi flushInfo
	listSeen := false
	for a := n; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if b.p.isRemoved(a) {
			break
		}
		switch a.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			if kind == Paragraph {
				kind, level = Heading, int(a.DataAtom.String()[1]-'0')
			}
		case atom.Li, atom.Dd, atom.Dt:
			if kind == Paragraph {
				kind = ListItem
				if a.DataAtom == atom.Li {
					for i := len(b.items) - 1; i >= 0; i-- {
						if b.items[i].node == a {
							fi.number = b.items[i].num
							break
						}
					}
				}
			}
		case atom.Ul, atom.Ol, atom.Dl:
			if kind == ListItem {
				if !listSeen {
					listSeen = true
					fi.ordered = a.DataAtom == atom.Ol
				}
				level++
			}
		case atom.Figcaption, atom.Caption:
			if kind == Paragraph {
				kind = Caption
				if a.DataAtom == atom.Figcaption {
					for f := a.Parent; f != nil && f.Type == html.ElementNode; f = f.Parent {
						if f.DataAtom == atom.Figure {
							fi.capFig = f
							break
						}
					}
				}
			}
		case atom.P:
			// A paragraph in a table cell (a layout table) is a
			// paragraph, not a row.
			fi.para = true
		case atom.Tr:
			if kind == Paragraph && !fi.para {
				kind = TableRow
			}
		case atom.Thead:
			if kind == TableRow {
				fi.header = true
			}
		case atom.Blockquote:
			if kind == Paragraph {
				kind = Quote
			}
		}
	}
	if !fi.ordered {
		fi.number = 0
	}
	b.flushKind(n, kind, level, fi)
}

func (b *blockBuilder) flushKind(_ *html.Node, kind BlockKind, level int, fi flushInfo) {
	var text string
	var spans []Span
	var cells []string
	header := false
	if kind == Code {
		text = strings.Trim(string(b.buf), "\n")
	} else {
		text = strings.TrimSpace(strings.ReplaceAll(string(b.buf), " \n", "\n"))
		if len(b.spans) > 0 || len(b.open) > 0 || kind == TableRow {
			m := newOffsetMap(b.buf, text)
			spans = b.mapSpans(m, text)
			if kind == TableRow {
				cells, header = b.tableCells(m, text)
				header = header || fi.header
			}
		}
	}
	links := b.links
	b.buf = b.buf[:0]
	b.space = true
	b.links = 0
	b.spans = b.spans[:0]
	b.cells = b.cells[:0]
	for i := range b.open {
		b.open[i].start = 0
	}
	if strings.TrimSpace(text) == "" {
		b.flushImages()
		return
	}
	if kind == ListItem && level == 0 {
		level = 1
	}
	blk := Block{Kind: kind, Level: level, Text: text, LinkText: min(links, len(text)),
		Ordered: fi.ordered, Number: fi.number, Lang: fi.lang, Header: header, Cells: cells, Spans: spans,
		seq: int32(b.n)}
	b.add(blk)
	if kind == Caption && fi.capFig != nil {
		b.captionFor(fi.capFig, blk.seq)
	}
	b.flushImages()
}

// openSpan starts an inline span at the current position.
func (b *blockBuilder) openSpan(n *html.Node, kind SpanKind) {
	o := openSpan{node: n, kind: kind, start: len(b.buf), active: b.pre == 0}
	if kind == Link {
		// The raw address: finishBlocks resolves the links of the blocks
		// the text rules keep, and drops those that are not http, https
		// or mailto.
		o.href = strings.TrimSpace(attr(n, "href"))
		o.active = o.active && o.href != ""
	}
	for _, x := range b.open {
		if x.active && (x.kind == kind || x.kind == InlineCode) {
			o.active = false
		}
	}
	if o.active {
		o.seq = b.nspan
		b.nspan++
	}
	b.open = append(b.open, o)
}

// closeSpan ends the span opened by n.
func (b *blockBuilder) closeSpan(n *html.Node) {
	k := len(b.open) - 1
	if k < 0 || b.open[k].node != n {
		return
	}
	o := b.open[k]
	b.open = b.open[:k]
	if o.active && len(b.buf) > o.start && b.pre == 0 {
		b.spans = append(b.spans, rawSpan{Span: Span{Start: o.start, End: len(b.buf), Kind: o.kind, Href: o.href}, seq: o.seq})
	}
}

// mapSpans returns the spans of the current block (the closed ones and the
// parts of the open ones), as offsets into text.
func (b *blockBuilder) mapSpans(m offsetMap, text string) []Span {
	raw := b.spans
	for _, o := range b.open {
		if o.active && len(b.buf) > o.start && b.pre == 0 {
			raw = append(raw, rawSpan{Span: Span{Start: o.start, End: len(b.buf), Kind: o.kind, Href: o.href}, seq: o.seq})
		}
	}
	b.spans = raw
	if len(raw) == 0 {
		return nil
	}
	kept := raw[:0] // in place: each span is read before its slot is written
	bd := newBoundaries(text)
	for _, r := range raw {
		s, e := m.at(r.Start), m.at(r.End)
		s, e = bd.trimSpan(text, s, e)
		if s < e {
			r.Start, r.End = s, e
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	sort.SliceStable(kept, func(i, j int) bool {
		if kept[i].Start != kept[j].Start {
			return kept[i].Start < kept[j].Start
		}
		if kept[i].End != kept[j].End {
			return kept[i].End > kept[j].End
		}
		return kept[i].seq < kept[j].seq
	})
	out := make([]Span, len(kept))
	for i, r := range kept {
		out[i] = r.Span
	}
	return out
}

// boundaries tells where the runes of a text start, as a range loop over
// it decodes them (invalid bytes are runes of one byte).
type boundaries struct {
	invalid []bool // for invalid UTF-8 only: invalid[i] when i is inside a rune
}

func newBoundaries(text string) boundaries {
	if utf8.ValidString(text) {
		return boundaries{}
	}
	inside := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		_, size := utf8.DecodeRuneInString(text[i:])
		for j := i + 1; j < i+size; j++ {
			inside[j] = true
		}
		i += size
	}
	return boundaries{invalid: inside}
}

func (bd boundaries) at(text string, i int) bool {
	if i <= 0 || i >= len(text) {
		return true
	}
	if bd.invalid != nil {
		return !bd.invalid[i]
	}
	return utf8.RuneStart(text[i])
}

// trimSpan shrinks text[s:e] to rune boundaries and off white space at
// both ends.
func (bd boundaries) trimSpan(text string, s, e int) (int, int) {
	for s < e && !bd.at(text, s) {
		s++
	}
	for e > s && !bd.at(text, e) {
		e--
	}
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= size
	}
	return s, e
}

// tableCells splits a table row's text into its cells, and reports whether
// they are all header cells.
func (b *blockBuilder) tableCells(m offsetMap, text string) ([]string, bool) {
	if len(b.cells) == 0 {
		return []string{text}, false
	}
	cells := make([]string, 0, len(b.cells))
	header := true
	bd := newBoundaries(text)
	for i, c := range b.cells {
		s := m.at(c.content)
		e := len(text)
		if i+1 < len(b.cells) {
			nx := b.cells[i+1]
			if nx.sep >= 0 {
				e = m.at(nx.sep)
			} else {
				e = m.at(nx.content)
			}
		}
		if i == 0 && s > 0 {
			s = 0 // text before the first cell belongs to it
		}
		s, e = bd.trimSpan(text, s, max(s, e))
		cells = append(cells, text[s:e])
		header = header && c.th
	}
	return cells, header
}

// offsetMap maps offsets into a block's buffer to offsets into its Text:
// Text is the buffer with " \n" turned into "\n", trimmed of white space.
type offsetMap struct {
	dropped []int // buffer offsets of the spaces dropped before a newline
	lo      int   // bytes trimmed at the start
	n       int   // len(Text)
}

func newOffsetMap(buf []byte, text string) offsetMap {
	var m offsetMap
	for i := 0; i+1 < len(buf); i++ {
		if buf[i] == ' ' && buf[i+1] == '\n' {
			m.dropped = append(m.dropped, i)
		}
	}
	replaced := len(buf) - len(m.dropped)
	// TrimSpace cut lo bytes at the start and the rest at the end; find lo by
	// the first byte that is not Unicode white space.
	lo := 0
	for lo < len(buf) {
		if buf[lo] == ' ' && lo+1 < len(buf) && buf[lo+1] == '\n' {
			lo++ // dropped, does not count
			continue
		}
		r, size := utf8.DecodeRune(buf[lo:])
		if !unicode.IsSpace(r) {
			break
		}
		lo += size
	}
	// lo is a buffer offset; convert to an offset in the replaced string.
	m.lo = lo - m.droppedBefore(lo)
	m.n = len(text)
	if m.lo+m.n > replaced {
		m.lo = max(0, replaced-m.n)
	}
	return m
}

func (m offsetMap) droppedBefore(o int) int {
	return sort.SearchInts(m.dropped, o)
}

// at maps a buffer offset to a Text offset, clamped to [0, len(Text)].
func (m offsetMap) at(o int) int {
	t := o - m.droppedBefore(o) - m.lo
	return max(0, min(t, m.n))
}

// listOf returns the list element an item belongs to: its nearest <ol>,
// <ul>, <menu> or <dir> ancestor.
func listOf(li *html.Node) *html.Node {
	for a := li.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
		switch a.DataAtom {
		case atom.Ol, atom.Ul, atom.Menu, atom.Dir:
			return a
		}
	}
	return nil
}

// listNumber parses a start or value attribute: an integer that a Markdown
// list can carry (0 to 999999999).
func listNumber(s string) (int, bool) {
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || v < 0 || v > 999_999_999 {
		return 0, false
	}
	return v, true
}

// codeLang returns the language named by a "language-x" or "lang-x" class
// on pre, on a <code> inside it, or on pre's parent.
func codeLang(pre *html.Node) string {
	cands := []*html.Node{pre}
	for c := pre.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Code {
			cands = append(cands, c)
			break
		}
	}
	if pre.Parent != nil && pre.Parent.Type == html.ElementNode {
		cands = append(cands, pre.Parent)
	}
	for _, n := range cands {
		for _, f := range strings.Fields(attr(n, "class")) {
			lf := strings.ToLower(f)
			for _, prefix := range []string{"language-", "lang-"} {
				if strings.HasPrefix(lf, prefix) {
					if l := cleanLang(f[len(prefix):]); l != "" {
						return l
					}
				}
			}
		}
	}
	return ""
}

// cleanLang keeps a language name that is safe as a Markdown info string
// and a class name: letters, digits and "+#._-", at most 32 bytes.
func cleanLang(s string) string {
	if s == "" || len(s) > 32 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("+#._-", c) >= 0) {
			return ""
		}
	}
	return s
}

// baseURL returns the address relative URLs of the page resolve against:
// the page URL, and the first <base href> of the document's head.
func (b *blockBuilder) baseURL() *url.URL {
	if b.baseOK {
		return b.base
	}
	b.baseOK = true
	b.base = b.p.URL
	root := b.root
	if root == nil {
		return b.base
	}
	for root.Parent != nil {
		root = root.Parent
	}
	for n := root; n != nil; {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if h := attr(n, "href"); strings.TrimSpace(h) != "" {
					if u, err := url.Parse(stripURL(h)); err == nil {
						if b.base != nil {
							u = b.base.ResolveReference(u)
						}
						if u.IsAbs() {
							b.base = u
						}
					}
					return b.base
				}
			case atom.Html, atom.Head:
			default:
				n = next(n, root, false)
				continue
			}
		}
		n = next(n, root, true)
	}
	return b.base
}

// resolve returns raw as an absolute URL: http, https or (for links)
// mailto; "" when it is none of these or cannot be resolved.
func (b *blockBuilder) resolve(raw string, link bool) string {
	if raw == "" {
		return ""
	}
	return absURL(raw, b.baseURL(), link)
}

// resolveFast is resolve for the plain references fastAbsURL takes: no
// url package, nothing worth caching. ok is false for the others.
func (b *blockBuilder) resolveFast(raw string) (string, bool) {
	s := stripURL(raw)
	sc, ok := urlScheme(s)
	if s == "" || !ok {
		return "", false
	}
	return fastAbsURL(s, sc, b.baseURL())
}

// image records an <img> (or a <picture> and its <img>) for a Figure.
func (b *blockBuilder) image(n, img *html.Node) {
	if w, h := attr(img, "width"), attr(img, "height"); w == "0" || w == "1" || h == "0" || h == "1" {
		return // a tracking pixel
	}
	var fig *html.Node
	for a := n.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
		if a.DataAtom == atom.Figure {
			fig = a
			break
		}
	}
	b.imgs = append(b.imgs, pendingImg{fig: fig, n: n, img: img})
}

// figure returns the Figure block of an image: its real address, resolved,
// and its alternative text; ok is false when it has no usable address.
func (b *blockBuilder) figure(im pendingImg) (Block, bool) {
	src := b.imageSrc(im.img)
	if src == "" && im.n != im.img {
		src = b.imageSrc(im.n) // <picture data-src> or <source srcset>
		for c := im.n.FirstChild; src == "" && c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Source {
				src = b.resolve(largestSrc(attr(c, "srcset")), false)
			}
		}
	}
	if src == "" {
		return Block{}, false
	}
	return Block{Kind: Figure, Src: src, Alt: string(collapseString(attr(im.img, "alt")))}, true
}

// imageSrc returns the real address of an image: a lazy loader's attribute,
// the largest candidate of srcset, or src.
func (b *blockBuilder) imageSrc(n *html.Node) string {
	for _, k := range [...]string{"data-src", "data-lazy-src", "data-original"} {
		if u := b.resolve(attr(n, k), false); u != "" {
			return u
		}
	}
	for _, k := range [...]string{"data-srcset", "data-lazy-srcset", "srcset"} {
		if u := b.resolve(largestSrc(attr(n, k)), false); u != "" {
			return u
		}
	}
	return b.resolve(attr(n, "src"), false)
}

// largestSrc returns the URL of the largest candidate of a srcset: the
// greatest width ("800w") or density ("2x") descriptor; the first on a tie.
func largestSrc(srcset string) string {
	best, bestSize := "", -1.0
	for _, cand := range strings.Split(srcset, ",") {
		f := strings.Fields(cand)
		if len(f) == 0 {
			continue
		}
		size := 1.0
		if len(f) > 1 {
			d := f[1]
			if v, err := strconv.ParseFloat(d[:len(d)-1], 64); err == nil && len(d) > 1 {
				switch d[len(d)-1] {
				case 'w':
					size = v
				case 'x':
					size = v * 1000 // a density beats a width only when no width is given
				}
			}
		}
		if size > bestSize {
			best, bestSize = f[0], size
		}
	}
	return best
}

// addExtra records a separator or image after the last block built.
func (b *blockBuilder) addExtra(e extraBlock) {
	e.after = int32(b.n) - 1
	b.extras = append(b.extras, e)
}

// flushImages places the images seen outside figures since the last block:
// after the block just built, and with it (an image inside a paragraph
// goes when the paragraph goes). Figure images wait for their caption.
func (b *blockBuilder) flushImages() {
	if len(b.imgs) == 0 {
		return
	}
	kept := b.imgs[:0]
	for _, im := range b.imgs {
		if im.fig != nil {
			kept = append(kept, im)
			continue
		}
		b.addExtra(extraBlock{tie: -1, block: Block{Kind: Figure}, img: im})
	}
	b.imgs = kept
}

// captionFor records the caption block of a figure: the figure's last image
// seen so far becomes that block, the ones before it figures of their own.
// A caption before any image waits for the figure's end.
func (b *blockBuilder) captionFor(fig *html.Node, seq int32) {
	last := -1
	for i, im := range b.imgs {
		if im.fig == fig {
			last = i
		}
	}
	if last < 0 {
		if b.capIdx == nil {
			b.capIdx = map[*html.Node]int32{}
		}
		if _, ok := b.capIdx[fig]; !ok {
			b.capIdx[fig] = seq
		}
		return
	}
	kept := b.imgs[:0]
	for i, im := range b.imgs {
		switch {
		case im.fig != fig:
			kept = append(kept, im)
		case i == last:
			e := extraBlock{tie: seq, merge: true, block: Block{Kind: Figure}, img: im}
			e.after = seq - 1
			b.extras = append(b.extras, e)
		default:
			e := extraBlock{tie: -1, block: Block{Kind: Figure}, img: im}
			e.after = seq - 1
			b.extras = append(b.extras, e)
		}
	}
	b.imgs = kept
}

// placeImages places the waiting images of fig (of every figure when fig
// is nil) at the figure's end: the first one takes a caption seen before
// it, the others stand alone.
func (b *blockBuilder) placeImages(fig *html.Node, _ int32) {
	if len(b.imgs) == 0 {
		return
	}
	kept := b.imgs[:0]
	for _, im := range b.imgs {
		if fig != nil && im.fig != fig {
			kept = append(kept, im)
			continue
		}
		e := extraBlock{tie: -1, block: Block{Kind: Figure}, img: im}
		if seq, ok := b.capIdx[im.fig]; ok && im.fig != nil {
			delete(b.capIdx, im.fig)
			e.tie, e.merge = seq, true
			e.after = seq - 1
			b.extras = append(b.extras, e)
			continue
		}
		b.addExtra(e)
	}
	b.imgs = kept
}
