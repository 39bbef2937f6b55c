package cleaner

import (
	"context"
	"io"

	"golang.org/x/net/html"
)

func (c *Cleaner) cleanReader(ctx context.Context, r io.Reader, pageURL, contentType string) (*Article, error) {
	return nil, ErrNoContent
}

func (c *Cleaner) cleanNode(ctx context.Context, root *html.Node, pageURL string, a *Article) (*Article, error) {
	return nil, ErrNoContent
}

func (c *Cleaner) cleanPlainText(ctx context.Context, text string) (*Article, error) {
	return nil, ErrNoContent
}

// DefaultRules returns the default rules in their order.
func DefaultRules() []Rule { return nil }
type nodeStat struct{}
