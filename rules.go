package cleaner

// DefaultRules returns the default rules, in the order they run. The order
// is part of the API: IDs are stable, new rules are added with new IDs.
//
// Prune phase (the whole page, before the content is located):
//
//	non-content        scripts, styles, templates, embeds, form controls
//	hidden             elements hidden by attribute, style or class
//	navigation         menus, breadcrumbs, skip links, pagination bars
//	page-chrome        page headers, footers and mastheads
//	sidebars           asides, rails and widget columns
//	share-buttons      share and social buttons, by markup, label or text
//	reader-widgets     font-size, text-size, print, listen and bookmark controls
//	galleries          slideshows, carousels and photo galleries beside the article
//	related-lists      related, recommended, trending, most-read, "Top 10 Stories", "More from"
//	cookie-consent     cookie and consent banners
//	newsletter-prompts newsletter, subscribe and paywall prompts
//	comments           reader comment sections and reply forms
//	ads                advertisements and sponsored slots
//	modal-controls     modals, popups, overlays, back-to-top and close controls
//
// Refine phase (inside the located content):
//
//	bylines            bylines and author boxes, moved into Article.Authors
//	datelines          standalone dates and timestamps
//	article-meta       tag lists, category labels, reading-time and post meta
//	link-lists         lists and blocks made almost only of links
//	figure-captions    image captions and credits (disable to keep captions)
//	title-heading      the heading that repeats the article's title
//
// Text phase (on blocks; the only phase CleanText runs):
//
//	duplicate-paragraphs a paragraph repeated later (image captions shown twice)
//	widget-lines         widget rows such as "ⓕ font-size" and "-2 -1 0 +1 +2"
//	share-lines          lines like "Facebook share button" or "Share on X"
//	list-footers         headed link lists such as "Top 10 Stories" and what follows
//	media-credits        photo credits: "Photo: Jane Doe, AP", "(AP Photo/Jane Doe)"
//	ad-labels            "Advertisement" and other ad-slot labels
//	calls-to-action      "CLICK HERE" lines, "Related: …" and paragraphs that are only a link
//	contact-lines        "Email the author at …", "Follow us on Twitter" at the end
//	dateline-lines       lines that are only a date and time, near the start or end
//	byline-lines         "By Jane Doe" lines and "Jane Doe jane@example.com" footers, moved into Authors
//	edge-labels          short UI labels at the start and end: "Settings", "X", "CLOSE", "go top"
//
// Each rule's doc comment in this file says what it drops and why.
func DefaultRules() []Rule {
	return []Rule{
		// Prune phase.
		ruleNonContent,
		ruleHidden,
		ruleNavigation,
		rulePageChrome,
		ruleSidebars,
		ruleShareButtons,
		ruleReaderWidgets,
		ruleGalleries,
		ruleRelatedLists,
		ruleCookieConsent,
		ruleNewsletter,
		ruleComments,
		ruleAds,
		ruleModalControls,
		// Refine phase.
		ruleBylines,
		ruleDatelines,
		ruleArticleMeta,
		ruleLinkLists,
		ruleFigureCaptions,
		ruleTitleHeading,
		// Text phase.
		ruleDuplicateParagraphs,
		ruleWidgetLines,
		ruleShareLines,
		ruleListFooters,
		ruleMediaCredits,
		ruleAdLabels,
		ruleCallsToAction,
		ruleContactLines,
		ruleDatelineLines,
		ruleBylineLines,
		ruleEdgeLabels,
	}
}
