// Package cleaner extracts the article from a web page: the text a person
// came for, and its metadata, with the boilerplate gone.
//
// A Cleaner applies an ordered set of named heuristic rules (see
// DefaultRules) in three phases:
//
//	bytes → decode → drop script/style contents → parse → metadata
//	      → PhasePrune  (whole page: navigation, widgets, share buttons, related lists, prompts, ads)
//	      → locate the main content (paragraph scoring, link density, semantic hints)
//	      → PhaseRefine (inside the content: bylines to metadata, datelines, link lists)
//	      → blocks
//	      → PhaseText   (on blocks: repeated captions, widget rows, share lines, edge labels)
//	      → Article
//
// Clean and CleanWithContentType empty script (except JSON data such as
// JSON-LD), style and noscript elements before parsing, so rules never see
// their text; CleanDocument works on the caller's tree as it is.
//
// CleanText runs the text phase alone, so a page that was already scraped
// to plain text, widgets and all, is cleaned by the same rules.
//
// Build a Cleaner once with New and share it: it is immutable and safe for
// concurrent use. Every call gets its own state; a panic inside a rule is
// recovered and returned as a *RuleError naming the rule; a cancelled
// context stops the work and is returned wrapped.
//
//	c, err := cleaner.New()
//	if err != nil { … }
//	a, err := c.Clean(ctx, resp.Body, pageURL)
//	fmt.Println(a.Title, a.Authors, a.Published)
//	fmt.Println(a.Text)
//
// Rules are steerable: WithoutRules disables rules by ID, WithRule inserts a
// custom rule at a position (First, Last, Before(id), After(id)), WithRemove
// and WithKeep take CSS selectors, and WithHost attaches all of these to one
// host and its subdomains. Options are validated by New: a bad selector or
// an unknown rule ID is an error there, never a silent no-op later.
//
// WithTrace(true) makes every Article carry Removed: which rule removed
// which text, and why.
//
// Article.Blocks keeps the article's structure: headings, nested and
// numbered lists, quotes, code with its language, table cells, figures
// (WithImages), and inline emphasis, code and links as Spans over each
// block's text. Markdown, MarkdownWithFrontMatter, HTML (through
// SanitizeHTML) and JSON (ArticleJSON) render it; page text is escaped so
// that it can never become markup. WithLinks and WithTables (on by
// default) keep links and data tables; WithImages adds figures.
//
// Reader comments are never part of the article: the comments rule removes
// them, and Article.Comments returns them one by one (author, date, text,
// reply depth) unless WithComments(false).
//
// The cleaner never modifies a document it is given (CleanDocument records
// removals in a side table), walks trees iteratively (deep pages cannot
// overflow the stack), and reads at most WithMaxBytes of input.
package cleaner
