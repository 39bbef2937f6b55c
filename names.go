package cleaner

import (
	"strings"

	"golang.org/x/net/html"
)

// nameCat is a set of categories of class and id names (share, nav, ad…).
type nameCat uint32

const (
	catHidden nameCat = 1 << iota
	catNav
	catChrome
	catSidebar
	catShare
	catReader
	catRelated
	catCookie
	catNewsletter
	catComment
	catAd
	catModal
	catGallery
	catByline
	catDate
	catMeta
	catCaption
	catSubtitle
)

// nameClasses maps each category to its words (a class or id word equal
// to one of them) and stems (a longer word starting or ending with one).
var nameClasses = []struct {
	cat   nameCat
	words map[string]bool
	stems []string
}{
	{catHidden, hiddenWords, nil},
	{catNav, navWords, nil},
	{catChrome, chromeWords, nil},
	{catSidebar, sidebarWords, []string{"sidebar"}},
	{catShare, shareWords, []string{"share", "social"}},
	{catReader, readerWidgetWords, nil},
	{catRelated, relatedWords, []string{"related", "recommend", "mostread", "mostpopular", "trending"}},
	{catCookie, cookieWords, []string{"cookie", "consent"}},
	{catNewsletter, newsletterWords, []string{"newsletter", "subscri", "paywall", "signup"}},
	{catComment, commentWords, []string{"comment", "disqus"}},
	{catAd, adWords, []string{"advert", "adslot", "adunit", "sponsor", "dfp"}},
	{catModal, modalWords, []string{"modal", "popup", "overlay", "lightbox"}},
	{catGallery, galleryWords, []string{"gallery", "slideshow", "carousel"}},
	{catByline, bylineWords, []string{"byline", "author"}},
	{catDate, dateWords, []string{"date", "timestamp"}},
	{catMeta, metaWords, []string{"meta", "tags"}},
	{catCaption, captionWords, []string{"caption"}},
	{catSubtitle, subtitleWords, []string{"subtitle", "standfirst", "subhead"}},
}

// nameIs reports whether one of n's class or id words belongs to the
// category. The categories of an element are computed once, when the first
// rule asks, and kept until the walk moves on: every rule of a phase asks
// about the same element in turn.
func (p *Page) nameIs(n *html.Node, cat nameCat) bool {
	if p.catsNode != n {
		p.catsNode, p.cats = n, p.catsOf(n)
	}
	return p.cats&cat != 0
}

// catsOf returns the categories of n's class and id. Class attributes
// repeat across a page ("col-md-6", "story-card"), so their categories
// are worked out once a page; ids are unique, and taken as they come.
func (p *Page) catsOf(n *html.Node) nameCat {
	var cats nameCat
	for _, a := range n.Attr {
		switch a.Key {
		case "class":
			if a.Val == "" {
				continue
			}
			c, ok := p.classCats[a.Val]
			if !ok {
				c = nameCats(strings.ToLower(a.Val))
				if p.classCats == nil {
					p.classCats = make(map[string]nameCat)
				}
				p.classCats[a.Val] = c
			}
			cats |= c
		case "id":
			if a.Val != "" {
				cats |= nameCats(strings.ToLower(a.Val))
			}
		}
	}
	return cats
}

// wordCats maps every word of nameClasses to its categories.
var wordCats = func() map[string]nameCat {
	m := map[string]nameCat{}
	for _, nc := range nameClasses {
		for w := range nc.words {
			m[w] |= nc.cat
		}
	}
	return m
}()

func nameCats(s string) nameCat {
	if s == "" {
		return 0
	}
	var cats nameCat
	eachWord(s, func(w string) bool {
		cats |= wordCats[w]
		for i := range nameClasses {
			nc := &nameClasses[i]
			if cats&nc.cat != 0 {
				continue
			}
			for _, st := range nc.stems {
				if len(w) > len(st) && (strings.HasPrefix(w, st) || strings.HasSuffix(w, st)) {
					cats |= nc.cat
					break
				}
			}
		}
		return false
	})
	return cats
}
