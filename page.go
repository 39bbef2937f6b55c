package cleaner

import (
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

	stats   []nodeStat
	index   map[*html.Node]int32
	removed map[*html.Node]int16
	authors []string
	title   string
	body    *html.Node
	bodyLen int
}

// BlockKind is the type of a Block.
type BlockKind uint8

// Block kinds.
const (
	Paragraph BlockKind = iota // a paragraph of text
	Heading                    // a heading; Level is 1 to 6
	ListItem                   // an item of a list; Level is the nesting depth from 1
	Quote                      // a paragraph of a block quote
	Code                       // preformatted text, kept as is
	TableRow                   // a row of a table, cells separated by " | "
	Caption                    // an image or table caption
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
	}
	return "unknown"
}

// Block is one block of an article's text.
type Block struct {
	Kind  BlockKind
	Level int    // heading level, or list nesting depth
	Text  string // whitespace-normalized text (Code keeps its own)
	// LinkText is the number of bytes of Text that were inside links.
	LinkText int
}
