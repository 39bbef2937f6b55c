// Package htmlparse parses HTML into a golang.org/x/net/html tree, including
// pages nested deeper than the parser accepts.
//
// Since golang.org/x/net v0.45, html.Parse rejects any document that makes
// it hold more than 512 open elements ("html: open stack of elements
// exceeds 512 nodes"); real pages do that, with thousands of unclosed
// inline tags or pathologically nested layouts. Parse then re-tokenizes the
// input and re-emits it with start tags (and their end tags) dropped
// wherever the nesting would grow too deep, keeping all text, and parses
// that. Everything is linear in the size of the input and iterative.
package htmlparse

import (
	"bytes"
	"fmt"

	"golang.org/x/net/html"
)

// Parse parses UTF-8 HTML like html.Parse. Documents that html.Parse
// accepts yield exactly its tree, at exactly its cost. Documents nested too
// deeply for it are flattened first: the elements that would exceed the
// nesting limit are left out but their text is kept. As a last resort only
// the text is kept, in paragraphs. An error is returned only if even that
// cannot be parsed.
func Parse(data []byte) (*html.Node, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err == nil {
		return doc, nil
	}
	// The tree builder may reopen up to the formatting limit of elements
	// on top of the depth limit, and adds a few implied ones (html, body),
	// so the first pass stays well under 512. The second pass is for
	// inputs that defeat the model of the first.
	for _, lim := range [...]limits{
		{depth: 256, formatting: 32},
		{depth: 48, formatting: 4},
	} {
		if doc, err = html.Parse(bytes.NewReader(flatten(data, lim))); err == nil {
			return doc, nil
		}
	}
	if doc, err = html.Parse(bytes.NewReader(textOnly(data))); err == nil {
		return doc, nil
	}
	return nil, fmt.Errorf("htmlparse: %w", err)
}
