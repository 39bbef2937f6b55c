package cleaner

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"sync"

	"github.com/andybalholm/cascadia"
	"github.com/boilerfree/cleaner/internal/charset"
	"github.com/boilerfree/cleaner/internal/htmlparse"
	"github.com/boilerfree/cleaner/internal/meta"
	"golang.org/x/net/html"
)

// traceTextLimit caps the text kept for one trace entry.
const traceTextLimit = 300

// ctxCheckEvery is how many elements a walk visits between context checks.
const ctxCheckEvery = 1024

func (c *Cleaner) cleanReader(ctx context.Context, r io.Reader, pageURL, contentType string) (*Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}
	data, err := readLimited(ctx, r, c.cfg.maxBytes+1, c.inputs.get)
	if err != nil {
		c.inputs.put(data)
		return nil, fmt.Errorf("cleaner: reading input: %w", err)
	}
	truncated := false
	if int64(len(data)) > c.cfg.maxBytes {
		data = data[:c.cfg.maxBytes]
		truncated = true
	}
	root, enc, err := c.decodeParse(ctx, data, contentType)
	if cerr := ctx.Err(); cerr != nil {
		return nil, fmt.Errorf("cleaner: %w", cerr)
	}
	if err != nil {
		return nil, err
	}
	a := &Article{Truncated: truncated, Charset: enc}
	return c.cleanNode(ctx, root, pageURL, a)
}

// decodeParse decodes data to UTF-8 and parses it. Neither step can be
// interrupted, so when ctx can be cancelled they run in their own
// goroutine and the call returns as soon as ctx is done; the goroutine
// finishes (in time bounded by the input size) and its result is dropped.
func (c *Cleaner) decodeParse(ctx context.Context, data []byte, contentType string) (*html.Node, string, error) {
	work := func() (*html.Node, string, error) {
		// The tree holds copies of the bytes it needs: data is free for
		// the next call once the parse is over (and only then: a cancelled
		// call returns before it).
		defer c.inputs.put(data)
		utf8Data, enc := charset.Decode(data, contentType)
		// Script, style and noscript contents are never article text and
		// are half the bytes of a typical page: dropped before parsing,
		// in place (the buffer is this call's own).
		utf8Data = htmlparse.StripRawText(utf8Data)
		if n := bytes.Count(utf8Data, []byte{'<'}); n > c.cfg.maxNodes {
			return nil, enc, fmt.Errorf("%w: more than %d tags", ErrTooLarge, c.cfg.maxNodes)
		}
		root, err := htmlparse.Parse(utf8Data)
		if err != nil {
			return nil, enc, fmt.Errorf("cleaner: parsing HTML: %w", err)
		}
		return root, enc, nil
	}
	if ctx.Done() == nil {
		return work()
	}
	type result struct {
		root *html.Node
		enc  string
		err  error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				ch <- result{err: &RuleError{Rule: "parse", Err: fmt.Errorf("panic: %v", v)}}
			}
		}()
		root, enc, err := work()
		ch <- result{root, enc, err}
	}()
	select {
	case r := <-ch:
		return r.root, r.enc, r.err
	case <-ctx.Done():
		return nil, "", ctx.Err()
	}
}

// readLimited reads up to limit bytes of r into a buffer from alloc, which
// returns an empty slice with at least the capacity asked for. Readers that
// know their length (bytes.Reader, strings.Reader, bytes.Buffer) get one
// buffer of the right size instead of io.ReadAll's doubling, which costs as
// much garbage as a parse.
func readLimited(ctx context.Context, r io.Reader, limit int64, alloc func(int) []byte) ([]byte, error) {
	size := int64(64 << 10)
	if l, ok := r.(interface{ Len() int }); ok {
		size = int64(l.Len()) + 1 // +1: the read that sees EOF
	}
	size = max(min(size, limit), 512)
	buf := alloc(int(size))
	lr := io.LimitReader(r, limit)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
		// At most 1 MiB a read, and the context checked between reads:
		// a large in-memory input is not one uninterruptible copy.
		n, err := lr.Read(buf[len(buf):min(cap(buf), len(buf)+1<<20)])
		buf = buf[:len(buf)+n]
		if cerr := ctx.Err(); cerr != nil {
			return buf, cerr
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// maxPooledInput is the largest input buffer kept for reuse: pages are
// mostly far smaller, and a rare huge one should not stay in memory.
const maxPooledInput = 2 << 20

// bufPool recycles byte buffers between calls and goroutines.
type bufPool struct{ p sync.Pool }

// get returns an empty buffer of at least size bytes of capacity.
func (b *bufPool) get(size int) []byte {
	if v, ok := b.p.Get().(*[]byte); ok {
		if cap(*v) >= size {
			return (*v)[:0]
		}
		b.p.Put(v) // too small for this page; another may fit
	}
	return make([]byte, 0, size)
}

// put hands buf back for reuse. The caller must not touch it afterwards.
func (b *bufPool) put(buf []byte) {
	if c := cap(buf); c == 0 || c > maxPooledInput {
		return
	}
	buf = buf[:0]
	b.p.Put(&buf)
}

// run holds one call's state: the page, the rules and the article.
type run struct {
	c       *Cleaner
	ctx     context.Context
	p       *Page
	rules   *ruleSet
	keep    []cascadia.Matcher
	article *Article
	rule    string // the rule running, for panic reports
	visited int
}

func (c *Cleaner) cleanNode(ctx context.Context, root *html.Node, pageURL string, a *Article) (art *Article, err error) {
	if a == nil {
		a = &Article{}
	}
	u := parseURL(pageURL)
	rs, keep, content := c.forHost(u)
	rn := &run{c: c, ctx: ctx, p: newPage(u), rules: rs, keep: keep, article: a}
	rn.p.removed = make(map[*html.Node]struct{})
	rn.p.noTables = c.cfg.out.noTables
	defer func() {
		if v := recover(); v != nil {
			stage := rn.rule
			if stage == "" {
				stage = "pipeline"
			}
			art = nil
			err = &RuleError{Rule: stage, Err: fmt.Errorf("panic: %v\n%s", v, debug.Stack())}
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}

	md, err := meta.ExtractContext(ctx, root, u)
	if err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}
	rn.p.title = md.Title
	body := findBody(root)
	rn.p.body = body

	p := rn.p
	if err := p.computeStats(ctx, body); err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}
	p.bodyGood = int(p.stat(body).good)
	p.h1 = findHeadline(body, md.Title)
	p.subtitle = p.findSubtitle(p.h1)
	if err := rn.applyNodeRules(body, PhasePrune); err != nil {
		return nil, err
	}
	p.subtractRemoved()
	p.bodyGood = int(p.stat(body).good)

	var roots []*html.Node
	if content != nil {
		roots = matchFirst(body, content, p)
	}
	if len(roots) == 0 {
		roots = p.locate(body)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}
	for _, r := range roots {
		if err := rn.applyNodeRules(r, PhaseRefine); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}
	blocks := p.buildBlocks(roots)
	blocks, err = rn.applyTextRules(blocks)
	if err != nil {
		return nil, err
	}
	rn.assemble(md, blocks)
	if a.Text == "" && a.Title == "" {
		return a, ErrNoContent
	}
	return a, nil
}

func matchFirst(root *html.Node, m cascadia.Matcher, p *Page) []*html.Node {
	for n := root; n != nil; {
		if n.Type == html.ElementNode {
			if p.isRemoved(n) {
				n = next(n, root, false)
				continue
			}
			if m.Match(n) {
				return []*html.Node{n}
			}
		}
		n = next(n, root, true)
	}
	return nil
}

// applyNodeRules walks the subtree at root once and, at each element, runs
// the phase's rules in order; the first that matches removes the element.
func (rn *run) applyNodeRules(root *html.Node, ph Phase) error {
	rules := rn.rules[ph]
	if len(rules) == 0 {
		return nil
	}
	p := rn.p
	p.textNode, p.namesNode, p.catsNode = nil, nil, nil // removals since: cached values may be stale
	for n := root; n != nil; {
		if n.Type != html.ElementNode {
			n = next(n, root, true)
			continue
		}
		rn.visited++
		if rn.visited%ctxCheckEvery == 0 {
			if err := rn.ctx.Err(); err != nil {
				return fmt.Errorf("cleaner: %w", err)
			}
		}
		if _, gone := p.removed[n]; gone || rn.protected(n) {
			n = next(n, root, false)
			continue
		}
		removed := false
		if n != root {
			for i := range rules {
				r := &rules[i]
				rn.rule = r.ID
				if r.Match(p, n) {
					rn.remove(n, r)
					removed = true
					break
				}
			}
			rn.rule = ""
		}
		n = next(n, root, !removed)
	}
	return nil
}

func (rn *run) protected(n *html.Node) bool {
	for _, m := range rn.keep {
		if m.Match(n) {
			return true
		}
	}
	return false
}

func (rn *run) remove(n *html.Node, r *Rule) {
	if rn.c.cfg.trace {
		t := textOf(n, rn.p.isRemoved, traceTextLimit)
		if t != "" {
			rn.article.Removed = append(rn.article.Removed, Removal{Rule: r.ID, Phase: r.Phase, Text: cut(t, traceTextLimit), Reason: r.Description})
		}
	}
	rn.p.removed[n] = struct{}{}
	if r.ID == ruleComments.ID {
		rn.keepCommentRoot(n)
	}
}

// applyTextRules runs the text-phase rules in order; each sees the blocks
// the rules before it kept.
func (rn *run) applyTextRules(blocks []Block) ([]Block, error) {
	for i := range rn.rules[PhaseText] {
		if err := rn.ctx.Err(); err != nil {
			return nil, fmt.Errorf("cleaner: %w", err)
		}
		r := &rn.rules[PhaseText][i]
		rn.rule = r.ID
		drop := r.Filter(rn.p, blocks)
		rn.rule = ""
		if len(drop) == 0 {
			continue
		}
		gone := make([]bool, len(blocks))
		for _, j := range drop {
			if j >= 0 && j < len(blocks) {
				gone[j] = true
			}
		}
		kept := blocks[:0] // in place: the rule's indexes were taken before
		for j, b := range blocks {
			if gone[j] {
				if rn.c.cfg.trace {
					rn.article.Removed = append(rn.article.Removed, Removal{Rule: r.ID, Phase: PhaseText, Text: cut(b.Text, traceTextLimit), Reason: r.Description})
				}
				continue
			}
			kept = append(kept, b)
		}
		blocks = kept
	}
	return blocks, nil
}

// cut shortens s to at most n bytes, at a rune boundary, marking the cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i] + "…"
}
