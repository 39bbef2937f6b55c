package cleaner

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Helpers shared by the node rules.

// names returns n's lower-cased class and id, cached for the element the
// walk is at (every rule of a phase asks for the same element in turn).
func (p *Page) names(n *html.Node) string {
	if p.namesNode != n {
		p.namesNode, p.namesVal = n, classID(n)
	}
	return p.namesVal
}

// heavy reports whether n holds most of the page's readable text: such an
// element is the article (or wraps it) whatever its class says, and the
// class- and tag-based rules leave it alone.
func (p *Page) heavy(n *html.Node) bool {
	if p.holds(n, 0.5) {
		return true
	}
	// The element around the article's headline with prose under it is the
	// article too, even when menus and teasers outweigh it.
	return p.h1 != nil && p.stat(n).good >= 150 && p.LinkDensity(n) < 0.5 && contains(n, p.h1)
}

// prose reports whether n holds several paragraphs of readable text, as no
// widget does: a share bar or a button row named like one never does,
// while a document section whose id is the slug of its title
// ("sharing-with-a-single-developer") does.
func (p *Page) prose(n *html.Node) bool {
	s := p.stat(n)
	return s.paras >= 3 && s.good >= 400 && s.link*3 < s.text
}

// findHeadline returns the <h1> that repeats the title, else the first
// <h1> of the body, or nil.
func findHeadline(body *html.Node, title string) *html.Node {
	var first *html.Node
	for n := body; n != nil; n = next(n, body, true) {
		if n.Type == html.ElementNode && n.DataAtom == atom.H1 {
			if title != "" && sameTitle(textOf(n, nil, 400), title) {
				return n
			}
			if first == nil {
				first = n
			}
		}
	}
	return first
}

// holds reports whether n holds at least share of the page's prose (the
// text of paragraphs with few links), and a fair amount of it.
func (p *Page) holds(n *html.Node, share float64) bool {
	g := p.stat(n).good
	return g >= 200 && float64(g) >= share*float64(p.bodyGood)
}

// shortText returns n's text when it has at most max bytes of non-space
// text, else "" and false. It is cheap for long elements.
//
// The text is kept for the element the walk is at, so the several rules
// that look at a short element's text build it once.
func (p *Page) shortText(n *html.Node, max int) (string, bool) {
	s := p.stat(n)
	if s.text == 0 || int(s.text) > max {
		return "", false
	}
	if p.textNode != n {
		p.textNode, p.textVal = n, p.Text(n)
	}
	return p.textVal, true
}

// textHasFold reports whether a text node of n's subtree (removed
// subtrees and unshown text aside) contains w, lower-case ASCII letters, in
// any ASCII case. It builds no string: a cheap test before shortText on
// the many elements that do not qualify. A word split between two text
// nodes is not seen.
func (p *Page) textHasFold(n *html.Node, w string) bool {
	for c := n; c != nil; {
		if c != n && c.Type == html.ElementNode && (p.isRemoved(c) || skipTextAtom(c.DataAtom)) {
			c = next(c, n, false)
			continue
		}
		if c.Type == html.TextNode && containsFold(c.Data, w) {
			return true
		}
		c = next(c, n, true)
	}
	return false
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func role(n *html.Node) string { return strings.ToLower(attr(n, "role")) }

// ruleNonContent drops elements that never hold article text: scripts,
// styles, templates, embedded objects and frames, and form controls.
var ruleNonContent = Rule{
	ID:          "non-content",
	Phase:       PhasePrune,
	Description: "script, style, embed or form control: never article text",
	Match: func(_ *Page, n *html.Node) bool {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math, atom.Iframe, atom.Object,
			atom.Embed, atom.Canvas, atom.Input, atom.Select, atom.Textarea, atom.Button, atom.Link, atom.Meta, atom.Dialog:
			return true
		}
		return n.Data == "svg" || n.Data == "math"
	},
}

var hiddenWords = set("hidden", "hide", "invisible", "sronly", "visuallyhidden", "offscreen")

// ruleHidden drops elements a reader never sees: the hidden attribute,
// aria-hidden="true", inline display:none or visibility:hidden, and
// screen-reader-only or hidden classes. Large hidden containers that hold
// most of the page's text (articles revealed by script) are kept.
var ruleHidden = Rule{
	ID:          "hidden",
	Phase:       PhasePrune,
	Description: "hidden from readers (hidden attribute, aria-hidden, display:none, hidden class)",
	Match: func(p *Page, n *html.Node) bool {
		hidden := false
		for _, a := range n.Attr {
			switch a.Key {
			case "hidden":
				hidden = true
			case "aria-hidden":
				hidden = hidden || strings.EqualFold(strings.TrimSpace(a.Val), "true")
			case "style":
				if len(a.Val) < 2000 {
					s := strings.ToLower(a.Val)
					s = strings.ReplaceAll(s, " ", "")
					hidden = hidden || strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
				}
			}
		}
		if !hidden {
			s := p.names(n)
			if s != "" && (strings.Contains(s, "sr-only") || strings.Contains(s, "visually-hidden") || strings.Contains(s, "screen-reader") || strings.Contains(s, "element-invisible")) {
				hidden = true
			} else if s != "" {
				hidden = p.nameIs(n, catHidden)
			}
		}
		return hidden && !p.heavy(n)
	},
}

var navWords = set("nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "crumbs", "skiplink", "skip", "pagination", "pager", "topnav", "subnav", "mainnav", "megamenu", "sitemap", "toolbar")

// ruleNavigation drops navigation: <nav> and <menu>, ARIA navigation and
// menu roles, and elements named like menus, breadcrumbs, skip links and
// pagination bars.
var ruleNavigation = Rule{
	ID:          "navigation",
	Phase:       PhasePrune,
	Description: "navigation, menu, breadcrumb or skip link",
	Match: func(p *Page, n *html.Node) bool {
		switch n.DataAtom {
		case atom.Nav, atom.Menu:
			return !p.heavy(n)
		}
		switch role(n) {
		case "navigation", "menubar", "menu", "tablist":
			return !p.heavy(n)
		}
		return p.nameIs(n, catNav) && !p.heavy(n)
	},
}

var chromeWords = set("header", "footer", "masthead", "topbar", "bottombar", "siteheader", "sitefooter", "globalheader", "globalfooter", "copyright", "colophon")

// rulePageChrome drops the page's own header and footer: <header> and
// <footer> outside the article text, banner and contentinfo roles, and
// elements named header, footer or masthead. Titles and bylines are read
// from metadata, so an article's own header can go too.
var rulePageChrome = Rule{
	ID:          "page-chrome",
	Phase:       PhasePrune,
	Description: "page header, footer or masthead",
	Match: func(p *Page, n *html.Node) bool {
		switch n.DataAtom {
		case atom.Header, atom.Footer:
			return !p.heavy(n)
		}
		switch role(n) {
		case "banner", "contentinfo":
			return !p.heavy(n)
		}
		if n.DataAtom == atom.Body || n.DataAtom == atom.Article || n.DataAtom == atom.Main {
			return false
		}
		return p.nameIs(n, catChrome) && !p.heavy(n)
	},
}

var sidebarWords = set("sidebar", "rail", "siderail", "rightrail", "leftrail", "widget", "widgets", "aside", "sidebox", "sidecol")

// ruleSidebars drops side columns: <aside>, the complementary role and
// elements named sidebar, rail or widget.
var ruleSidebars = Rule{
	ID:          "sidebars",
	Phase:       PhasePrune,
	Description: "sidebar, rail or widget column",
	Match: func(p *Page, n *html.Node) bool {
		if n.DataAtom == atom.Aside || role(n) == "complementary" {
			return !p.heavy(n)
		}
		return p.nameIs(n, catSidebar) && !p.heavy(n) && !isEmbeddedPost(n)
	},
}

// isEmbeddedPost reports whether n is, or wraps, a social-media post
// quoted in the article (a <blockquote> embed of a tweet, an Instagram or
// Facebook post): quoted posts are article content, whatever their class.
func isEmbeddedPost(n *html.Node) bool {
	if n.DataAtom == atom.Blockquote {
		return true
	}
	seen := 0
	for c := n.FirstChild; c != nil && seen < 64; c = next(c, n, true) {
		if c.Type != html.ElementNode {
			continue
		}
		seen++
		if c.DataAtom == atom.Blockquote {
			cls := strings.ToLower(attr(c, "class"))
			if strings.Contains(cls, "tweet") || strings.Contains(cls, "instagram") || strings.Contains(cls, "tiktok") || strings.Contains(cls, "fb-") || strings.Contains(cls, "embed") {
				return true
			}
		}
	}
	return false
}

var shareWords = set("share", "shares", "sharing", "social", "socials", "sharebar", "addthis", "sharethis", "a2a", "shareaholic", "socialmedia", "sociallinks", "socialicons")

var shareHosts = []string{"facebook.com/sharer", "facebook.com/share", "twitter.com/intent", "twitter.com/share", "x.com/intent", "x.com/share",
	"linkedin.com/share", "linkedin.com/cws/share", "pinterest.com/pin/create", "reddit.com/submit", "api.whatsapp.com/send", "wa.me/",
	"t.me/share", "telegram.me/share", "tumblr.com/share", "vk.com/share", "getpocket.com/save", "story.kakao.com/share", "social-plugins.line.me",
	"bsky.app/intent", "mastodonshare", "share.flipboard.com", "service.weibo.com/share"}

// isShareLink reports whether an <a> points to a share endpoint.
func isShareLink(n *html.Node) bool {
	href := attr(n, "href")
	if href == "" || len(href) > 4096 {
		return false
	}
	h := strings.ToLower(href)
	for _, s := range shareHosts {
		if strings.Contains(h, s) {
			return true
		}
	}
	return strings.HasPrefix(h, "mailto:?") || strings.HasPrefix(h, "sms:?") || strings.HasPrefix(h, "whatsapp://send")
}

// ruleShareButtons drops share and social buttons: elements named share or
// social, ones labelled "Share…", links to share endpoints, and short
// elements whose text is only network names and share words ("Facebook
// share button", "Share on X", "Tweet").
var ruleShareButtons = Rule{
	ID:          "share-buttons",
	Phase:       PhasePrune,
	Description: "share or social-media buttons",
	Match: func(p *Page, n *html.Node) bool {
		if p.nameIs(n, catShare) && !p.heavy(n) && !p.prose(n) && !isEmbeddedPost(n) {
			return true
		}
		if l := strings.ToLower(attr(n, "aria-label")); strings.HasPrefix(l, "share") || strings.Contains(l, " share") {
			return p.stat(n).text < 200
		}
		if n.DataAtom == atom.A && isShareLink(n) {
			return true
		}
		switch n.DataAtom {
		case atom.Ul, atom.Ol, atom.Div, atom.Li, atom.Span, atom.A, atom.Section, atom.P:
			if t, ok := p.shortText(n, 120); ok && isShareText(t) {
				return true
			}
		}
		return false
	},
}

var readerWidgetNames = []string{"font-size", "fontsize", "font_size", "text-size", "textsize", "text_size", "fontresize", "font-resize",
	"text-resize", "textresize", "readspeaker", "read-aloud", "readaloud", "text-to-speech", "reader-mode", "readermode", "reading-mode", "zoom-text", "font-control", "fontcontrol"}

var readerWidgetWords = set("print", "printer", "listen", "tts", "bookmark", "bookmarks", "zoom", "fontsizer", "accessibility", "a11y")

// ruleReaderWidgets drops reader widgets: font-size and text-size controls
// ("ⓕ font-size -2 -1 0 +1 +2"), print, listen/read-aloud, reader mode and
// bookmark buttons.
var ruleReaderWidgets = Rule{
	ID:          "reader-widgets",
	Phase:       PhasePrune,
	Description: "font-size, print, listen or bookmark control",
	Match: func(p *Page, n *html.Node) bool {
		if s := p.names(n); s != "" {
			for _, w := range readerWidgetNames {
				if strings.Contains(s, w) {
					return !p.heavy(n)
				}
			}
			if p.nameIs(n, catReader) && p.stat(n).text < 200 {
				return true
			}
		}
		if t, ok := p.shortText(n, 60); ok && isWidgetText(t) {
			return true
		}
		return false
	},
}

var relatedWords = set("related", "relatedposts", "relatedarticles", "relatedstories", "recommended", "recommendations", "recommend",
	"trending", "popular", "mostpopular", "mostread", "mostviewed", "morestories", "moreStories", "readnext", "readmore", "alsoread",
	"outbrain", "taboola", "topstories", "youmaylike", "morefrom", "more", "upnext", "jumplinks", "teasers", "teaser",
	"ticker", "newsticker", "marquee")

// ruleRelatedLists drops lists that point to other articles: elements named
// related, recommended, trending, popular, most-read, read-next, and
// link-heavy sections headed "Top 10 Stories", "Most Read", "Related",
// "More from …", "You may also like" and the like.
var ruleRelatedLists = Rule{
	ID:          "related-lists",
	Phase:       PhasePrune,
	Description: "related, recommended, trending or most-read list",
	Match: func(p *Page, n *html.Node) bool {
		if s := p.names(n); strings.Contains(s, "news-ticker") || strings.Contains(s, "newsticker") {
			return !p.heavy(n)
		}
		if p.nameIs(n, catRelated) && !p.heavy(n) {
			if p.names(n) == "more" || strings.HasSuffix(p.names(n), " more") {
				return p.LinkDensity(n) > 0.5
			}
			return true
		}
		switch n.DataAtom {
		case atom.Section, atom.Div, atom.Aside, atom.Ul, atom.Ol:
		default:
			return false
		}
		if p.LinkDensity(n) < 0.4 || p.heavy(n) {
			return false
		}
		h := firstHeading(n)
		if h == nil {
			return false
		}
		t, ok := p.shortText(h, 60)
		return ok && isListHeading(t)
	},
}

// firstHeading returns the first heading-like element of n (h1–h6, or a
// leading <strong>/<b> paragraph) within its first few elements.
func firstHeading(n *html.Node) *html.Node {
	seen := 0
	for c := n.FirstChild; c != nil && seen < 6; c = next(c, n, true) {
		if c.Type != html.ElementNode {
			continue
		}
		seen++
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			return c
		}
	}
	return nil
}

var cookieWords = set("cookie", "cookies", "consent", "gdpr", "cmp", "onetrust", "cookiebanner", "cookienotice", "cookieconsent", "cookiebar", "ccpa", "privacybanner")

// ruleCookieConsent drops cookie and consent banners, by name or by a short
// text that speaks of cookies and asks to accept.
var ruleCookieConsent = Rule{
	ID:          "cookie-consent",
	Phase:       PhasePrune,
	Description: "cookie or consent banner",
	Match: func(p *Page, n *html.Node) bool {
		if p.nameIs(n, catCookie) && !p.heavy(n) {
			return true
		}
		if n.DataAtom != atom.Div && n.DataAtom != atom.Section && n.DataAtom != atom.Aside && n.DataAtom != atom.P {
			return false
		}
		if st := p.stat(n); st.text == 0 || st.text > 500 || !p.textHasFold(n, "cookie") {
			return false
		}
		t, _ := p.shortText(n, 500)
		l := strings.ToLower(t)
		return (strings.Contains(l, "accept") || strings.Contains(l, "agree") || strings.Contains(l, "consent") || strings.Contains(l, "privacy")) &&
			// About this site's cookies, not a sentence about baking.
			(strings.Contains(l, "we use") || strings.Contains(l, "site") || strings.Contains(l, "use of cookies") || strings.Contains(l, "brows") || strings.Contains(l, "device") || strings.Contains(l, "polic") || strings.Contains(l, "preferences") || strings.Contains(l, "settings"))
	},
}

var newsletterWords = set("newsletter", "newsletters", "subscribe", "subscription", "subscriptions", "signup", "paywall", "regwall", "optin", "mailchimp", "piano", "membership", "donate", "donation", "promo", "inlinepromo")

// ruleNewsletter drops newsletter, subscribe, donate and paywall prompts: by
// name, or a short element that asks to sign up or subscribe.
var ruleNewsletter = Rule{
	ID:          "newsletter-prompts",
	Phase:       PhasePrune,
	Description: "newsletter, subscribe or paywall prompt",
	Match: func(p *Page, n *html.Node) bool {
		if p.nameIs(n, catNewsletter) && !p.heavy(n) && p.stat(n).text < 1500 {
			return true
		}
		if n.DataAtom != atom.Div && n.DataAtom != atom.Section && n.DataAtom != atom.Aside && n.DataAtom != atom.Form {
			return false
		}
		t, ok := p.shortText(n, 300)
		if !ok {
			return false
		}
		l := strings.ToLower(t)
		return (strings.Contains(l, "newsletter") || strings.Contains(l, "subscribe")) && (strings.Contains(l, "sign up") || strings.Contains(l, "email") || strings.Contains(l, "inbox") || strings.Contains(l, "subscribe now"))
	},
}

var commentWords = set("comment", "comments", "commentlist", "disqus", "respond", "replies", "discussion", "commentform", "commentsection", "fbcomments", "coral")

// ruleComments drops reader comment sections and reply forms.
var ruleComments = Rule{
	ID:          "comments",
	Phase:       PhasePrune,
	Description: "reader comments or reply form",
	Match: func(p *Page, n *html.Node) bool {
		if n.DataAtom == atom.Body || n.DataAtom == atom.Article && attr(n, "itemprop") != "comment" {
			return false
		}
		return p.nameIs(n, catComment) && !p.holds(n, 0.9)
	},
}

var adWords = set("ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "adbox", "adblock",
	"adsense", "adsbygoogle", "dfp", "gpt", "sponsor", "sponsored", "sponsors", "banner", "billboard", "leaderboard", "skyscraper", "mpu", "promoted", "affiliate", "commercial", "anzeige")

var adLabels = set("advert", "adverts", "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "sponsored content", "anzeige", "publicidad", "publicité", "pubblicità", "reklama", "werbung", "paid content", "promoted", "story continues below advertisement", "article continues below advertisement", "continue reading below", "scroll to continue with content")

// ruleAds drops advertisements: elements named ad, advert, sponsor, banner
// or a known ad slot, and labels such as "Advertisement".
var ruleAds = Rule{
	ID:          "ads",
	Phase:       PhasePrune,
	Description: "advertisement or sponsored slot",
	Match: func(p *Page, n *html.Node) bool {
		if n.DataAtom == atom.Ins {
			return true
		}
		if p.nameIs(n, catAd) && !p.heavy(n) && p.stat(n).text < 2000 {
			return true
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "data-ad-") || a.Key == "data-ad" || a.Key == "data-google-query-id" {
				return p.stat(n).text < 500
			}
		}
		if t, ok := p.shortText(n, 50); ok && adLabels[strings.ToLower(strings.Trim(t, " -–—:|"))] {
			return true
		}
		return false
	},
}

var modalWords = set("modal", "popup", "overlay", "lightbox", "dialog", "backtotop", "gotop", "scrolltop", "totop", "tooltip", "toast", "flyout", "interstitial", "popover", "rollover", "hovercard")

var controlLabels = set("back to top", "go top", "go to top", "top", "scroll to top", "to top", "close", "x", "×", "✕", "✖", "dismiss", "skip to content", "skip to main content", "skip navigation", "skip")

// ruleModalControls drops modals, popups, overlays and lightboxes, and
// controls such as "Back to top", "go top", "Close" and "X".
var ruleModalControls = Rule{
	ID:          "modal-controls",
	Phase:       PhasePrune,
	Description: "modal, popup, overlay, back-to-top or close control",
	Match: func(p *Page, n *html.Node) bool {
		if p.nameIs(n, catModal) && !p.heavy(n) {
			return true
		}
		if r := role(n); r == "dialog" || r == "alertdialog" || r == "button" {
			return !p.heavy(n) && p.stat(n).text < 300
		}
		if t, ok := p.shortText(n, 30); ok {
			t = strings.Trim(strings.ToLower(t), " ↑▲^")
			return controlLabels[t] && (n.DataAtom == atom.A || n.DataAtom == atom.Div || n.DataAtom == atom.Span || n.DataAtom == atom.Li || n.DataAtom == atom.P)
		}
		return false
	},
}

var galleryWords = set("gallery", "galleries", "slideshow", "slideshows", "carousel", "slider", "slides", "swiper", "filmstrip", "photostrip", "thumbnails")

// ruleGalleries drops slideshows, carousels and photo galleries that sit
// beside the article: their captions are often longer than the article
// itself, so the prose guard of the other rules cannot protect the article
// from them. A gallery that holds the headline is the article and stays.
var ruleGalleries = Rule{
	ID:          "galleries",
	Phase:       PhasePrune,
	Description: "photo gallery, slideshow or carousel beside the article",
	Match: func(p *Page, n *html.Node) bool {
		if n.DataAtom == atom.Body || n.DataAtom == atom.Article || n.DataAtom == atom.Main || !p.nameIs(n, catGallery) {
			return false
		}
		if p.h1 != nil {
			if contains(n, p.h1) {
				return false
			}
			// Inside a photo story (a gallery that holds the headline), the
			// inner slides are the story.
			for a := n.Parent; a != nil; a = a.Parent {
				if contains(a, p.h1) {
					return !p.nameIs(a, catGallery)
				}
			}
			return true
		}
		return !p.heavy(n)
	},
}
