package main

// The Markdown round trip: for every page, the cleaner's Article.Markdown()
// is rendered to HTML by goldmark (CommonMark with GitHub tables), the text
// of that HTML is taken, and its word shingles are scored against
// Article.Text with the same metric as the quality tables. A Markdown
// renderer that drops, duplicates or garbles text (bad escaping, markup
// read where there was none) shows up as an F1 below 1.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/boilerfree/cleaner"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// markdownToHTML renders CommonMark with GitHub tables, as a reader of the
// cleaner's Markdown would. Raw HTML is not rendered (goldmark's default):
// the cleaner's Markdown has none, and text that looked like HTML is
// escaped, so nothing is lost by that.
func markdownToHTML(md string) (string, error) {
	var buf bytes.Buffer
	g := goldmark.New(goldmark.WithExtensions(extension.Table))
	if err := g.Convert([]byte(md), &buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// htmlText returns the visible text of an HTML fragment, a newline at
// every block boundary and a space between table cells, so that words of
// separate blocks are never glued.
func htmlText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return ""
	}
	var b strings.Builder
	var stack []*html.Node
	for i := len(nodes) - 1; i >= 0; i-- {
		stack = append(stack, nodes[i])
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil {
			b.WriteByte('\n') // the end of a block
			continue
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			continue
		case html.ElementNode:
		default:
			continue
		}
		switch n.DataAtom {
		case atom.Br:
			b.WriteByte('\n')
			continue
		case atom.Td, atom.Th:
			b.WriteByte(' ')
		case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul, atom.Ol, atom.Pre,
			atom.Blockquote, atom.Table, atom.Tr, atom.Hr, atom.Figure, atom.Figcaption, atom.Div:
			b.WriteByte('\n')
			stack = append(stack, nil)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

// RoundTripPage is one page's round trip.
type RoundTripPage struct {
	ID         string
	F1         float64
	TP, FP, FN int // raw shingle counts
}

// RoundTripReport is a dataset's round trip: the mean page F1, the F1 of
// the shingle counts pooled over all pages, and the pages, worst first.
type RoundTripReport struct {
	Dataset    string
	Pages      int // pages with text
	MeanPageF1 float64
	PooledF1   float64
	Worst      []RoundTripPage
}

// roundTrip runs the round trip on every page of a dataset.
func roundTrip(ctx context.Context, c *cleaner.Cleaner, d *Dataset) (RoundTripReport, error) {
	rep := RoundTripReport{Dataset: d.Name}
	var tp, fp, fn int
	var sum float64
	for _, p := range d.Pages {
		if p.HTML == nil {
			continue
		}
		a, err := c.Clean(ctx, bytes.NewReader(p.HTML), p.URL)
		if err != nil || a.Text == "" {
			continue
		}
		h, err := markdownToHTML(a.Markdown())
		if err != nil {
			return rep, fmt.Errorf("%s/%s: %w", d.Name, p.ID, err)
		}
		ptp, pfp, pfn := rawShingleCounts(Tokens(a.Text), Tokens(htmlText(h)))
		f1 := 1.0
		if d := 2*ptp + pfp + pfn; d > 0 {
			f1 = 2 * float64(ptp) / float64(d)
		}
		rep.Worst = append(rep.Worst, RoundTripPage{ID: p.ID, F1: f1, TP: ptp, FP: pfp, FN: pfn})
		tp, fp, fn = tp+ptp, fp+pfp, fn+pfn
		sum += f1
	}
	rep.Pages = len(rep.Worst)
	if rep.Pages > 0 {
		rep.MeanPageF1 = sum / float64(rep.Pages)
	}
	rep.PooledF1 = 1
	if d := 2*tp + fp + fn; d > 0 {
		rep.PooledF1 = 2 * float64(tp) / float64(d)
	}
	sort.SliceStable(rep.Worst, func(i, j int) bool { return rep.Worst[i].F1 < rep.Worst[j].F1 })
	return rep, nil
}

// rawShingleCounts returns the true positive, false positive and false
// negative shingle counts of a prediction against a truth, unnormalized.
func rawShingleCounts(truth, pred []string) (tp, fp, fn int) {
	t, p := shingles(truth), shingles(pred)
	for k, a := range t {
		b := p[k]
		tp += min(a, b)
		fp += max(0, b-a)
		fn += max(0, a-b)
	}
	for k, b := range p {
		if _, ok := t[k]; !ok {
			fp += b
		}
	}
	return tp, fp, fn
}

// runRoundTrip prints the round trip of every dataset, with and without
// images.
func runRoundTrip(datasets []*Dataset, stdout io.Writer) error {
	fmt.Fprintln(stdout, "\n### Markdown round trip: Article.Markdown() → goldmark (GFM tables) → text, against Article.Text (shingle F1)")
	fmt.Fprintln(stdout)
	var rows [][]string
	for _, images := range []bool{false, true} {
		c, err := cleaner.New(cleaner.WithImages(images))
		if err != nil {
			return err
		}
		for _, d := range datasets {
			rep, err := roundTrip(context.Background(), c, d)
			if err != nil {
				return err
			}
			worst := ""
			for _, w := range rep.Worst[:min(3, len(rep.Worst))] {
				if w.F1 < 1 {
					worst += fmt.Sprintf("%s %.4f ", w.ID[:min(12, len(w.ID))], w.F1)
				}
			}
			rows = append(rows, []string{d.Name, fmt.Sprint(images), fmt.Sprint(rep.Pages), f4(rep.MeanPageF1), f4(rep.PooledF1), strings.TrimSpace(worst)})
		}
	}
	printTable(stdout, []string{"dataset", "images", "pages", "mean page F1", "pooled F1", "lowest pages"}, rows)
	return nil
}
