package cleaner

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockBuilder turns content subtrees into blocks: one walk, iterative, that
// starts a new block at every block-level element so that words of separate
// blocks are never glued together.
type blockBuilder struct {
	p      *Page
	out    []Block
	buf    []byte
	space  bool
	links  int
	inLink int
	pre    int // depth inside <pre>
}

func (p *Page) buildBlocks(roots []*html.Node) []Block {
	b := &blockBuilder{p: p, space: true}
	for _, r := range roots {
		b.walk(r)
	}
	return b.out
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
		if b.pre > 0 {
			b.buf = append(b.buf, n.Data...)
			b.space = false
		} else {
			before := len(b.buf)
			b.buf, b.space = collapse(b.buf, n.Data, b.space)
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
		b.flush(n)
		return false
	case atom.Img, atom.Input, atom.Button, atom.Video, atom.Audio, atom.Picture, atom.Canvas:
		return false
	case atom.A:
		b.inLink++
	case atom.Pre:
		b.flush(n)
		b.pre++
		return true
	case atom.Td, atom.Th:
		if len(strings.TrimSpace(string(b.buf))) > 0 {
			b.trimSpace()
			b.buf = append(b.buf, " | "...)
			b.space = true
		}
		return true
	}
	if isBlockAtom(n.DataAtom) {
		b.flush(n)
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
		return
	case atom.Pre:
		b.flushKind(n, Code, 0)
		b.pre--
		return
	case atom.Td, atom.Th:
		return
	}
	if isBlockAtom(n.DataAtom) {
		b.flush(n)
	}
}

func (b *blockBuilder) trimSpace() {
	for len(b.buf) > 0 && b.buf[len(b.buf)-1] == ' ' {
		b.buf = b.buf[:len(b.buf)-1]
	}
}

// flush ends the current block, typed by the element it belongs to: the
// nearest block ancestor of n (n included).
func (b *blockBuilder) flush(n *html.Node) {
	if len(b.buf) == 0 {
		return
	}
	kind, level := Paragraph, 0
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
			}
		case atom.Ul, atom.Ol, atom.Dl:
			if kind == ListItem {
				level++
			}
		case atom.Figcaption, atom.Caption:
			if kind == Paragraph {
				kind = Caption
			}
		case atom.Tr:
			if kind == Paragraph {
				kind = TableRow
			}
		case atom.Blockquote:
			if kind == Paragraph {
				kind = Quote
			}
		}
	}
	b.flushKind(n, kind, level)
}

func (b *blockBuilder) flushKind(_ *html.Node, kind BlockKind, level int) {
	var text string
	if kind == Code {
		text = strings.Trim(string(b.buf), "\n")
	} else {
		text = strings.TrimSpace(strings.ReplaceAll(string(b.buf), " \n", "\n"))
	}
	links := b.links
	b.buf = b.buf[:0]
	b.space = true
	b.links = 0
	if strings.TrimSpace(text) == "" {
		return
	}
	if kind == ListItem && level == 0 {
		level = 1
	}
	b.out = append(b.out, Block{Kind: kind, Level: level, Text: text, LinkText: min(links, len(text))})
}
