package cleaner

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/boilerfree/cleaner/internal/meta"
)

// Predicates on short strings shared by node and text rules. Every caller
// bounds the string's length first, so no pattern ever runs over a long
// text.

var shareVocab = set("share", "shares", "sharing", "shared", "on", "this", "article", "story", "post", "page", "via", "button", "buttons",
	"facebook", "twitter", "x", "linkedin", "pinterest", "reddit", "whatsapp", "telegram", "email", "e-mail", "mail", "print", "link",
	"copy", "copied", "url", "kakao", "kakaotalk", "kakaostory", "line", "naver", "band", "tumblr", "flipboard", "pocket", "messenger", "vk", "weibo",
	"wechat", "tweet", "pin", "it", "the", "to", "by", "in", "send", "threads", "bluesky", "mastodon", "sms", "with", "friends", "a", "friend",
	"comment", "comments", "save", "icon", "open", "new", "window", "tab", "or", "and", "|", "/", "·", "•")

var shareKeys = set("share", "sharing", "tweet", "facebook", "twitter", "linkedin", "pinterest", "whatsapp", "telegram", "reddit", "kakao", "kakaotalk")

// isShareText reports whether a short text is made only of share-button
// words ("Facebook share button", "Share on X", "Tweet", "Share this").
func isShareText(t string) bool {
	if len(t) > 160 {
		return false
	}
	words, key := 0, false
	var fs lowerFields
	fs.s = t
	for f := fs.next(); f != nil; f = fs.next() {
		words++
		f = bytes.Trim(f, ".,:;!?()[]\"'")
		if len(f) == 0 {
			continue
		}
		if !shareVocab[string(f)] || words > 20 {
			return false
		}
		key = key || shareKeys[string(f)]
	}
	return key
}

// lowerFields iterates over the space-separated fields of s, ASCII
// letters lowered. Each field is built in the iterator's small buffer, so
// with the iterator on the caller's stack the short texts the rules look
// at cost no allocation; a field is valid until the next call of next.
type lowerFields struct {
	s   string
	buf [48]byte
}

// next returns the next field, or nil at the end.
func (it *lowerFields) next() []byte {
	s := it.s
	i := 0
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	s = s[i:]
	j := 0
	for j < len(s) && !isSpace(s[j]) {
		j++
	}
	if j == 0 {
		it.s = ""
		return nil
	}
	w := s[:j]
	it.s = s[j:]
	var lw []byte
	if len(w) <= len(it.buf) {
		lw = it.buf[:len(w)]
	} else {
		lw = make([]byte, len(w))
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lw[k] = c
	}
	return lw
}

var widgetWords = set("print", "listen", "font-size", "fontsize", "font", "size", "text", "textsize", "text-size", "resize", "zoom",
	"a", "a+", "a-", "a++", "aa", "+a", "-a", "aa+", "aa-", "bigger", "smaller", "larger", "increase", "decrease", "reset", "read", "aloud",
	"reader", "mode", "view", "bookmark", "save", "this", "article", "to", "ⓕ", "ⓐ", "audio", "play", "settings", "sizes", "type")

var widgetKeys = set("font-size", "fontsize", "font", "textsize", "text-size", "a+", "a-", "aa", "+a", "-a", "listen", "aloud", "print", "zoom", "resize")

// isWidgetText reports whether a short text is a reader widget: "ⓕ
// font-size", "Text size A A A", "-2 -1 0 +1 +2", "Listen", "Print".
func isWidgetText(t string) bool {
	if len(t) > 80 {
		return false
	}
	words, numbers, key, ok := 0, 0, false, true
	var fs lowerFields
	fs.s = t
	for f := fs.next(); f != nil; f = fs.next() {
		words++
		if words > 12 {
			return false
		}
		if isSmallNumber(string(f)) {
			numbers++
			continue
		}
		if !widgetWords[string(f)] {
			ok = false
		}
		key = key || widgetKeys[string(f)]
	}
	if words >= 3 && numbers == words {
		return true // a row of size steps: "-2 -1 0 +1 +2"
	}
	return ok && key && words > 0
}

// isSmallNumber matches "-2", "+1", "0", "−1": a step of a size widget.
func isSmallNumber(f string) bool {
	f = strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(f, "+"), "-"), "−")
	if f == "" || len(f) > 2 {
		return false
	}
	for i := 0; i < len(f); i++ {
		if f[i] < '0' || f[i] > '9' {
			return false
		}
	}
	return true
}

var listHeadingPattern = regexp.MustCompile(`(?i)^(top \d+( \pL+)*|top (stories|news|articles|reads)|most (read|popular|viewed|shared|commented|emailed|watched)( \pL+)*|(related|recommended|trending|popular|latest)( (stories|articles|posts|news|content|links|reads|videos|topics|coverage|reading))?|more (from|on|in|stories|news|articles|videos|like this|to read|for you)\b.*|(you|we think you) (may|might|will) (also )?(like|enjoy|be interested in)( \pL+)*|read (more|next|also)|also read|recommended for you|editor'?s'? picks?|don'?t miss|what to read next|up next|in case you missed it|around the web|from our partners|sponsored stories|promoted stories)(:|\.|\.\.\.|…)?$`)

// isListHeading reports whether a short text heads a list of other
// articles: "Top 10 Stories", "Most Read", "Related Articles", "More from
// Sports", "You may also like".
func isListHeading(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || len(t) > 60 {
		return false
	}
	if listHeadingStarts[firstWordLower(t)] && listHeadingPattern.MatchString(t) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(t); !foreignListFirst[unicode.ToLower(r)] {
		return false
	}
	l := strings.ToLower(t)
	for _, h := range foreignListHeadings {
		if strings.HasPrefix(l, h) && len(l) <= len(h)+30 {
			return true
		}
	}
	return false
}

// listHeadingStarts are the first words listHeadingPattern can match: a
// map lookup spares the pattern on almost every line.
var listHeadingStarts = set("top", "most", "related", "recommended", "trending", "popular", "latest", "more", "you", "we", "read",
	"also", "editor's", "editors'", "editors", "editor’s", "don't", "dont", "don’t", "what", "up", "in", "around", "from", "sponsored", "promoted")

// firstWordLower returns the first word of s with ASCII letters lowered,
// or "" when it is longer than 16 bytes.
func firstWordLower(s string) string {
	var buf [16]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == ':' || c == '\t' || c == '\n' {
			break
		}
		if n == len(buf) {
			return ""
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return string(buf[:n])
}

// foreignListHeadings are the starts of "most read", "related" and "read
// also" headings in other languages.
// foreignListFirst holds the first letters of foreignListHeadings: a
// line starting with another needs no lower-casing.
var foreignListFirst = func() map[rune]bool {
	m := map[rune]bool{}
	for _, h := range foreignListHeadings {
		r, _ := utf8.DecodeRuneInString(h)
		m[r] = true
	}
	return m
}()

var foreignListHeadings = []string{
	"самые популярные", "популярное", "читайте также", "похожие", "смотрите также", "новости по теме", "другие новости",
	"más leídas", "más leído", "lo más visto", "lo más leído", "noticias relacionadas", "te puede interesar", "lee también", "artículos relacionados",
	"leia também", "veja também", "mais lidas", "mais lidos", "notícias relacionadas", "você pode gostar", "relacionad",
	"les plus lus", "à lire aussi", "a lire aussi", "lire aussi", "sur le même sujet", "articles liés",
	"meistgelesen", "auch interessant", "weitere artikel", "mehr zum thema", "das könnte sie auch interessieren",
	"più letti", "articoli correlati", "leggi anche", "potrebbe interessarti",
	"gerelateerde artikelen", "meest gelezen", "lees ook",
	"関連記事", "人気記事", "おすすめ記事", "相关文章", "相关阅读", "热门文章", "推荐阅读", "관련기사", "많이 본 기사", "인기기사",
}

// wordCount counts the runs of non-space characters of s, without
// allocating.
// wordCountUpTo is wordCount, stopping at limit: min(wordCount(s), limit).
func wordCountUpTo(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s) && n < limit; i++ {
		c := s[i]
		sp := c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
		if !sp && !in {
			n++
		}
		in = !sp
	}
	return n
}

func wordCount(s string) int { return wordCountUpTo(s, len(s)+1) }

func endsSentence(s string) bool {
	s = strings.TrimRight(s, " \"'”’»)]")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '!', '?', ':', ';', '。', '！', '？':
		return true
	case '.':
		return !strings.HasSuffix(s, "...")
	}
	return false
}

// eachBlock makes a text-phase Filter from a test of one block.
func eachBlock(drop func(b *Block) bool) func(*Page, []Block) []int {
	return func(_ *Page, blocks []Block) []int {
		var out []int
		for i := range blocks {
			if drop(&blocks[i]) {
				out = append(out, i)
			}
		}
		return out
	}
}

// ruleDuplicateParagraphs drops a block whose text repeats an earlier
// block's: image captions rendered twice, pull quotes, repeated teasers.
// Short repeated lines (under 20 bytes) are left to the other rules. On HTML
// pages, where the markup says what a block is, only captions and quotes
// repeated go: a paragraph repeated as a paragraph is the text's own ("I
// would prefer not to."). On plain text every repeat goes: nothing else
// tells a doubled caption from a paragraph.
var ruleDuplicateParagraphs = Rule{
	ID:          "duplicate-paragraphs",
	Phase:       PhaseText,
	Description: "repeats an earlier paragraph (caption or pull quote shown twice)",
	Filter: func(p *Page, blocks []Block) []int {
		var drop []int
		eligible := func(b *Block) bool { return len(b.Text) >= 20 && b.Kind != Code && b.Kind != TableRow }
		n := 0
		for i := range blocks {
			if eligible(&blocks[i]) {
				n++
			}
		}
		seen := make(map[string]BlockKind, n)
		for i, b := range blocks {
			if !eligible(&b) {
				continue
			}
			k := b.Text // exact copies: doubled captions are rendered twice, not retyped
			first, dup := seen[k]
			if !dup {
				seen[k] = b.Kind
				continue
			}
			if p.body == nil || b.Kind == Caption || first == Caption || b.Kind == Quote || first == Quote {
				drop = append(drop, i)
			}
		}
		return drop
	},
}

// ruleWidgetLines drops widget rows left in text: "ⓕ font-size", "Text
// size", "Print", "Listen", and runs of three or more size steps such as
// "-2", "-1", "0", "+1", "+2" on their own lines.
var ruleWidgetLines = Rule{
	ID:          "widget-lines",
	Phase:       PhaseText,
	Description: "font-size or reader widget line",
	Filter: func(_ *Page, blocks []Block) []int {
		var drop []int
		for i := 0; i < len(blocks); i++ {
			b := blocks[i]
			if b.Kind == Code {
				continue
			}
			if isSmallNumber(b.Text) {
				j := i
				for j < len(blocks) && isSmallNumber(blocks[j].Text) {
					j++
				}
				if j-i >= 3 {
					for k := i; k < j; k++ {
						drop = append(drop, k)
					}
				}
				i = j - 1
				continue
			}
			if len(b.Text) <= 80 && isWidgetText(b.Text) {
				drop = append(drop, i)
			}
		}
		return drop
	},
}

// ruleShareLines drops lines made only of share-button words: "Facebook
// share button", "Share on X", "Tweet", "Email this".
var ruleShareLines = Rule{
	ID:          "share-lines",
	Phase:       PhaseText,
	Description: "share-button line",
	Filter: eachBlock(func(b *Block) bool {
		return b.Kind != Code && len(b.Text) <= 160 && isShareText(b.Text)
	}),
}

// ruleListFooters drops a list of other articles headed like "Top 10
// Stories", "Most Read" or "Related Articles", with the short or
// link-made lines that follow the heading, up to the next real paragraph.
var ruleListFooters = Rule{
	ID:          "list-footers",
	Phase:       PhaseText,
	Description: "headed list of other articles (Top 10 Stories, Most Read, Related)",
	Filter: func(_ *Page, blocks []Block) []int {
		var drop []int
		for i := 0; i < len(blocks); i++ {
			b := blocks[i]
			if b.Kind == Code {
				continue
			}
			// A heading and its links in one block, split by line breaks.
			if first, rest, ok := strings.Cut(b.Text, "\n"); ok && len(first) <= 60 && isListHeading(first) && b.LinkText*2 >= len(rest) {
				drop = append(drop, i)
				continue
			}
			if len(b.Text) > 60 || !isListHeading(b.Text) {
				continue
			}
			drop = append(drop, i)
			j := i + 1
			for ; j < len(blocks); j++ {
				n := blocks[j]
				linky := n.LinkText*2 >= len(n.Text)
				short := wordCountUpTo(n.Text, 16) <= 15 && !endsSentence(n.Text)
				if n.Kind == Heading && !linky || !(linky || short || n.Kind == ListItem && wordCountUpTo(n.Text, 26) <= 25) {
					break
				}
				drop = append(drop, j)
			}
			if j == i+1 && j < len(blocks) {
				drop = drop[:len(drop)-1] // a real paragraph follows: the heading heads prose
			}
			i = j - 1
		}
		return drop
	},
}

var bylinePrefix = regexp.MustCompile(`(?i)^(by|written by|words by|story by|text by|reporting by|von|par|por|di|door|av|af|przez)[:\s]\s*\S`)

// ruleBylineLines moves bylines found as lines of text into Authors: "By
// Jane Doe" near the start, and author footers such as "Jane Doe
// jane@example.com" near the end.
var ruleBylineLines = Rule{
	ID:          "byline-lines",
	Phase:       PhaseText,
	Description: "byline or author footer: moved into Authors",
	Filter: func(p *Page, blocks []Block) []int {
		var drop []int
		for i, b := range blocks {
			if b.Kind == Code || len(b.Text) > 120 || wordCountUpTo(b.Text, 13) > 12 {
				continue
			}
			nearEdge := i < 12 || i >= len(blocks)-4
			if !nearEdge {
				continue
			}
			if endsSentence(b.Text) && strings.HasSuffix(b.Text, ".") && wordCount(b.Text) > 4 {
				continue // a sentence, not a byline
			}
			var names []string
			switch {
			case bylinePrefix.MatchString(b.Text):
				names = meta.ParseByline(b.Text)
				if len(names) == 0 && !endsSentence(b.Text) {
					names = []string{strings.TrimSpace(b.Text[strings.IndexAny(b.Text, " :\t")+1:])}
				}
			case i >= len(blocks)-4 && hasEmail(b.Text):
				names = meta.ParseByline(b.Text)
				if len(names) == 0 {
					names = namesBeforeEmail(b.Text)
				}
			}
			if len(names) == 0 {
				continue
			}
			p.AddAuthor(names...)
			if i > 0 && p.bylineBefore == "" {
				p.bylineBefore = blocks[i-1].Text
			}
			drop = append(drop, i)
		}
		return drop
	},
}

func hasEmail(s string) bool {
	if strings.IndexByte(s, '@') < 0 {
		return false
	}
	for _, f := range strings.Fields(s) {
		at := strings.IndexByte(f, '@')
		if at > 0 && strings.Contains(f[at:], ".") {
			return true
		}
	}
	return false
}

// namesBeforeEmail returns "Jane Doe" from "Jane Doe jane@example.com" when
// the words before the address are capitalized like a name.
func namesBeforeEmail(s string) []string {
	var name []string
	for _, f := range strings.Fields(s) {
		if strings.Contains(f, "@") {
			break
		}
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) {
			return nil
		}
		name = append(name, f)
	}
	if len(name) == 0 || len(name) > 4 {
		return nil
	}
	return []string{strings.Join(name, " ")}
}

var headLabels = set("settings", "menu", "main menu", "search", "close", "x", "×", "share", "print", "login", "log in", "sign in",
	"sign up", "subscribe", "register", "home", "skip to content", "skip to main content", "skip navigation", "advertisement",
	"open", "toggle navigation", "navigation", "account", "my account", "language", "listen", "save", "bookmark", "more", "back",
	"go top", "back to top", "top", "font-size", "text size", "dark mode", "light mode", "notifications")

// ruleEdgeLabels drops short UI labels at the edges of the text: at the
// start, known control labels ("Settings", "Menu", "Search", "X"); at the
// end, any run of short lines without sentence punctuation ("X",
// "CLOSE", "Top 10 Stories", "go top", "LETTER"), which is where widgets,
// modal buttons and footer links end up when a page is scraped as text.
var ruleEdgeLabels = Rule{
	ID:          "edge-labels",
	Phase:       PhaseText,
	Description: "UI label at the start or end of the text",
	Filter: func(_ *Page, blocks []Block) []int {
		var drop []int
		i := 0
		for ; i < len(blocks); i++ {
			t := strings.ToLower(strings.Trim(blocks[i].Text, " :|•·-–—"))
			if len(t) > 30 || !(headLabels[t] || t == "") {
				break
			}
			drop = append(drop, i)
		}
		// The tail: only after real text, so that a page of short lines is
		// never emptied.
		substantial := -1
		for k := i; k < len(blocks); k++ {
			if wordCountUpTo(blocks[k].Text, 10) >= 10 || endsSentence(blocks[k].Text) {
				substantial = k
			}
		}
		if substantial < 0 {
			return drop
		}
		j := len(blocks) - 1
		for ; j > substantial && j >= i; j-- {
			b := blocks[j]
			if b.Kind == Code || b.Kind == TableRow || len(b.Text) > 40 || wordCountUpTo(b.Text, 5) > 4 || endsSentence(b.Text) {
				break
			}
			drop = append(drop, j)
		}
		return drop
	},
}

var creditPrefix = regexp.MustCompile(`(?i)^\(?(photo|photos|photograph|image|images|picture|pictures|credit|credits|foto|fotos|bild|source|video|illustration|graphic)( by| credit| courtesy| source)?\s*[:/]`)

var galleryCounter = regexp.MustCompile(`(?i)^(image|photo|picture|slide|foto|bild)\s+\d+\s*(of|/|de|von|sur|di)\s*\d+$`)

// maybeCredit is a cheap test that t could match creditPrefix or
// galleryCounter: it starts (after an optional "(") with the first letter
// of one of their words.
func maybeCredit(t string) bool {
	t = strings.TrimPrefix(t, "(")
	if t == "" {
		return false
	}
	switch c := t[0]; c | 0x20 {
	case 'p', 'i', 'c', 'f', 'b', 's', 'v', 'g':
	default:
		if c < 0x80 {
			return false
		}
	}
	// creditPrefix needs a ':' or '/'; galleryCounter, a space and digits.
	return strings.ContainsAny(t, ":/") || strings.IndexByte(t, ' ') > 0 && strings.ContainsAny(t, "0123456789")
}

// ruleMediaCredits drops photo credits and similar lines: "Photo: Jane
// Doe, AP", "Image credit: Agency", "(AP Photo/Jane Doe)".
var ruleMediaCredits = Rule{
	ID:          "media-credits",
	Phase:       PhaseText,
	Description: "photo or media credit line",
	Filter: eachBlock(func(b *Block) bool {
		if b.Kind == Code || len(b.Text) > 100 || wordCountUpTo(b.Text, 13) > 12 {
			return false
		}
		t := b.Text
		return maybeCredit(t) && (creditPrefix.MatchString(t) || galleryCounter.MatchString(t)) || strings.HasPrefix(t, "(AP Photo") || strings.EqualFold(t, "caption")
	}),
}

var ctaPhrases = []string{"click here", "clicking here", "tap here", "sign up", "subscribe", "download the app", "get the app", "read more", "read the full", "follow us", "join the conversation", "watch the video", "watch:", "listen:", "see also:", "related:", "read also:", "recommended:", "more:"}

// ruleCallsToAction drops short lines made of a link or shouting a call to
// action: "GET OUR APP BY CLICKING HERE", "Related: <headline>", "Read
// more: …", "Sign up for our newsletter". A short paragraph that is
// entirely a link is a teaser for another page, not article text.
var ruleCallsToAction = Rule{
	ID:          "calls-to-action",
	Phase:       PhaseText,
	Description: "call to action or linked teaser line",
	Filter: func(_ *Page, blocks []Block) []int {
		var drop []int
		for i, b := range blocks {
			if b.Kind == Code || b.Kind == TableRow || b.Kind == Heading || len(b.Text) > 200 {
				continue
			}
			n := wordCountUpTo(b.Text, 26)
			if n > 25 {
				continue
			}
			linked := b.LinkText*10 >= len(b.Text)*9
			l := strings.ToLower(b.Text)
			prefix, inside := false, false
			for _, ph := range ctaPhrases {
				if strings.HasPrefix(l, ph) {
					prefix = true
					break
				}
				if n <= 12 && strings.Contains(l, ph) {
					inside = true
				}
			}
			switch {
			case linked && b.Kind == Paragraph && n >= 3:
				drop = append(drop, i)
			case prefix && (b.LinkText > 0 || isShouting(b.Text)):
				drop = append(drop, i)
			case inside && (b.LinkText*2 >= len(b.Text) || isShouting(b.Text)):
				drop = append(drop, i)
			}
		}
		return drop
	},
}

// isShouting reports whether a text's letters are all capitals.
func isShouting(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 8
}

var dateTokens = set(
	// English
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march", "april",
	"june", "july", "august", "september", "october", "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "am", "pm", "a", "m", "p", "at", "on", "updated",
	"published", "posted", "last", "modified", "created", "date", "time", "et", "est", "edt", "cst", "cdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "ist", "jst", "kst",
	"hours", "hour", "ago", "minutes", "min", "yesterday", "today", "of", "and", "by",
	// Portuguese, Spanish, French, German, Italian
	"de", "às", "as", "em", "el", "del", "le", "à", "um", "am", "um", "uhr", "il", "alle", "publicado", "atualizado", "actualizado", "publié", "mis", "jour", "veröffentlicht", "aktualisiert", "pubblicato",
	"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
	"enero", "febrero", "marzo", "mayo", "junio", "julio", "septiembre", "octubre", "noviembre", "diciembre",
	"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
	"januar", "februar", "märz", "juni", "juli", "oktober", "dezember", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
	"segunda", "terça", "quarta", "quinta", "sexta", "feira", "sábado", "domingo", "lunes", "martes", "miércoles", "jueves", "viernes",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")

// isDateline reports whether a short text is only a date, a time and the
// words around them ("Updated 5:27 am CST, Wednesday, November 20, 2019").
func isDateline(t string) bool {
	if len(t) > 120 {
		return false
	}
	words, known, digits := 0, 0, 0
	eachToken(t, func(w string) {
		words++
		switch {
		case isDigits(w):
			digits++
			known++
		case dateTokens[strings.ToLower(w)]:
			known++
		}
	})
	return words >= 2 && digits >= 1 && known*10 >= words*8
}

func isDigits(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
}

// eachToken calls f for each run of letters or digits of s.
func eachToken(s string, f func(string)) {
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(s[start:])
	}
}

// ruleDatelineLines drops lines that are only a date and time, near the
// start or the end of the text: "Updated 5:27 am CST, Wednesday, November
// 20, 2019", "22 de janeiro de 2018 às 0:13". Dates are in the metadata.
var ruleDatelineLines = Rule{
	ID:          "dateline-lines",
	Phase:       PhaseText,
	Description: "date and time line",
	Filter: func(p *Page, blocks []Block) []int {
		var drop []int
		for i, b := range blocks {
			if b.Kind == Code || b.Kind == TableRow || !(i < 8 || i >= len(blocks)-3) {
				continue
			}
			if isDateline(b.Text) {
				drop = append(drop, i)
				if p.dateline.IsZero() {
					if t, ok := meta.ParseDate(trimDatePrefix(b.Text)); ok {
						p.dateline = t
					}
				}
			}
		}
		return drop
	},
}

// ruleAdLabels drops lines that only label an advertisement slot:
// "Advertisement", "ADVERTISEMENT", "Sponsored", "Story continues below
// advertisement".
var ruleAdLabels = Rule{
	ID:          "ad-labels",
	Phase:       PhaseText,
	Description: "advertisement label",
	Filter: eachBlock(func(b *Block) bool {
		return len(b.Text) <= 50 && adLabels[strings.ToLower(strings.Trim(b.Text, " -–—:|"))]
	}),
}

// ruleContactLines drops author contact and follow lines in the last lines
// of the text: "Email Jane Doe at jane@example.com or follow her
// @janedoe", "Follow us on Twitter", "Have a tip? …".
var ruleContactLines = Rule{
	ID:          "contact-lines",
	Phase:       PhaseText,
	Description: "contact or follow-us line at the end",
	Filter: func(_ *Page, blocks []Block) []int {
		var drop []int
		for i := max(0, len(blocks)-4); i < len(blocks); i++ {
			b := blocks[i]
			if b.Kind == Code || len(b.Text) > 300 || wordCountUpTo(b.Text, 46) > 45 {
				continue
			}
			l := strings.ToLower(b.Text)
			follow := strings.Contains(l, "follow ") && (strings.Contains(l, "twitter") || strings.Contains(l, "facebook") || strings.Contains(l, "instagram") || strings.Contains(l, " on .") || strings.Contains(l, "@"))
			reach := hasEmail(b.Text) && (strings.HasPrefix(l, "email ") || strings.HasPrefix(l, "e-mail ") || strings.HasPrefix(l, "contact ") ||
				strings.Contains(l, " be reached at") || strings.Contains(l, "write to") || strings.Contains(l, "email him") || strings.Contains(l, "email her"))
			if follow || reach {
				drop = append(drop, i)
			}
		}
		return drop
	},
}

// trimDatePrefix drops a leading "Updated", "Published on", "Posted:" and
// the like from a dateline, for the date parser.
func trimDatePrefix(s string) string {
	for {
		w, rest, _ := strings.Cut(strings.TrimLeft(s, " :|-–—"), " ")
		switch strings.ToLower(strings.Trim(w, ":")) {
		case "updated", "published", "posted", "last", "modified", "on", "at", "date", "created":
			s = rest
			continue
		}
		return strings.TrimSpace(s)
	}
}
