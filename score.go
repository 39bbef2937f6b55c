package cleaner

import (
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Content location scores containers by the paragraphs they hold, in the
// manner of Arc90's Readability: each paragraph-like element with enough
// text gives points (one, plus one per comma, plus one per 100 bytes up to
// three) to its parent, half to its grandparent and less further up. A
// container's points are then weighed by its tag and class/id names and
// scaled by (1 − link density). The best container wins; its siblings join
// when they score well on their own or read like paragraphs.

const minParagraph = 25 // bytes of text for an element to count as a paragraph

type candidate struct {
	n     *html.Node
	score float64
}

// locate returns the content roots: the best container, or a run of its
// siblings when the article continues outside it. It falls back to body.
func (p *Page) locate(body *html.Node) []*html.Node {
	scores := make(map[*html.Node]float64, 64)
	var order []*html.Node
	touch := func(n *html.Node) {
		if _, ok := scores[n]; !ok {
			scores[n] = initialScore(n)
			order = append(order, n)
		}
	}
	for n := body; n != nil; {
		if n.Type != html.ElementNode {
			n = next(n, body, true)
			continue
		}
		if p.isRemoved(n) || skipTextAtom(n.DataAtom) {
			n = next(n, body, false)
			continue
		}
		s := p.stat(n)
		if s.inline >= minParagraph && isParagraphLike(n) {
			pts := 1 + float64(s.commas) + min(float64(s.inline)/100, 3)
			level := 0
			for a := n.Parent; a != nil && a.Type == html.ElementNode && level < 5; a = a.Parent {
				touch(a)
				div := 1.0
				switch {
				case level == 1:
					div = 2
				case level > 1:
					div = float64(level * 3)
				}
				scores[a] += pts / div
				level++
				if a == body {
					break
				}
			}
		}
		n = next(n, body, true)
	}
	if len(order) == 0 {
		return []*html.Node{body}
	}
	cands := make([]candidate, 0, len(order))
	for _, n := range order {
		cands = append(cands, candidate{n, scores[n] * (1 - p.LinkDensity(n))})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	top := cands[0]
	final := func(n *html.Node) float64 { return scores[n] * (1 - p.LinkDensity(n)) }

	// Several strong candidates with a common ancestor: the article is
	// split, take the ancestor.
	var alts []*html.Node
	for _, c := range cands[1:min(len(cands), 5)] {
		if c.score >= top.score*0.75 {
			alts = append(alts, c.n)
		}
	}
	if len(alts) >= 2 {
		for a := top.n.Parent; a != nil && a != body.Parent; a = a.Parent {
			count := 0
			for _, alt := range alts {
				if contains(a, alt) {
					count++
				}
			}
			if count >= 2 {
				top = candidate{a, final(a)}
				break
			}
		}
	}
	// Walk up as Readability does: a parent that scores better than the
	// best so far wins, until scores fall below a third of the top's.
	lastScore, threshold3 := top.score, top.score/3
	for par := top.n.Parent; par != nil && par != body && par.Type == html.ElementNode; par = par.Parent {
		ps, ok := scores[par]
		if !ok {
			continue
		}
		ps *= 1 - p.LinkDensity(par)
		if ps < threshold3 {
			break
		}
		if ps > lastScore {
			top = candidate{par, ps}
			break
		}
		lastScore = ps
	}
	// Single-child wrappers add nothing: take the wrapper.
	for top.n != body {
		par := top.n.Parent
		if par == nil || par.Type != html.ElementNode || par == body || onlyElementChild(par) != top.n {
			break
		}
		top = candidate{par, max(top.score, final(par))}
	}
	// Little of the page's prose found: the article is split across
	// containers. Take the nearest ancestor holding most of it.
	if g := p.stat(top.n).good; float64(g) < 0.4*float64(p.bodyGood) {
		for par := top.n.Parent; par != nil && par != body; par = par.Parent {
			pg := p.stat(par).good
			if float64(pg) >= 0.7*float64(p.bodyGood) {
				if p.LinkDensity(par) < 0.3 {
					top = candidate{par, final(par)}
				}
				break
			}
		}
	}
	if top.n == body || top.n.Parent == nil {
		return []*html.Node{top.n}
	}
	// An article split into repeated sections (the same tag and class, one
	// after another, with figures or videos between them): when the top
	// candidate sits alone in one of them, take its section and the
	// sibling sections that hold prose.
	if sections := p.sameClassSections(top.n, body); len(sections) > 1 {
		return sections
	}
	// Siblings that continue the article.
	threshold := max(10, top.score*0.2)
	var out []*html.Node
	topCls := classID(top.n) // once: a long class compared for every sibling would be quadratic
	for s := top.n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s == top.n {
			out = append(out, s)
			continue
		}
		if s.Type != html.ElementNode || p.isRemoved(s) || skipTextAtom(s.DataAtom) {
			continue
		}
		bonus := 0.0
		if topCls != "" && len(attr(s, "class")) == len(attr(top.n, "class")) && classID(s) == topCls {
			bonus = top.score * 0.2
		}
		if sc, ok := scores[s]; ok && final(s)+bonus >= threshold && sc > 0 {
			out = append(out, s)
			continue
		}
		st := p.stat(s)
		if s.DataAtom == atom.P || isParagraphLike(s) && st.inline == st.text {
			ld := p.LinkDensity(s)
			if st.text >= 80 && ld < 0.25 {
				out = append(out, s)
			} else if st.text > 0 && st.text < 80 && ld == 0 && strings.Contains(p.Text(s), ". ") {
				out = append(out, s)
			}
		}
	}
	return out
}

func contains(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

func onlyElementChild(n *html.Node) *html.Node {
	var only *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.ElementNode:
			if only != nil {
				return nil
			}
			only = c
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return nil
			}
		}
	}
	return only
}

func isParagraphLike(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Td, atom.Blockquote, atom.Dd, atom.Li:
		return true
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Span, atom.Font, atom.Center, atom.Body:
		return true // when it holds text of its own (checked by the caller)
	}
	return false
}

func initialScore(n *html.Node) float64 {
	s := 0.0
	switch n.DataAtom {
	case atom.Div, atom.Article, atom.Main:
		s = 5
	case atom.Section:
		s = 3
	case atom.Pre, atom.Td, atom.Blockquote:
		s = 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s = -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s = -5
	}
	return s + classWeight(n)
}

var positiveWords = map[string]bool{
	"article": true, "body": true, "content": true, "entry": true, "hentry": true, "main": true, "page": true,
	"post": true, "text": true, "blog": true, "story": true, "articlebody": true, "postbody": true,
	"entrycontent": true, "storybody": true, "richtext": true, "prose": true,
}

var negativeWords = map[string]bool{
	"ad": true, "ads": true, "hidden": true, "banner": true, "combx": true, "comment": true, "comments": true,
	"contact": true, "footer": true, "gdpr": true, "masthead": true, "media": true, "meta": true, "outbrain": true,
	"promo": true, "related": true, "scroll": true, "share": true, "shoutbox": true, "sidebar": true,
	"skyscraper": true, "sponsor": true, "sponsored": true, "shopping": true, "tags": true, "widget": true,
	"nav": true, "menu": true, "breadcrumb": true, "breadcrumbs": true, "social": true, "teaser": true,
	"recommended": true, "popular": true, "trending": true, "newsletter": true, "subscribe": true,
}

// classWeight scores class and id names: +25 for words of article
// containers, −25 for words of boilerplate, from each of class and id.
func classWeight(n *html.Node) float64 {
	w := 0.0
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		v := strings.ToLower(a.Val)
		pos, neg := false, false
		eachWord(v, func(word string) bool {
			if positiveWords[word] {
				pos = true
			}
			if negativeWords[word] {
				neg = true
			}
			return false
		})
		if neg {
			w -= 25
		}
		if pos {
			w += 25
		}
	}
	if attr(n, "itemprop") == "articleBody" {
		w += 50
	}
	return w
}

// sameClassSections looks up to three levels above n for an ancestor whose
// siblings repeat its tag and class and hold prose with few links. It
// returns those sections in document order, or nil.
func (p *Page) sameClassSections(n, body *html.Node) []*html.Node {
	x := n
	good := p.stat(n).good
	for level := 0; level < 4 && x != nil && x != body; level++ {
		if level > 0 && p.stat(x).good > good+good/10 {
			return nil // x holds other prose besides n: not a thin wrapper
		}
		cls := attr(x, "class")
		if cls != "" && x.Parent != nil {
			var out []*html.Node
			extra := false
			for s := x.Parent.FirstChild; s != nil; s = s.NextSibling {
				if s == x {
					out = append(out, s)
					continue
				}
				if s.Type != html.ElementNode || s.DataAtom != x.DataAtom || attr(s, "class") != cls || p.isRemoved(s) {
					continue
				}
				if st := p.stat(s); st.good >= 200 && st.paras >= 2 && p.LinkDensity(s) < 0.3 {
					out = append(out, s)
					extra = true
				}
			}
			if extra {
				return out
			}
		}
		x = x.Parent
	}
	return nil
}
