package cleaner

import (
	"context"
	"math"
	"strings"
	"time"

	"golang.org/x/net/html/atom"
	"net/url"

	"golang.org/x/net/html"
)

// Page is the per-call state a rule sees: the page's address and cheap,
// precomputed facts about its elements. A Page belongs to one call of a
// Cleaner and is never shared between goroutines.
type Page struct {
	// URL is the page's address; nil when unknown (and for CleanText).
	URL *url.URL
	// Host is URL's host name without a "www." prefix, lower case.
	Host string

	stats        []nodeStat
	statStack    []nodeStat
	index        map[*html.Node]int32
	removed      map[*html.Node]struct{}
	authors      []string
	title        string
	body         *html.Node
	h1           *html.Node // the headline element, if any
	bodyGood     int
	namesNode    *html.Node
	namesVal     string
	catsNode     *html.Node
	cats         nameCat
	classCats    map[string]nameCat // categories of the class attributes seen
	textNode     *html.Node
	statNode     *html.Node // the last element stat looked up, and its stats
	statVal      nodeStat
	textVal      string
	bylineBefore string
	firstByline  []string  // the names of the first byline a rule found
	dateline     time.Time // first date a dateline rule saw
	subtitle     string
	extras       []extraBlock // separators and images, merged into the blocks after the text rules
	nblocks      int32        // blocks built (seq numbers 0..nblocks-1)
	extrasRoot   *html.Node   // a content root, for the <base> of the extras' images
	noTables     bool         // WithTables(false)
	commentRoots []*html.Node // the sections the comments rule removed
}

// BlockKind is the type of a Block.
type BlockKind uint8

// Block kinds.
const (
	Paragraph BlockKind = iota // a paragraph of text
	Heading                    // a heading; Level is 1 to 6
	ListItem                   // an item of a list; Level is the nesting depth from 1; Ordered, Number
	Quote                      // a paragraph of a block quote
	Code                       // preformatted text, kept as is; Lang
	TableRow                   // a row of a table: Cells, Header; Text is the cells separated by " | "
	Caption                    // an image or table caption
	Figure                     // an image (only WithImages(true)): Src, Alt; Text is its caption, possibly empty
	Separator                  // a thematic break (<hr>); Text is empty
)

// String returns the kind's name.
func (k BlockKind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case Heading:
		return "heading"
	case ListItem:
		return "list-item"
	case Quote:
		return "quote"
	case Code:
		return "code"
	case TableRow:
		return "table-row"
	case Caption:
		return "caption"
	case Figure:
		return "figure"
	case Separator:
		return "separator"
	}
	return "unknown"
}

// Block is one block of an article. Article.Blocks is a flat, ordered list
// of them; the fields beyond Kind, Level and Text carry the structure that
// the renderers (Markdown, HTML, JSON) rebuild: list nesting and numbering,
// table cells, code languages, images and inline markup.
type Block struct {
	Kind BlockKind
	// Ordered is set on a ListItem of an ordered list (<ol>).
	Ordered bool
	// Header is set on a TableRow of header cells (in <thead>, or all <th>).
	Header bool
	seq    int32 // index in the builder's output, for extras; zero in an Article

	Level int    // heading level, or list nesting depth
	Text  string // whitespace-normalized text (Code keeps its own)
	// LinkText is the number of bytes of Text that were inside links.
	LinkText int

	// Number is an ordered ListItem's number: counted from the list's
	// start attribute (1 by default), or the item's value attribute.
	Number int
	// Lang is a Code block's language, from a "language-x" or "lang-x"
	// class of the <pre> or its <code>; "" when unknown.
	Lang string
	// Cells are a TableRow's cells, in order; Text joins the non-empty ones
	// with " | ".
	Cells []string
	// Src is a Figure's image URL, absolute (the real image of a lazy-loaded
	// one: data-src, data-lazy-src, data-original, the largest of srcset).
	Src string
	// Alt is a Figure's alternative text.
	Alt string
	// Spans is the inline markup of Text, ordered by Start (an enclosing span
	// before the spans inside it). Spans nest and never cross.
	Spans []Span
}

// SpanKind is the type of a Span.
type SpanKind uint8

// Span kinds.
const (
	Emphasis   SpanKind = iota // <em>, <i>
	Strong                     // <strong>, <b>
	InlineCode                 // <code>, <kbd>, <samp>, <tt> outside <pre>
	Link                       // <a href>; Href is absolute
)

// String returns the kind's name.
func (k SpanKind) String() string {
	switch k {
	case Emphasis:
		return "emphasis"
	case Strong:
		return "strong"
	case InlineCode:
		return "code"
	case Link:
		return "link"
	}
	return "unknown"
}

// Span marks inline markup over a Block's Text: Text[Start:End]. Offsets
// are in bytes, at rune boundaries, with 0 <= Start < End <= len(Text); a
// span never starts or ends with white space.
type Span struct {
	Start, End int
	Kind       SpanKind
	// Href is a Link's target: an absolute http, https or mailto URL,
	// resolved against the page URL and the page's <base>.
	Href string
}

// nodeStat holds cheap counts about one element's subtree. Text counts are
// in bytes of non-space text.
type nodeStat struct {
	text   int32 // all text
	link   int32 // text inside <a>
	inline int32 // text in the element's own inline flow (not in child blocks)
	commas int32
	paras  int32 // paragraphs: blocks with text of their own, mostly not links
	good   int32 // the text of those paragraphs: readable prose
	texts  int32 // text nodes with non-space text
	bounds int32 // block elements and <br>: where blocks may end
}

func newPage(u *url.URL) *Page {
	p := &Page{URL: u}
	if u != nil {
		p.Host = trimWWW(u.Hostname())
	}
	return p
}

// stat returns n's statistics, or zeros for an element the last
// computeStats did not reach. A copy: callers only read.
func (p *Page) stat(n *html.Node) nodeStat {
	if n == p.statNode {
		return p.statVal
	}
	var s nodeStat
	if i, ok := p.index[n]; ok {
		s = p.stats[i]
	}
	// The rules of a walk ask about the same element in turn: on a
	// large page each map lookup is a cache miss.
	p.statNode, p.statVal = n, s
	return s
}

// computeStats fills the side table of node statistics for the subtree at
// root, leaving out removed subtrees. One iterative walk; a stack of
// accumulators (one per open element) gathers children's counts, so each
// element costs one map operation. A second call (after pruning) reuses
// the index built by the first.
func (p *Page) computeStats(ctx context.Context, root *html.Node) error {
	p.statNode = nil
	steps := 0
	if p.index == nil {
		// Sized once for every element: a growing map and slice cost
		// about twice their final size in garbage, which on a page of a
		// million elements is a good part of the peak heap.
		n := countElements(root, math.MaxInt32) + 1
		p.index = make(map[*html.Node]int32, n)
		p.stats = make([]nodeStat, 0, n)
	}
	stack := p.statStack[:0]
	skip := func(n *html.Node) bool {
		switch n.Type {
		case html.ElementNode:
			if _, gone := p.removed[n]; gone {
				return true
			}
			return skipTextAtom(n.DataAtom)
		case html.TextNode, html.DocumentNode:
			return false
		}
		return true
	}
	n := root
	for {
		if steps++; steps%4096 == 0 {
			if err := ctx.Err(); err != nil {
				p.statStack = stack[:0]
				return err
			}
		}
		descend := false
		switch n.Type {
		case html.TextNode:
			if len(stack) > 0 {
				t, c := countText(n.Data)
				top := &stack[len(stack)-1]
				top.text += t
				top.inline += t
				top.commas += c
				if t > 0 {
					top.texts++
				}
			}
		case html.ElementNode, html.DocumentNode:
			stack = append(stack, nodeStat{})
			descend = true
		}
		if descend {
			c := n.FirstChild
			for c != nil && skip(c) {
				c = c.NextSibling
			}
			if c != nil {
				n = c
				continue
			}
			stack = p.leaveStat(n, stack)
		}
		// Move to the next sibling, finishing the parents left behind.
		for {
			if n == root {
				p.statStack = stack[:0]
				return nil
			}
			s := n.NextSibling
			for s != nil && skip(s) {
				s = s.NextSibling
			}
			if s != nil {
				n = s
				break
			}
			n = n.Parent
			stack = p.leaveStat(n, stack)
		}
	}
}

// leaveStat finishes the statistics of n (the top of the stack), stores
// them and adds them to the parent's accumulator.
func (p *Page) leaveStat(n *html.Node, stack []nodeStat) []nodeStat {
	s := stack[len(stack)-1]
	stack = stack[:len(stack)-1]
	if n.DataAtom == atom.A {
		s.link = s.text
	}
	if isPara(n.DataAtom, &s) {
		s.paras++
		s.good += s.inline
	}
	if isBlockAtom(n.DataAtom) || n.DataAtom == atom.Br {
		s.bounds++
	}
	if i, ok := p.index[n]; ok {
		p.stats[i] = s
	} else {
		p.index[n] = int32(len(p.stats))
		p.stats = append(p.stats, s)
	}
	if len(stack) > 0 {
		ps := &stack[len(stack)-1]
		ps.text += s.text
		ps.link += s.link
		ps.commas += s.commas
		ps.paras += s.paras
		ps.good += s.good
		ps.texts += s.texts
		ps.bounds += s.bounds
		if !isBlockAtom(n.DataAtom) {
			ps.inline += s.inline
		}
	}
	return stack
}

// isParaAtom reports whether an element of this kind counts as a
// paragraph when it has enough text of its own.
func isParaAtom(a atom.Atom) bool {
	return a == atom.P || a == atom.Pre || a == atom.Td || isBlockAtom(a)
}

// isPara reports whether an element with these stats is a paragraph: a
// block with text of its own, not mostly links.
func isPara(a atom.Atom, s *nodeStat) bool {
	return s.inline >= 25 && s.link*2 < s.text && isParaAtom(a)
}

// subtractRemoved updates the statistics after the prune rules, as a
// second computeStats would, but in time proportional to the removed
// elements and their depth: each removed subtree's counts are taken off
// its ancestors, whose paragraph flags are decided again on the way up.
// The counts are sums, so the order of the removals does not matter.
func (p *Page) subtractRemoved() {
	p.statNode = nil
	for r := range p.removed {
		ri, ok := p.index[r]
		if !ok {
			continue // never counted (inside an element skipped by computeStats)
		}
		top := true
		for a := r.Parent; a != nil && top; a = a.Parent {
			if _, gone := p.removed[a]; gone {
				top = false
			}
		}
		if !top {
			continue // inside a removed subtree: counted with it
		}
		d := p.stats[ri]
		up := d.inline
		if isBlockAtom(r.DataAtom) {
			up = 0
		}
		for a := r.Parent; a != nil; a = a.Parent {
			ai, ok := p.index[a]
			if !ok {
				break
			}
			old := p.stats[ai]
			s := old
			s.text -= d.text
			s.commas -= d.commas
			s.texts -= d.texts
			s.bounds -= d.bounds
			s.paras -= d.paras
			s.good -= d.good
			s.inline -= up
			if a.DataAtom == atom.A {
				s.link = s.text
			} else {
				s.link -= d.link
			}
			if isPara(a.DataAtom, &old) {
				s.paras--
				s.good -= old.inline
			}
			if isPara(a.DataAtom, &s) {
				s.paras++
				s.good += s.inline
			}
			p.stats[ai] = s
			d = nodeStat{text: old.text - s.text, link: old.link - s.link, inline: old.inline - s.inline, commas: old.commas - s.commas,
				paras: old.paras - s.paras, good: old.good - s.good, texts: old.texts - s.texts, bounds: old.bounds - s.bounds}
			up = d.inline
			if isBlockAtom(a.DataAtom) {
				up = 0
			}
			if d == (nodeStat{}) {
				break
			}
		}
	}
}

func countText(s string) (text, commas int32) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= ' ':
		case c == ',':
			text++
			commas++
		default:
			text++
			// "，" U+FF0C and "、" U+3001
			if c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] == 0x8C || c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x81 {
				commas++
			}
		}
	}
	return text, commas
}

// TextLen returns the number of non-space bytes of text inside n, not
// counting what rules already removed before the current phase.
func (p *Page) TextLen(n *html.Node) int { return int(p.stat(n).text) }

// LinkDensity returns the share of n's text that sits inside links, from 0
// to 1.
func (p *Page) LinkDensity(n *html.Node) float64 {
	s := p.stat(n)
	if s.text == 0 {
		return 0
	}
	return float64(s.link) / float64(s.text)
}

// Removed reports whether n or one of its ancestors was removed by a rule.
func (p *Page) Removed(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if _, ok := p.removed[n]; ok {
			return true
		}
	}
	return false
}

// Text returns n's visible text, white space collapsed, words of separate
// blocks kept apart, without what rules removed.
func (p *Page) Text(n *html.Node) string { return textOf(n, p.isRemoved, 0) }

func (p *Page) isRemoved(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	_, ok := p.removed[n]
	return ok
}

// AddAuthor records an author name found by a rule (a byline moved out of
// the body). The first names recorded come first.
func (p *Page) AddAuthor(names ...string) {
	if p.firstByline == nil && len(names) > 0 {
		p.firstByline = append([]string(nil), names...)
	}
	for _, name := range names {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		dup := false
		for _, a := range p.authors {
			if strings.EqualFold(a, name) {
				dup = true
				break
			}
		}
		if !dup {
			p.authors = append(p.authors, name)
		}
	}
}

// Title returns the page's title as read from its metadata, or "".
func (p *Page) Title() string { return p.title }

func trimWWW(h string) string {
	return strings.TrimPrefix(strings.ToLower(h), "www.")
}
