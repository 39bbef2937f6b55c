package cleaner

import (
	"strings"
	"time"

	"github.com/boilerfree/cleaner/internal/meta"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Comment is one reader comment, found in the sections the comments rule
// removed from the page. Comments never reach Article.Text.
type Comment struct {
	// Author is the commenter's name as shown, when the markup marks it.
	Author string
	// Published is when the comment was posted, from a <time datetime> or
	// a date attribute; zero when unknown.
	Published time.Time
	// Text is the comment's text: its paragraphs separated by "\n",
	// without the author line, dates, reply links and nested replies.
	Text string
	// Depth is the reply depth: 0 for a comment, 1 for a reply to it, and
	// so on.
	Depth int
}

// WithComments says whether Article.Comments is filled (on by default).
// Comments are taken from the sections the comments rule removes, so with
// that rule disabled there are none; off, those sections are only removed.
func WithComments(on bool) Option {
	return func(c *config) error { c.out.noComments = !on; return nil }
}

// maxComments bounds the comments taken from one page.
const maxComments = 5000

// keepCommentRoot records a section the comments rule removed, for
// Article.Comments (at most 64 sections a page).
func (rn *run) keepCommentRoot(n *html.Node) {
	if !rn.c.cfg.out.noComments && len(rn.p.commentRoots) < 64 {
		rn.p.commentRoots = append(rn.p.commentRoots, n)
	}
}

// comments splits the removed comment sections into comments, in document
// order. A comment is an element marked up as one (schema.org Comment
// microdata), or else one of the elements of the section that repeat a
// comment-named tag and class (the <li class="comment"> of a WordPress
// list, the <div class="comment-item"> of others), the outermost such
// kind. Replies nested in a comment are comments of their own, one level
// deeper.
func (p *Page) comments() []Comment {
	var out []Comment
	for _, root := range p.commentRoots {
		items := commentItems(root)
		if len(items) == 0 {
			continue
		}
		isItem := make(map[*html.Node]bool, len(items))
		for _, it := range items {
			isItem[it] = true
		}
		for _, it := range items {
			depth := 0
			for a := it.Parent; a != nil && a != root; a = a.Parent {
				if isItem[a] {
					depth++
				}
			}
			c := commentOf(it, isItem)
			if c.Text == "" {
				continue
			}
			c.Depth = depth
			out = append(out, c)
			if len(out) >= maxComments {
				return out
			}
		}
	}
	return out
}

// commentItems returns the comment elements of a section, in document
// order.
func commentItems(root *html.Node) []*html.Node {
	var micro []*html.Node
	type kind struct {
		count, depthSum int
	}
	kinds := map[string]*kind{}
	for n := root; n != nil; n = next(n, root, true) {
		if n.Type != html.ElementNode {
			continue
		}
		if t := attr(n, "itemtype"); t != "" {
			if t = strings.ToLower(t); strings.HasSuffix(t, "schema.org/comment") || strings.HasSuffix(t, "schema.org/usercomments") {
				micro = append(micro, n)
				continue
			}
		}
		if n == root {
			continue
		}
		if sig := commentSig(n); sig != "" {
			k := kinds[sig]
			if k == nil {
				k = &kind{}
				kinds[sig] = k
			}
			k.count++
			for a := n.Parent; a != nil && a != root; a = a.Parent {
				k.depthSum++
			}
		}
	}
	if len(micro) > 0 {
		return micro
	}
	// The kind that repeats most; of those, the outermost on average.
	best, bestK := "", (*kind)(nil)
	for sig, k := range kinds {
		if k.count < 2 {
			continue
		}
		switch {
		case bestK == nil, k.count > bestK.count,
			k.count == bestK.count && k.depthSum*bestK.count < bestK.depthSum*k.count,
			k.count == bestK.count && k.depthSum*bestK.count == bestK.depthSum*k.count && sig < best:
			best, bestK = sig, k
		}
	}
	if bestK == nil {
		return nil
	}
	var items []*html.Node
	for n := root; n != nil; n = next(n, root, true) {
		if n.Type == html.ElementNode && n != root && commentSig(n) == best {
			items = append(items, n)
		}
	}
	return items
}

// commentSig names the kind of a possible comment element: its tag and
// its first class name (or else id) that says "comment", digits dropped;
// "" when none does, or when it names a part of a comment (its author,
// text, meta line, reply link, form).
func commentSig(n *html.Node) string {
	switch n.DataAtom {
	case atom.Li, atom.Div, atom.Article, atom.Section, atom.Dd, atom.Tr, atom.Td, atom.Blockquote:
	default:
		return ""
	}
	if !containsFold(attr(n, "class"), "comment") && !containsFold(attr(n, "id"), "comment") {
		return ""
	}
	name := ""
	for _, f := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if strings.Contains(f, "comment") {
			name = f
			break
		}
	}
	if name == "" {
		if id := strings.ToLower(attr(n, "id")); strings.Contains(id, "comment") {
			name = "#" + id
		}
	}
	if name == "" {
		return ""
	}
	name = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, name)
	for _, part := range commentParts {
		if strings.Contains(name, part) {
			return ""
		}
	}
	if strings.HasSuffix(name, "comments") || strings.HasSuffix(name, "list") || strings.HasSuffix(name, "-count") {
		return "" // the list, not an item
	}
	return n.Data + "." + name
}

// commentParts are words of class names of the parts of a comment, and of
// the section around the comments.
var commentParts = []string{"author", "body", "content", "text", "meta", "date", "time", "reply", "respond", "form", "avatar", "vote",
	"action", "footer", "header", "title", "count", "link", "button", "nav", "pagination", "children", "thread", "area", "wrap", "section",
	"container", "metadata", "info", "user", "like", "share", "flag", "report", "edit", "permalink", "input", "field", "submit", "login", "policy"}

// commentOf reads one comment element: its author, date and text, leaving
// out the comments nested in it.
func commentOf(item *html.Node, isItem map[*html.Node]bool) Comment {
	var c Comment
	var authorNode *html.Node
	for n := item; n != nil; {
		if n != item && n.Type == html.ElementNode && isItem[n] {
			n = next(n, item, false)
			continue
		}
		if n.Type == html.ElementNode {
			if authorNode == nil && n != item && isCommentAuthor(n) {
				authorNode = n
				c.Author = commentAuthorName(n)
				n = next(n, item, false)
				continue
			}
			if c.Published.IsZero() {
				for _, k := range []string{"datetime", "content"} {
					if v := attr(n, k); v != "" && (n.DataAtom == atom.Time || strings.HasPrefix(attr(n, "itemprop"), "date")) {
						if t, ok := meta.ParseDate(v); ok {
							c.Published = t
						}
					}
				}
			}
		}
		n = next(n, item, true)
	}
	c.Text = commentText(item, isItem, authorNode)
	return c
}

// isCommentAuthor reports whether n holds a commenter's name.
func isCommentAuthor(n *html.Node) bool {
	if ip := attr(n, "itemprop"); ip == "author" || ip == "creator" {
		return true
	}
	if n.DataAtom == atom.Cite {
		return true
	}
	for _, f := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if f == "fn" || f == "nickname" || f == "username" || f == "user-name" || f == "user" || strings.Contains(f, "author") || strings.HasSuffix(f, "-name") && !strings.Contains(f, "file") {
			return true
		}
	}
	return false
}

// commentAuthorName returns the name in an author element: the text of
// its most specific part (itemprop name, class fn, a link, a <cite>),
// without a trailing "says:".
func commentAuthorName(n *html.Node) string {
	best := n
	for c := n; c != nil; c = next(c, n, true) {
		if c == n || c.Type != html.ElementNode {
			continue
		}
		if attr(c, "itemprop") == "name" || c.DataAtom == atom.Cite || hasClassWord(c, "fn") {
			best = c
			break
		}
	}
	t := textOf(best, nil, 200)
	// "Name · March 10, 2017", "Name on September 12, 2018 at 4:47 pm":
	// a date after the name.
	for _, sep := range []string{" · ", " | ", " – ", " — ", " - ", " on ", " at "} {
		if i := strings.Index(t, sep); i > 0 && strings.ContainsAny(t[i+len(sep):], "0123456789") {
			t = t[:i]
		}
	}
	for _, suffix := range []string{" says:", " says", " said:", " wrote:", ":"} {
		t = strings.TrimSuffix(t, suffix)
	}
	t = strings.TrimSpace(t)
	if len(t) > 100 {
		return ""
	}
	return t
}

// commentText returns the text of a comment element, one line per block,
// without nested comments, the author, and the parts that are not the
// comment's words (meta lines, reply links, forms, buttons, avatars).
func commentText(item *html.Node, isItem map[*html.Node]bool, author *html.Node) string {
	var buf []byte
	space := true
	newline := func() {
		for len(buf) > 0 && buf[len(buf)-1] == ' ' {
			buf = buf[:len(buf)-1]
		}
		if len(buf) > 0 && buf[len(buf)-1] != '\n' {
			buf = append(buf, '\n')
		}
		space = true
	}
	skipPart := func(n *html.Node) bool {
		if n == author || isItem[n] || skipTextAtom(n.DataAtom) {
			return true
		}
		switch n.DataAtom {
		case atom.Form, atom.Button, atom.Input, atom.Nav, atom.Time, atom.Img, atom.Svg:
			return true
		}
		for _, f := range strings.Fields(strings.ToLower(attr(n, "class"))) {
			for _, w := range commentChrome {
				if strings.Contains(f, w) {
					return true
				}
			}
		}
		return false
	}
	enter := func(n *html.Node) bool {
		switch n.Type {
		case html.TextNode:
			buf, space = collapse(buf, n.Data, space)
		case html.ElementNode:
			if n != item && skipPart(n) {
				if isBlockAtom(n.DataAtom) {
					newline()
				}
				return false
			}
			if isBlockAtom(n.DataAtom) || n.DataAtom == atom.Br {
				newline()
			}
			return true
		}
		return false
	}
	leave := func(n *html.Node) {
		if isBlockAtom(n.DataAtom) {
			newline()
		}
	}
	for n := item; ; {
		descend := enter(n)
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if descend {
			leave(n)
		}
		for n != item && n.NextSibling == nil {
			n = n.Parent
			leave(n)
		}
		if n == item {
			break
		}
		n = n.NextSibling
	}
	lines := strings.Split(string(buf), "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" && !commentNoise[strings.ToLower(l)] && !isCommentUILine(l) {
			kept = append(kept, l)
		}
	}
	return validUTF8(strings.Join(kept, "\n"))
}

// commentChrome are words of class names of the parts of a comment that
// are not its text.
var commentChrome = []string{"meta", "reply", "avatar", "vote", "action", "date", "time", "permalink", "edit", "flag", "report", "like",
	"share", "footer", "byline", "says", "moderation", "awaiting"}

// commentNoise are lines left in comments that are controls, not words.
var commentNoise = set("reply", "report", "like", "share", "edit", "flag", "permalink", "log in to reply", "reply ↓", "says:", "quote",
	"report abuse", "report comment", "up", "down", "upvote", "downvote")

// hasClassWord reports whether n's class attribute lists w.
func hasClassWord(n *html.Node, w string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == w {
			return true
		}
	}
	return false
}

// isCommentUILine reports whether a short line is a control of the
// comment section ("Show more comments (20)", "Add your comment", "All
// comments", "Leave a reply").
func isCommentUILine(l string) bool {
	if len(l) > 60 {
		return false
	}
	words := strings.Fields(strings.ToLower(l))
	if len(words) < 2 || len(words) > 7 {
		return false
	}
	switch words[0] {
	case "show", "load", "view", "see", "hide", "add", "post", "leave", "write", "all", "read", "sort", "newest", "oldest", "submit", "join":
	default:
		return false
	}
	for _, w := range words[1:] {
		w = strings.Trim(w, "().:!0123456789")
		if w == "comment" || w == "comments" || w == "reply" || w == "replies" || w == "discussion" || w == "conversation" {
			return true
		}
	}
	return false
}
