package meta

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Byline parsing limits.
const (
	maxBylineBytes = 600
	maxBylineWords = 12 // words of names (after prefixes and dates are removed)
	maxNameWords   = 6
)

// bylinePrefixes introduce a byline. They are matched case-insensitively at
// the start, followed by a space or a colon. Foreign one-word prefixes are
// only removed when at least two words follow, since they can also begin a
// name ("Von Miller").
var bylinePrefixes = []struct {
	p      string
	strict bool // needs two words after it
}{
	{"written and reported by", false}, {"written by", false}, {"posted by", false},
	{"published by", false}, {"reported by", false}, {"reporting by", false},
	{"story by", false}, {"words by", false}, {"text by", false},
	{"article by", false}, {"compiled by", false}, {"created by", false},
	{"authored by", false}, {"submitted by", false}, {"geschrieben von", false},
	{"ein beitrag von", false}, {"écrit par", false}, {"escrito por", false},
	{"scritto da", false}, {"authors", false}, {"author", false},
	{"autoren", false}, {"autorin", false}, {"autor", false}, {"auteur", false},
	{"autore", false}, {"redaktion", false}, {"texto", false}, {"text", false},
	{"by", false}, {"from", true}, {"von", true}, {"par", true}, {"por", true},
	{"di", true}, {"da", true}, {"door", true}, {"av", true}, {"af", true}, {"przez", true},
}

// bylineStops end the names part of a byline: what follows is a date, a
// reading time or the name of someone who is not an author.
var bylineStops = map[string]bool{
	"updated": true, "update": true, "published": true, "posted": true,
	"modified": true, "edited": true, "last": true, "photos": true,
	"photo": true, "photographs": true, "photography": true, "illustration": true,
	"illustrations": true, "video": true, "aktualisiert": true,
	"veröffentlicht": true, "publié": true, "actualizado": true, "publicado": true,
	"additional": true, "contributed": true, "follow": true, "share": true,
	"email": true, "e-mail": true, "twitter": true, "bio": true,
	"today": true, "yesterday": true, "ago": true,
}

// bylineLinkWords may be left dangling at the end once a date is cut off.
var bylineLinkWords = map[string]bool{
	"on": true, "at": true, "in": true, "and": true, "&": true, "am": true,
	"le": true, "el": true, "the": true, "of": true, "und": true, "et": true,
	"y": true, "e": true, "by": true, "|": true, "-": true, "–": true, "—": true,
	"·": true, "•": true, "/": true, "de": true, "du": true, "il": true, "vom": true,
}

// roleWords mark a part of a byline that is a job title, not a name.
var roleWords = map[string]bool{
	"writer": true, "writers": true, "reporter": true, "reporters": true,
	"editor": true, "editors": true, "correspondent": true, "contributor": true,
	"contributors": true, "columnist": true, "journalist": true, "staff": true,
	"photographer": true, "producer": true, "analyst": true, "critic": true,
	"intern": true, "redakteur": true, "redakteurin": true, "korrespondent": true,
	"korrespondentin": true, "journaliste": true, "rédacteur": true, "redactor": true,
	"periodista": true, "corresponsal": true, "editor-in-chief": true, "editor-at-large": true,
	"contributing": true, "freelance": true, "freelancer": true, "newsroom": true,
	"desk": true, "team": true, "staffer": true, "blogger": true,
}

// credentials are degree or title tokens that may follow a name after a
// comma.
var credentials = map[string]bool{
	"ma": true, "md": true, "phd": true, "ph.d.": true, "ph.d": true, "rn": true,
	"mph": true, "ms": true, "msc": true, "mba": true, "do": true, "dds": true,
	"bsc": true, "ba": true, "cpa": true, "esq": true, "esq.": true, "mfa": true,
	"lcsw": true, "rd": true, "pharmd": true, "facp": true, "faap": true,
}

// nameSuffixes follow a name after a comma: "Jane Doe, Jr.".
var nameSuffixes = map[string]bool{
	"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true,
}

// weekdayWords (lower case, with common abbreviations) and the month names
// of date.go let the byline parser recognize a date next to the names.
var weekdayWords = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true,
	"wed": true, "wednesday": true, "thu": true, "thur": true, "thurs": true,
	"thursday": true, "fri": true, "friday": true, "sat": true, "saturday": true,
	"sun": true, "sunday": true,
}

// ParseByline returns the author names in a byline such as "By Jane Doe and
// John Roe", "Jane Doe | Reuters" or "Von Hans Meier, 5. März 2024". Prefixes
// ("By", "Written by:", "Von", "Par", "Por"), job titles ("Staff Writer"),
// e-mail addresses, dates and reading times are removed; the names are
// returned trimmed, in order, without case-insensitive duplicates. It
// returns nil when the text does not look like a byline: more than 12 words
// of names, or sentence punctuation typical of body text.
func ParseByline(s string) []string {
	if len(s) > maxBylineBytes*4 {
		return nil
	}
	s = normSpace(s)
	if s == "" || len(s) > maxBylineBytes {
		return nil
	}
	// Segments: "Jane Doe | Reuters", "Jane Doe · 5 min read".
	for _, seg := range splitSegments(s) {
		names, ok := parseBylineSegment(seg)
		if !ok {
			return nil
		}
		if len(names) > 0 {
			return names
		}
	}
	return nil
}

// splitSegments cuts s at strong separators: bars, bullets and spaced
// dashes.
func splitSegments(s string) []string {
	var segs []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		cut := false
		switch r {
		case '|', '·', '•', '¦', '‖', '∙', '●', '◆', '■':
			cut = true
		case '-', '–', '—', '/':
			// Only when spaced: "Jane Doe - Staff", not "Min-ho".
			cut = i > 0 && s[i-1] == ' ' && i+size < len(s) && s[i+size] == ' '
		}
		if cut {
			if seg := strings.TrimSpace(s[start:i]); seg != "" {
				segs = append(segs, seg)
			}
			start = i + size
		}
		i += size
	}
	if seg := strings.TrimSpace(s[start:]); seg != "" {
		segs = append(segs, seg)
	}
	return segs
}

// parseBylineSegment parses one segment. ok is false when the segment is
// body text, which rejects the whole byline.
func parseBylineSegment(seg string) (names []string, ok bool) {
	words := strings.Fields(seg)
	// E-mail addresses and handles: "Jung Min-ho mj6c2@example.com".
	kept := words[:0:0]
	for _, w := range words {
		t := strings.Trim(w, "()[]<>,;")
		if strings.Contains(t, "@") || strings.HasPrefix(strings.ToLower(t), "mailto:") || isURL(t) {
			continue
		}
		kept = append(kept, w)
	}
	words = skipDateline(kept)
	words = stripBylinePrefix(words)
	words = cutBylineTail(words)
	// Trim dangling link words and punctuation at both ends.
	for len(words) > 0 {
		w := strings.ToLower(strings.Trim(words[len(words)-1], ",;:"))
		if w == "" || bylineLinkWords[w] {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	for len(words) > 0 {
		w := strings.ToLower(strings.Trim(words[0], ",;:"))
		if w == "" || w == "and" || w == "&" || w == "|" || w == "-" {
			words = words[1:]
			continue
		}
		break
	}
	if len(words) == 0 {
		return nil, true
	}
	if len(words) > maxBylineWords {
		return nil, false
	}
	text := strings.Join(words, " ")
	if looksLikeSentence(text) {
		return nil, false
	}
	type cand struct {
		name string
		org  bool
	}
	var cands []cand
	for _, part := range splitNames(text) {
		part = strings.Trim(part, " ,;:-–—\"'“”‘’«»[]*")
		part = strings.TrimLeft(part, ".")
		// A final period ends a sentence unless it ends an initial or an
		// abbreviation ("Jr.", "C.").
		if strings.HasSuffix(part, ".") {
			last := part[strings.LastIndexByte(part, ' ')+1:]
			if utf8.RuneCountInString(last) > 4 && !strings.Contains(strings.TrimSuffix(last, "."), ".") {
				part = strings.TrimSuffix(part, ".")
			}
		}
		part = trimParens(part)
		if part == "" {
			continue
		}
		ws := strings.Fields(part)
		// "Jane Doe, John Roe, and Max Mu": a conjunction left at the start.
		for len(ws) > 1 && conjunctions[strings.ToLower(ws[0])] {
			ws = ws[1:]
		}
		ws = stripBylinePrefix(ws)
		// A credential opening a part: "Brenda Goodman, MA WebMD Health News".
		for len(ws) > 1 && credentials[strings.ToLower(ws[0])] {
			ws = ws[1:]
		}
		if len(ws) == 0 {
			continue
		}
		part = strings.Join(ws, " ")
		lower := strings.ToLower(part)
		if credentials[strings.ReplaceAll(lower, " ", "")] {
			continue
		}
		if nameSuffixes[lower] && len(cands) > 0 {
			cands[len(cands)-1].name += ", " + part
			continue
		}
		if isRole(lower) {
			// "Senior Reporter Jane Doe": a title before the name.
			ws := strings.Fields(part)
			for len(ws) > 0 && (isRole(strings.ToLower(ws[0])) || roleModifiers[strings.ToLower(ws[0])]) {
				ws = ws[1:]
			}
			if len(ws) == 0 || isRole(strings.ToLower(strings.Join(ws, " "))) {
				continue
			}
			part = strings.Join(ws, " ")
			lower = strings.ToLower(part)
		}
		// "John Roe for The Guardian".
		if ws := strings.Fields(part); len(ws) > 3 {
			for i := 2; i < len(ws)-1; i++ {
				if strings.ToLower(ws[i]) == "for" || strings.ToLower(ws[i]) == "für" || strings.ToLower(ws[i]) == "pour" {
					part = strings.Join(ws[:i], " ")
					lower = strings.ToLower(part)
					break
				}
			}
		}
		if !plausibleName(part) {
			// Not a list of names ("A note from Sleyca").
			return nil, false
		}
		cands = append(cands, cand{part, isOrgish(lower) || isAcronym(part)})
	}
	person := false
	for _, c := range cands {
		person = person || !c.org
	}
	for _, c := range cands {
		if person && c.org {
			continue
		}
		names = dedupeFold(names, c.name)
	}
	return names, true
}

// trimParens removes unbalanced parentheses left at either end by splitting.
func trimParens(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") && !strings.Contains(s, ")") {
		s = strings.TrimSpace(s[1:])
	}
	if strings.HasSuffix(s, ")") && !strings.Contains(s, "(") {
		s = strings.TrimSpace(s[:len(s)-1])
	}
	return s
}

// nameParticles may appear in lower case inside a capitalized name.
var nameParticles = map[string]bool{
	"de": true, "da": true, "das": true, "do": true, "dos": true, "du": true,
	"del": true, "der": true, "den": true, "di": true, "la": true,
	"le": true, "van": true, "von": true, "ter": true, "ten": true, "zu": true,
	"y": true, "e": true, "bin": true, "binti": true, "al": true, "el": true,
	"af": true, "av": true, "of": true, "for": true, "the": true, "st.": true, "dei": true,
	"della": true, "dalla": true, "degli": true, "vander": true, "bint": true,
}

// isParticle reports whether a lower-case word may sit inside a capitalized
// name: short particles ("van", "de", "bin"), listed ones ("della") and
// prefixed surnames ("al-Assad", "d'Artagnan").
func isParticle(w string) bool {
	lw := strings.ToLower(w)
	if nameParticles[lw] || utf8.RuneCountInString(w) <= 3 {
		return true
	}
	if i := strings.IndexAny(w, "-'’"); i > 0 && i <= 3 {
		r, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

// plausibleName rejects text that cannot be a name: digits, symbols,
// too many words, or capitalized words mixed with lower-case common words
// ("A note from Sleyca").
func plausibleName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > maxNameWords || isURL(s) {
		return false
	}
	upper, lower := 0, 0
	letters := false
	for _, w := range words {
		for _, r := range w {
			switch {
			case unicode.IsLetter(r) || unicode.IsMark(r):
				letters = true
			case r == '.' || r == '-' || r == '\'' || r == '’' || r == '(' || r == ')' || r == '_' || r == '‐' || r == '&':
			default:
				return false
			}
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(\"'"))
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r) && !isParticle(w):
			lower++
		}
	}
	return letters && !(upper > 0 && lower > 0)
}

// orgWords mark a byline part that names an organization rather than a
// person.
var orgWords = map[string]bool{
	"news": true, "press": true, "media": true, "magazine": true, "times": true,
	"journal": true, "daily": true, "tribune": true, "herald": true, "gazette": true,
	"agency": true, "network": true, "radio": true, "tv": true, "television": true,
	"group": true, "inc": true, "inc.": true, "ltd": true, "ltd.": true, "llc": true,
	"corp": true, "corp.": true, "company": true, "foundation": true, "associated": true,
	"wire": true, "bureau": true, "newsroom": true, "online": true, "publishing": true,
	"redaktion": true, "rédaction": true, "redacción": true, "editorial": true,
	"contributors": true, "staff": true, "team": true, "services": true, "institute": true,
}

// roleModifiers may precede a job title: "Senior Staff Writer".
var roleModifiers = map[string]bool{
	"senior": true, "chief": true, "deputy": true, "special": true, "political": true,
	"associate": true, "assistant": true, "managing": true, "executive": true,
	"contributing": true, "guest": true, "lead": true, "national": true, "foreign": true,
	"science": true, "business": true, "sports": true, "tech": true, "technology": true,
	"health": true, "our": true, "the": true, "a": true, "by": true,
}

// isAcronym reports whether a name is a short all-capital token such as an
// agency's initials ("AP", "AFP", "CNN").
func isAcronym(s string) bool {
	if strings.ContainsAny(s, " ") || utf8.RuneCountInString(s) > 5 || utf8.RuneCountInString(s) < 2 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// isOrgish reports whether a lower-case name looks like an organization.
func isOrgish(lower string) bool {
	for _, w := range strings.Fields(lower) {
		if orgWords[strings.Trim(w, ",.")] || strings.HasSuffix(w, ".com") {
			return true
		}
	}
	return false
}

// skipDateline drops a date or label written before the byline proper:
// "Posted on March 3, 2025 by Jane Doe", "Updated 5:00 PM ET by Jane Doe".
func skipDateline(words []string) []string {
	for k := 1; k < len(words); k++ {
		switch strings.ToLower(strings.TrimRight(words[k], ":")) {
		case "by", "von", "par", "por":
		default:
			continue
		}
		for _, w := range words[:k] {
			lw := strings.ToLower(strings.Trim(w, ",.;:()[]"))
			_, month := monthByName(lw)
			if month || weekdayWords[lw] || bylineStops[lw] || strings.ContainsAny(lw, "0123456789") {
				return words[k:]
			}
		}
		return words
	}
	return words
}

func stripBylinePrefix(words []string) []string {
	for changed := true; changed && len(words) > 0; {
		changed = false
		for bi, bp := range bylinePrefixes {
			pw := bylinePrefixWords[bi]
			if len(words) < len(pw) {
				continue
			}
			match := true
			for i, p := range pw {
				w := words[i]
				if i == len(pw)-1 {
					w = strings.TrimRight(w, ":")
				}
				if !strings.EqualFold(w, p) {
					match = false
					break
				}
			}
			if !match {
				continue
			}
			rest := words[len(pw):]
			colon := strings.HasSuffix(words[len(pw)-1], ":")
			if bp.strict && !colon && (len(rest) < 2 || !startsUpper(rest[0])) {
				continue
			}
			// "Author" alone as a name part is only a prefix with a colon.
			if !colon && (bp.p == "author" || bp.p == "authors" || bp.p == "text" || bp.p == "texto" ||
				bp.p == "autor" || bp.p == "autoren" || bp.p == "autorin" || bp.p == "auteur" ||
				bp.p == "autore" || bp.p == "redaktion") {
				continue
			}
			words = rest
			// A lone ":" after the prefix: "By : Jane".
			for len(words) > 0 && (words[0] == ":" || words[0] == "-") {
				words = words[1:]
			}
			changed = true
			break
		}
	}
	return words
}

// cutBylineTail drops everything from the first word that starts a date, a
// time, a reading time or another non-name phrase.
func cutBylineTail(words []string) []string {
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ",.;:()[]"))
		if lw == "" {
			continue
		}
		if bylineStops[lw] {
			return words[:i]
		}
		if k := strings.IndexAny(w, "0123456789"); k >= 0 {
			// "Nolan22 Dec 2016": a name run into a date keeps its letters.
			if i > 0 && k > 1 && !strings.ContainsAny(w[:k], "@:/") && hasLetter(w[:k]) {
				return append(words[:i:i], w[:k])
			}
			return words[:i]
		}
		if _, ok := monthByName(lw); ok || weekdayWords[lw] {
			if i+1 < len(words) {
				next := strings.ToLower(strings.Trim(words[i+1], ",.;:"))
				if _, isMonth := monthByName(next); isMonth || strings.ContainsAny(next, "0123456789") {
					return words[:i]
				}
			}
		}
	}
	return words
}

// looksLikeSentence reports whether text has punctuation that belongs to
// running text rather than to a list of names.
func looksLikeSentence(text string) bool {
	if strings.ContainsAny(text, "?!;:。？！\"“”") {
		return true
	}
	words := strings.Fields(text)
	for _, w := range words[:len(words)-1] {
		if !strings.HasSuffix(w, ".") {
			continue
		}
		core := strings.TrimRight(w, ".")
		// Initials and abbreviations: "J.", "Jr.", "Dr.", "St.", "J.R.R.".
		if utf8.RuneCountInString(core) <= 3 || strings.Contains(core, ".") {
			continue
		}
		return true
	}
	return false
}

// splitNames cuts a list of names at commas, semicolons and conjunctions.
func splitNames(text string) []string {
	var parts []string
	for _, p := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '、' || r == '，' }) {
		// "(with Jane Doe and John Roe)": contributors in parentheses.
		p = parenSpacer.Replace(p)
		words := strings.Fields(p)
		start := 0
		for i := 0; i < len(words); i++ {
			w := strings.ToLower(words[i])
			if w == "(" && i+1 < len(words) && withWords[strings.ToLower(words[i+1])] {
				parts = append(parts, strings.Join(words[start:i], " "))
				start = i + 2
				i++
				continue
			}
			if w == ")" && start <= i {
				if j := strings.LastIndex(strings.Join(words[start:i], " "), "("); j < 0 {
					parts = append(parts, strings.Join(words[start:i], " "))
					start = i + 1
					continue
				}
			}
			if conjunctions[w] {
				// Split only between multi-word names: "Mac & i" and
				// "Jane and John Doe" stay whole.
				if i-start >= 2 && len(words)-i-1 >= 2 {
					parts = append(parts, strings.Join(words[start:i], " "))
					start = i + 1
				}
			}
		}
		if start < len(words) {
			parts = append(parts, strings.Join(words[start:], " "))
		}
		for i := range parts {
			parts[i] = strings.ReplaceAll(strings.ReplaceAll(parts[i], "( ", "("), " )", ")")
		}
	}
	return parts
}

// conjunctions join names in a list.
var conjunctions = map[string]bool{
	"and": true, "&": true, "und": true, "et": true, "y": true, "e": true, "en": true,
	"og": true, "och": true, "ja": true, "i": true, "и": true, "a": true, "with": true,
	"avec": true, "mit": true, "con": true, "com": true,
}

// withWords open a parenthesized list of contributors.
var withWords = map[string]bool{"with": true, "avec": true, "mit": true, "con": true, "com": true}

func isRole(lower string) bool {
	for _, w := range strings.Fields(lower) {
		if roleWords[strings.Trim(w, ".,")] {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || (unicode.IsLetter(r) && !unicode.IsLower(r))
}

// cleanAuthorName tidies one author name taken from metadata: a "By"
// prefix is removed, and URLs or bare e-mail addresses give "". When the
// value holds a name followed by an e-mail address, the name is kept.
func cleanAuthorName(s string) string {
	s = normSpace(s)
	if s == "" || isURL(s) || isEmail(s) {
		return ""
	}
	words := strings.Fields(s)
	kept := words[:0:0]
	for _, w := range words {
		if isEmail(strings.Trim(w, "()<>[],;")) {
			continue
		}
		kept = append(kept, w)
	}
	words = stripBylinePrefix(kept)
	s = strings.Trim(strings.Join(words, " "), " ,;:|-")
	if s == "" || isURL(s) {
		return ""
	}
	return s
}

// parenSpacer puts spaces around parentheses. A Replacer is safe for
// concurrent use; built once.
var parenSpacer = strings.NewReplacer("(", " ( ", ")", " ) ")

// bylinePrefixWords holds the words of each of bylinePrefixes, split once.
var bylinePrefixWords = func() [][]string {
	out := make([][]string, len(bylinePrefixes))
	for i, bp := range bylinePrefixes {
		out[i] = strings.Fields(bp.p)
	}
	return out
}()
