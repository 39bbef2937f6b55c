package cleaner

import (
	"context"
	"fmt"
	"github.com/boilerfree/cleaner/internal/lang"
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitText turns plain text into blocks: one block a non-empty line.
// Lines starting with a bullet ("•", "-", "*", "·", "‣", "▪") followed by a
// space become list items.
func splitText(ctx context.Context, text string) ([]Block, error) {
	out := make([]Block, 0, strings.Count(text, "\n")+1)
	for lines := 0; len(text) > 0; lines++ {
		if lines%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimSpace(strings.ToValidUTF8(line, "\uFFFD"))
		if strings.IndexByte(line, 0) >= 0 {
			line = strings.TrimSpace(strings.ReplaceAll(line, "\x00", ""))
		}
		if line == "" {
			continue
		}
		kind := Paragraph
		for _, bullet := range []string{"• ", "- ", "* ", "· ", "‣ ", "▪ ", "– "} {
			if strings.HasPrefix(line, bullet) {
				kind = ListItem
				line = strings.TrimSpace(line[len(bullet):])
				break
			}
		}
		if line == "" {
			continue
		}
		b := Block{Kind: kind, Text: line}
		if !isCollapsed(line) {
			b.Text = string(collapseString(line))
		}
		if kind == ListItem {
			b.Level = 1
		}
		out = append(out, b)
	}
	return out, nil
}

func collapseString(s string) []byte {
	b, _ := collapse(make([]byte, 0, len(s)), s, true)
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

func (c *Cleaner) cleanPlainText(ctx context.Context, text string) (art *Article, err error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}
	a := &Article{Charset: "utf-8"}
	if int64(len(text)) > c.cfg.maxBytes {
		text = text[:c.cfg.maxBytes]
		a.Truncated = true
	}
	rn := &run{c: c, ctx: ctx, p: newPage(nil), rules: &c.rules, article: a}
	defer func() {
		if v := recover(); v != nil {
			stage := rn.rule
			if stage == "" {
				stage = "pipeline"
			}
			art, err = nil, &RuleError{Rule: stage, Err: fmt.Errorf("panic: %v", v)}
		}
	}()
	blocks, err := splitText(ctx, text)
	if err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}
	blocks, err = rn.applyTextRules(blocks)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("cleaner: %w", err)
	}
	p := rn.p
	// Title: the first block, when it reads like a headline.
	if len(blocks) > 0 && looksLikeTitle(blocks[0].Text) {
		a.Title = splitKicker(blocks[0].Text)
		blocks = blocks[1:]
	}
	// Subtitle: the short line right above a byline.
	if p.bylineBefore != "" && p.bylineBefore != a.Title {
		for i, b := range blocks {
			if b.Text == p.bylineBefore && wordCount(b.Text) <= 30 && !strings.HasSuffix(b.Text, ".") {
				a.Subtitle = b.Text
				blocks = append(blocks[:i:i], blocks[i+1:]...)
				break
			}
		}
	}
	a.Authors = p.authors
	a.Blocks = blocks
	a.Text = renderText(blocks)
	a.Language = lang.Detect(a.Text)
	if a.Text == "" && a.Title == "" {
		return a, ErrNoContent
	}
	return a, nil
}

// looksLikeTitle: a line of 1 to 40 words that is not a full paragraph.
func looksLikeTitle(s string) bool {
	n := wordCountUpTo(s, 41)
	return n >= 1 && n <= 40 && len(s) <= 300 && !(n > 20 && strings.HasSuffix(s, "."))
}

var kickers = set("EXCLUSIVE", "BREAKING", "UPDATED", "UPDATE", "LIVE", "OPINION", "ANALYSIS", "WATCH", "VIDEO", "PHOTOS", "INTERVIEW",
	"EDITORIAL", "SPONSORED", "REVIEW", "FEATURE", "COLUMN", "COMMENTARY", "FACT CHECK", "EXPLAINER", "PREMIUM", "NEW")

// splitKicker removes a label glued to the front of a headline by a
// scraper: "EXCLUSIVE'Don't die…" becomes "'Don't die…". A label is an
// all-capitals word of four letters or more followed directly by a quote
// or by a capitalized word, or a known kicker followed by a space or colon.
func splitKicker(t string) string {
	i := 0
	for i < len(t) && t[i] >= 'A' && t[i] <= 'Z' {
		i++
	}
	if i >= 4 && i < len(t) {
		rest := t[i:]
		r, size := utf8.DecodeRuneInString(rest)
		switch {
		case strings.ContainsRune("'\"‘“«", r):
			return strings.TrimSpace(rest)
		case unicode.IsUpper(r) && i+size < len(t):
			if r2, _ := utf8.DecodeRuneInString(rest[size:]); unicode.IsLower(r2) {
				return strings.TrimSpace(rest)
			}
		case kickers[t[:i]] && (r == ' ' || r == ':' || r == '|' || r == '-'):
			if out := strings.TrimLeft(rest, " :|-"); wordCount(out) >= 3 {
				return out
			}
		}
	}
	return t
}

// renderText joins blocks as plain text: a blank line between blocks, a
// single newline between items of the same list.
func renderText(blocks []Block) string {
	var sb strings.Builder
	n := 0
	for _, b := range blocks {
		n += len(b.Text) + 2
	}
	sb.Grow(n)
	prev := Separator
	for _, b := range blocks {
		if b.Text == "" {
			continue // a separator, an image without a caption
		}
		if sb.Len() > 0 {
			if b.Kind == ListItem && prev == ListItem || b.Kind == TableRow && prev == TableRow {
				sb.WriteByte('\n')
			} else {
				sb.WriteString("\n\n")
			}
		}
		prev = b.Kind
		sb.WriteString(b.Text)
	}
	return sb.String()
}
