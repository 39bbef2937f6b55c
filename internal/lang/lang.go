// Package lang guesses the language of a text from its script and, for
// scripts that several languages share, from its most frequent words.
//
// Detect reads at most the first few kilobytes of the text, once, with a
// map look-up per word: no model, no regular expression. It answers only
// when the evidence is clear and returns "" otherwise.
package lang

import (
	"math/bits"
	"sync"
	"unicode"
	"unicode/utf8"
)

// MaxBytes is how much of the text Detect reads.
const MaxBytes = 3072

// Thresholds of the decision.
const (
	minScriptLetters = 12   // letters of a one-language script ("ελληνικά…")
	minCJK           = 10   // Han and kana characters
	minWords         = 5    // words of a shared script
	minScore         = 3.0  // weighted stop-word hits of the winner
	minDensity       = 0.12 // winner's score per word of its script
	minMargin        = 1.3  // winner's score over the runner-up's
	letterWeight     = 0.3  // score of a letter only some languages use
)

// script is a writing system Detect tells apart.
type script uint8

const (
	scNone script = iota
	scLatin
	scCyrillic
	scArabic
	scDevanagari
	scGreek
	scHebrew
	scThai
	scHangul
	scHan
	scKana
	scGeorgian
	scArmenian
	scBengali
	scTamil
	scTelugu
	scKannada
	scMalayalam
	scGujarati
	scGurmukhi
	scSinhala
	scKhmer
	scLao
	scMyanmar
	scEthiopic
	numScripts
)

// scriptTables maps the scripts after Latin to Unicode's tables.
var scriptTables = []struct {
	sc  script
	tab *unicode.RangeTable
}{
	{scCyrillic, unicode.Cyrillic},
	{scArabic, unicode.Arabic},
	{scDevanagari, unicode.Devanagari},
	{scGreek, unicode.Greek},
	{scHebrew, unicode.Hebrew},
	{scThai, unicode.Thai},
	{scHangul, unicode.Hangul},
	{scHan, unicode.Han},
	{scKana, unicode.Hiragana},
	{scKana, unicode.Katakana},
	{scGeorgian, unicode.Georgian},
	{scArmenian, unicode.Armenian},
	{scBengali, unicode.Bengali},
	{scTamil, unicode.Tamil},
	{scTelugu, unicode.Telugu},
	{scKannada, unicode.Kannada},
	{scMalayalam, unicode.Malayalam},
	{scGujarati, unicode.Gujarati},
	{scGurmukhi, unicode.Gurmukhi},
	{scSinhala, unicode.Sinhala},
	{scKhmer, unicode.Khmer},
	{scLao, unicode.Lao},
	{scMyanmar, unicode.Myanmar},
	{scEthiopic, unicode.Ethiopic},
}

// oneLanguage is the language of the scripts that one language dominates.
var oneLanguage = [numScripts]string{
	scGreek:     "el",
	scHebrew:    "he",
	scThai:      "th",
	scHangul:    "ko",
	scGeorgian:  "ka",
	scArmenian:  "hy",
	scBengali:   "bn",
	scTamil:     "ta",
	scTelugu:    "te",
	scKannada:   "kn",
	scMalayalam: "ml",
	scGujarati:  "gu",
	scGurmukhi:  "pa",
	scSinhala:   "si",
	scKhmer:     "km",
	scLao:       "lo",
	scMyanmar:   "my",
	// Ethiopic is written for Amharic, Tigrinya and others: no answer.
}

// scriptOf returns the script of a letter.
func scriptOf(r rune) script {
	if r < 0x250 {
		if r < 0x80 {
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				return scLatin
			}
			return scNone
		}
		if unicode.IsLetter(r) {
			return scLatin
		}
		return scNone
	}
	if r >= 0x1E00 && r <= 0x1EFF { // Latin Extended Additional (Vietnamese)
		return scLatin
	}
	if !unicode.IsLetter(r) {
		return scNone
	}
	for _, t := range scriptTables {
		if unicode.Is(t.tab, r) {
			return t.sc
		}
	}
	if unicode.Is(unicode.Latin, r) {
		return scLatin
	}
	return scNone
}

// isWordRune reports whether r continues a word: letters and the marks
// that Indic and Arabic scripts put on them.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)
}

// detector holds the word lists, built on first use.
type detector struct {
	words map[string]uint64 // word -> languages that use it
	// maybe has a bit set for the (length, first byte, last byte) of
	// every word of words: a word whose bit is clear is not looked up.
	maybe   [1 << 16 / 64]uint64
	letters map[rune]uint64 // letter -> the few languages that use it
	script  []script        // language index -> its script
	tag     []string        // language index -> BCP 47 tag
}

var get = sync.OnceValue(build)

func build() *detector {
	d := &detector{words: make(map[string]uint64, 4096), letters: make(map[rune]uint64, 64)}
	for i, l := range languages {
		d.tag = append(d.tag, l.tag)
		d.script = append(d.script, l.script)
		bit := uint64(1) << i
		forEachField(l.words, func(w string) {
			w = foldString(w)
			d.words[w] |= bit
			k := wordKey(w)
			d.maybe[k/64] |= 1 << (k % 64)
		})
		for _, r := range l.letters {
			d.letters[fold(r)] |= bit
		}
	}
	return d
}

// wordKey is the index of a word's bit in detector.maybe.
func wordKey(w string) uint32 {
	return uint32(len(w)&15)<<12 | uint32(w[0]&63)<<6 | uint32(w[len(w)-1]&63)
}

// forEachField calls f with each space-separated field of s.
func forEachField(s string, f func(string)) {
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			if start >= 0 {
				f(s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
}

// fold lower-cases r and writes the cedilla forms of s and t, which
// Romanian and Turkish texts use interchangeably with the comma forms, as
// the comma forms.
func fold(r rune) rune {
	r = unicode.ToLower(r)
	switch r {
	case 'ş':
		return 'ș'
	case 'ţ':
		return 'ț'
	}
	return r
}

func foldString(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		b = append(b, fold(r))
	}
	return string(b)
}

// Detect returns the base language tag ("en", "de", "ja"…) of text, or ""
// when the text is too short or its language unclear. It reads at most the
// first MaxBytes bytes.
//
// A script used by one language decides alone (Greek, Hebrew, Thai, Hangul,
// kana for Japanese, Han without kana for Chinese…). For the scripts that
// several languages share (Latin, Cyrillic, Arabic, Devanagari) the
// language whose frequent words ("the", "und", "что", "के"…) and distinctive
// letters ("ß", "ñ", "ї", "پ"…) occur most wins, when it wins clearly.
func Detect(text string) string {
	if len(text) > MaxBytes {
		cut := MaxBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	d := get()
	var (
		count   [numScripts]int
		words   [numScripts]int
		score   [64]float64
		buf     [64]byte
		n       int // bytes of the current word in buf; -1 when too long
		wordSc  = scNone
		letters int
	)
	flush := func() {
		if wordSc != scNone {
			words[wordSc]++
			if n > 0 {
				w := buf[:n]
				k := uint32(n&15)<<12 | uint32(w[0]&63)<<6 | uint32(w[n-1]&63)
				if d.maybe[k/64]&(1<<(k%64)) != 0 {
					if mask := d.words[string(w)]; mask != 0 {
						add(&score, mask, 1)
					}
				}
			}
		}
		n, wordSc = 0, scNone
	}
	for i := 0; i < len(text); {
		// ASCII, most of the text of the languages that share a script,
		// takes the short way: no decoding, no Unicode tables.
		if c := text[i]; c < 0x80 {
			i++
			if c|0x20 < 'a' || c|0x20 > 'z' {
				flush()
				continue
			}
			count[scLatin]++
			letters++
			if wordSc == scNone {
				wordSc = scLatin
			}
			if n >= 0 {
				if n+1 > len(buf) {
					n = -1
				} else {
					buf[n] = c | 0x20
					n++
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !isWordRune(r) {
			flush()
			continue
		}
		sc := scriptOf(r)
		if sc != scNone {
			count[sc]++
			letters++
			if r >= 0x80 { // no ASCII letter tells a language
				if mask := d.letters[fold(r)]; mask != 0 {
					add(&score, mask, letterWeight)
				}
			}
		}
		if wordSc == scNone {
			wordSc = sc
		}
		if n >= 0 {
			lr := fold(r)
			if n+utf8.RuneLen(lr) > len(buf) {
				n = -1
			} else {
				n += utf8.EncodeRune(buf[n:], lr)
			}
		}
	}
	flush()
	if letters == 0 {
		return ""
	}

	// The dominant script; Han and kana count together.
	cjk := count[scHan] + count[scKana]
	best, bestN := scNone, 0
	for sc := scLatin; sc < numScripts; sc++ {
		c := count[sc]
		if sc == scHan || sc == scKana {
			c = cjk
		}
		if c > bestN {
			best, bestN = sc, c
		}
	}
	if 2*bestN < letters { // no script has half the letters
		return ""
	}
	switch best {
	case scHan, scKana:
		if cjk < minCJK {
			return ""
		}
		// Japanese writes its grammar in kana; Chinese has none.
		if count[scKana]*20 >= cjk && count[scKana] >= 3 {
			return "ja"
		}
		if count[scKana] == 0 {
			return "zh"
		}
		return ""
	case scLatin, scCyrillic, scArabic, scDevanagari:
		return d.decide(best, &score, words[best])
	}
	if bestN < minScriptLetters {
		return ""
	}
	return oneLanguage[best]
}

// add spreads weight w over the languages of mask: a word that many
// languages share says little.
func add(score *[64]float64, mask uint64, w float64) {
	w /= float64(bits.OnesCount64(mask))
	for mask != 0 {
		i := bits.TrailingZeros64(mask)
		score[i] += w
		mask &= mask - 1
	}
}

// decide picks the language of script sc with the best score, when it is
// high enough, dense enough and clearly ahead.
func (d *detector) decide(sc script, score *[64]float64, nWords int) string {
	if nWords < minWords {
		return ""
	}
	first, second := -1, 0.0
	for i, s := range d.script {
		if s != sc {
			continue
		}
		switch {
		case first < 0 || score[i] > score[first]:
			if first >= 0 {
				second = score[first]
			}
			first = i
		case score[i] > second:
			second = score[i]
		}
	}
	if first < 0 {
		return ""
	}
	top := score[first]
	if top < minScore || top < minDensity*float64(nWords) || top < minMargin*second {
		return ""
	}
	return d.tag[first]
}
