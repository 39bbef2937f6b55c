package cleaner

import (
	"sort"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// outputOptions are the options that shape Article.Blocks beyond the text:
// what the renderers get to show. Their zero value is the default.
type outputOptions struct {
	images     bool // Figure blocks for the content's images
	noLinks    bool // no Link spans
	noTables   bool // data tables left out
	noComments bool // Article.Comments not filled
}

// WithImages makes Article.Blocks carry a Figure block for every image of
// the content: its address (the real one of a lazy-loaded image), its
// alternative text and its caption. Off by default. Article.Text is the
// same either way: a figure's caption is in Text exactly when it would be
// without images (the figure-captions rule drops captions; disable it to
// keep them), and an image without a caption adds nothing to Text.
func WithImages(on bool) Option {
	return func(c *config) error { c.out.images = on; return nil }
}

// WithLinks says whether Blocks carry Link spans (on by default). Links
// are absolute http, https or mailto URLs; others are left out, their text
// kept.
func WithLinks(on bool) Option {
	return func(c *config) error { c.out.noLinks = !on; return nil }
}

// WithTables says whether the article keeps its data tables (on by
// default): TableRow blocks in Blocks, their cells in Text. Off, tables
// inside the content are left out of both, except layout tables (a table
// with headings, several paragraphs or another table inside) and a table
// that is the content itself.
func WithTables(on bool) Option {
	return func(c *config) error { c.out.noTables = !on; return nil }
}

// isLayoutTable reports whether a table lays out prose rather than data.
func isLayoutTable(t *html.Node) bool {
	paras := 0
	for n := t.FirstChild; n != nil; n = next(n, t, true) {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table:
			return true
		case atom.P:
			if paras++; paras > 1 {
				return true
			}
		}
	}
	return false
}

// finishBlocks merges the separators and images kept aside by the block
// builder into the blocks the text rules kept, as the options say, and
// clears the builder's bookkeeping. A separator survives unless it would
// start or end the article or follow another; an image outside a figure
// goes when the paragraph it was in goes; a figure's image takes its
// caption's block when the caption was kept.
func (p *Page) finishBlocks(blocks []Block, o outputOptions) []Block {
	extras := p.extras
	p.extras = nil
	if len(extras) > 0 {
		// Images get their address now, and only when they are wanted.
		r := &blockBuilder{p: p, root: p.extrasRoot}
		kept := extras[:0:0]
		for _, e := range extras {
			if e.block.Kind == Figure {
				if !o.images {
					continue
				}
				fb, ok := r.figure(e.img)
				if !ok {
					continue
				}
				e.block = fb
			}
			kept = append(kept, e)
		}
		extras = kept
	}
	var links linkResolver
	links.r = &blockBuilder{p: p, root: p.extrasRoot}
	if len(extras) == 0 {
		for i := range blocks {
			blocks[i].seq = 0
			if len(blocks[i].Spans) > 0 {
				blocks[i].Spans = links.spans(blocks[i].Spans, o.noLinks)
			}
		}
		return blocks
	}
	sortExtras(extras)
	kept := make([]bool, p.nblocks)
	for _, b := range blocks {
		if b.seq >= 0 && b.seq < p.nblocks {
			kept[b.seq] = true
		}
	}
	merges := map[int32]extraBlock{}
	for _, e := range extras {
		if e.merge && e.tie >= 0 && e.tie < p.nblocks && kept[e.tie] {
			merges[e.tie] = e
		}
	}
	out := make([]Block, 0, len(blocks)+len(extras))
	add := func(b Block) {
		if b.Kind == Separator && (len(out) == 0 || out[len(out)-1].Kind == Separator) {
			return
		}
		out = append(out, b)
	}
	ei := 0
	addExtras := func(before int32) {
		for ; ei < len(extras) && extras[ei].after < before; ei++ {
			e := extras[ei]
			if e.merge && e.tie >= 0 && e.tie < p.nblocks && kept[e.tie] {
				continue // placed on its caption
			}
			if !e.merge && e.tie >= 0 && (e.tie >= p.nblocks || !kept[e.tie]) {
				continue // went with its paragraph
			}
			add(e.block)
		}
	}
	for _, b := range blocks {
		addExtras(b.seq)
		if e, ok := merges[b.seq]; ok {
			b.Kind, b.Src, b.Alt = Figure, e.block.Src, e.block.Alt
		}
		if len(b.Spans) > 0 {
			b.Spans = links.spans(b.Spans, o.noLinks)
		}
		b.seq = 0
		add(b)
	}
	addExtras(p.nblocks + 1)
	for len(out) > 0 && out[len(out)-1].Kind == Separator {
		out = out[:len(out)-1]
	}
	return out
}

// sortExtras orders extras by the block they follow, keeping the order of
// those that follow the same block.
func sortExtras(e []extraBlock) {
	sort.SliceStable(e, func(i, j int) bool { return e[i].after < e[j].after })
}

// linkResolver resolves the raw addresses of link spans, each address
// once a page.
type linkResolver struct {
	r    *blockBuilder
	done map[string]string
}

// spans resolves the links of a block's spans in place, and drops the
// links to anything but http, https and mailto (all links with noLinks).
func (l *linkResolver) spans(spans []Span, noLinks bool) []Span {
	kept := spans[:0]
	for _, s := range spans {
		if s.Kind == Link {
			if noLinks {
				continue
			}
			u, ok := l.r.resolveFast(s.Href)
			if !ok {
				u, ok = l.done[s.Href]
			}
			if !ok {
				u = l.r.resolve(s.Href, true)
				if l.done == nil {
					l.done = map[string]string{}
				}
				l.done[s.Href] = u
			}
			if u == "" {
				continue
			}
			s.Href = u
		}
		kept = append(kept, s)
	}
	if len(kept) == 0 {
		return nil
	}
	return kept
}
