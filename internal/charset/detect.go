package charset

//go:generate go run gen_common.go

import (
	"errors"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/transform"
)

// profile is the kind of text a candidate encoding is expected to produce.
type profile uint8

const (
	profLatin profile = iota
	profCyrillic
	profJapanese
	profChinese
	profKorean
)

// candidate is an encoding the fallback detector may choose.
type candidate struct {
	name string
	enc  encoding.Encoding
	prof profile
}

// candidates returns the detector's encodings. On equal scores the earlier
// one wins, so windows-1252, the web's default legacy encoding, comes first.
func candidates() [8]candidate {
	return [8]candidate{
		{"windows-1252", charmap.Windows1252, profLatin},
		{"windows-1251", charmap.Windows1251, profCyrillic},
		{"koi8-r", charmap.KOI8R, profCyrillic},
		{"shift_jis", japanese.ShiftJIS, profJapanese},
		{"euc-jp", japanese.EUCJP, profJapanese},
		{"gb18030", simplifiedchinese.GB18030, profChinese},
		{"big5", traditionalchinese.Big5, profChinese},
		{"euc-kr", korean.EUCKR, profKorean},
	}
}

// detect decodes data, which is not valid UTF-8 and has no usable
// declaration (or a UTF-8 declaration that the bytes contradict), by
// guessing its encoding from a sample.
//
// The sample is condensed from the document (see condense) so that markup
// costs nothing. UTF-8 with a few stray bytes is kept as UTF-8 (the stray
// bytes become U+FFFD). Otherwise each candidate decodes the sample into a
// small fixed-size buffer and the decoded runes are scored for
// plausibility: decoding errors and control characters cost a lot, letters
// of the candidate's expected script earn points, and a few context rules
// catch typical mojibake (runs of accented Latin letters, case flips inside
// Cyrillic words, ideographs glued to ASCII letters). Frequent Han and
// Hangul characters earn more than rare ones. The work is linear and the
// only allocations are the decoders and the final output.
func detect(data []byte, st stats, declaredUTF8 bool) ([]byte, string) {
	var sampleBuf [condensedLimit]byte
	sample, atEOF := condense(data[st.firstHigh:], sampleBuf[:])

	if looksUTF8(sample, declaredUTF8) {
		return sanitize(data, false), nameUTF8
	}

	var buf [4096]byte
	best, bestScore := -1, 0
	cands := candidates()
	for i := range cands {
		score := scoreCandidate(cands[i], sample, atEOF, buf[:])
		if best < 0 || score > bestScore {
			best, bestScore = i, score
		}
	}
	c := cands[best]
	return decodeWith(c.enc, data), c.name
}

// condensedLimit is the size of the detector's condensed sample.
const condensedLimit = 8 << 10

// condense copies data into buf, shortening every run of ASCII bytes longer
// than two to its first and last byte, until buf is full or sampleLimit
// bytes of data have been examined. It reports whether all of data was
// consumed.
//
// Every non-ASCII byte keeps its immediate neighbours, which is all the
// context the scorer looks at and all that multi-byte decoders need (a
// Shift_JIS, GBK or Big5 trail byte may be ASCII, but it directly follows
// its lead byte).
func condense(data, buf []byte) ([]byte, bool) {
	out := buf[:0]
	limit := len(buf) - 2
	i := 0
	for i < len(data) && i < sampleLimit && len(out) < limit {
		if data[i] >= utf8.RuneSelf {
			out = append(out, data[i])
			i++
			continue
		}
		j := i + firstNonASCII(data[i:])
		if j-i <= 2 {
			out = append(out, data[i:j]...)
		} else {
			out = append(out, data[i], data[j-1])
		}
		i = j
	}
	return out, i == len(data)
}

// looksUTF8 reports whether sample is mostly UTF-8: its valid multi-byte
// sequences clearly outnumber its invalid bytes. Legacy multi-byte text
// forms valid UTF-8 sequences only by accident, a minority of the time;
// single-byte text almost never.
func looksUTF8(sample []byte, declared bool) bool {
	var valid, invalid int
	for i := 0; i < len(sample); {
		if sample[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	if declared {
		return valid >= 2*invalid && valid > 0
	}
	return valid >= 8*invalid && valid > 0
}

// scoreCandidate decodes sample with c and returns the plausibility score of
// the result. buf is scratch space for the decoded text.
func scoreCandidate(c candidate, sample []byte, atEOF bool, buf []byte) int {
	dec := c.enc.NewDecoder()
	s := scorer{prof: c.prof, prev: clASCIIOther}
	src := sample
	for len(src) > 0 {
		nDst, nSrc, err := dec.Transform(buf, src, atEOF)
		s.feed(buf[:nDst])
		src = src[nSrc:]
		if errors.Is(err, transform.ErrShortDst) && (nDst > 0 || nSrc > 0) {
			continue
		}
		// Done, or an incomplete sequence cut off at the sample's end,
		// or an error the WHATWG decoders do not produce.
		break
	}
	return s.score
}

// class is the coarse category of a decoded rune.
type class uint8

const (
	clASCIIOther class = iota
	clASCIILetter
	clBad // U+FFFD, control characters, private use
	clLatinLetter
	clPunct  // typographic punctuation common in Western text
	clSymbol // other Latin-1 symbols, typical of mojibake
	clCyrLower
	clCyrUpper
	clKana
	clHalfKana
	clCJKPunct
	clFullwidth
	clHanCommon
	clHan
	clHanRare
	clHangulCommon
	clHangul
	clJamo
	clOther
)

// isScriptLetter reports whether cl is a letter of a non-Latin script.
func isScriptLetter(cl class) bool {
	switch cl {
	case clCyrLower, clCyrUpper, clKana, clHalfKana, clHanCommon, clHan, clHanRare,
		clHangulCommon, clHangul:
		return true
	}
	return false
}

// scorer accumulates the plausibility score of decoded text.
type scorer struct {
	prof     profile
	prev     class
	prevRune rune
	consRun  int // Cyrillic consonants in a row
	score    int
}

// feed scores the runes of p, which holds whole runes.
func (s *scorer) feed(p []byte) {
	for i := 0; i < len(p); {
		c := p[i]
		if c < utf8.RuneSelf && c >= 0x20 {
			// Printable ASCII: only its letter-ness matters.
			cl := clASCIIOther
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				cl = clASCIILetter
				if isScriptLetter(s.prev) {
					s.score -= 2
				}
			}
			s.prev = cl
			s.prevRune = rune(c)
			s.consRun = 0
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(p[i:])
		}
		i += size
		cl := classify(r)
		s.score += weight(s.prof, cl, s.prev) + s.context(r, cl)
		s.prev = cl
		s.prevRune = r
	}
}

// context scores language-specific rune sequences that the classes cannot
// express.
func (s *scorer) context(r rune, cl class) int {
	switch s.prof {
	case profCyrillic:
		if cl != clCyrLower && cl != clCyrUpper {
			s.consRun = 0
			return 0
		}
		f := cyrFrequency(r)
		if isCyrVowel(r) {
			s.consRun = 0
			return f
		}
		s.consRun++
		if s.consRun >= 3 {
			// Three or more consonants in a row are uncommon in
			// Russian and Ukrainian but typical of misdecoded bytes.
			return f - 4
		}
		return f
	case profJapanese:
		switch r {
		case 'ゃ', 'ゅ', 'ょ', 'ャ', 'ュ', 'ョ':
			if !smallYaCanFollow(s.prevRune) {
				return -12
			}
		}
	}
	return 0
}

// cyrFrequency scores Cyrillic letter r by how frequent it is in Russian
// and Ukrainian text, ignoring case.
func cyrFrequency(r rune) int {
	switch r {
	case 'о', 'е', 'а', 'и', 'н', 'т', 'с', 'р', 'в', 'л',
		'О', 'Е', 'А', 'И', 'Н', 'Т', 'С', 'Р', 'В', 'Л':
		return 4
	case 'к', 'м', 'д', 'п', 'у', 'я', 'ы', 'ь', 'г', 'з', 'б', 'ч', 'й', 'і', 'ї', 'є', 'ґ',
		'К', 'М', 'Д', 'П', 'У', 'Я', 'Ы', 'Ь', 'Г', 'З', 'Б', 'Ч', 'Й', 'І', 'Ї', 'Є', 'Ґ':
		return 2
	case 'х', 'ж', 'ш', 'ю', 'ц', 'щ', 'э', 'ф', 'ъ', 'ё',
		'Х', 'Ж', 'Ш', 'Ю', 'Ц', 'Щ', 'Э', 'Ф', 'Ъ', 'Ё':
		return 1
	}
	return -1 // letters of other Cyrillic alphabets, rare on such pages
}

// isCyrVowel reports whether r is a Russian, Ukrainian or Belarusian vowel.
func isCyrVowel(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є',
		'А', 'Е', 'Ё', 'И', 'О', 'У', 'Ы', 'Э', 'Ю', 'Я', 'І', 'Ї', 'Є':
		return true
	}
	return false
}

// smallYaCanFollow reports whether a small ya, yu or yo may follow kana r.
func smallYaCanFollow(r rune) bool {
	switch r {
	case 'き', 'ぎ', 'し', 'じ', 'ち', 'ぢ', 'に', 'ひ', 'び', 'ぴ', 'み', 'り',
		'キ', 'ギ', 'シ', 'ジ', 'チ', 'ヂ', 'ニ', 'ヒ', 'ビ', 'ピ', 'ミ', 'リ',
		'テ', 'デ', 'フ', 'ヴ':
		return true
	}
	return false
}

// classify returns the class of r.
func classify(r rune) class {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return clASCIILetter
		}
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != 0 {
			return clBad
		}
		return clASCIIOther
	case r == utf8.RuneError, r < 0xA0, 0xE000 <= r && r <= 0xF8FF, r >= 0xF0000:
		return clBad
	case r < 0x100:
		switch r {
		case 0xA0, 0xA3, 0xA7, 0xA9, 0xAB, 0xAE, 0xB0, 0xB7, 0xBB, 0xBF, 0xA1:
			return clPunct
		case 0xD7, 0xF7:
			return clSymbol
		}
		if r >= 0xC0 {
			return clLatinLetter
		}
		return clSymbol
	case r < 0x250:
		return clLatinLetter
	case 0x400 <= r && r < 0x530:
		switch {
		case r < 0x430:
			return clCyrUpper
		case r < 0x460:
			return clCyrLower
		case r >= 0x482 && r < 0x48A:
			return clOther // signs and combining marks
		case r&1 == 0:
			return clCyrUpper // the extended range alternates upper, lower
		}
		return clCyrLower
	case 0x2000 <= r && r < 0x2200:
		switch r {
		case 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x201E, 0x2022, 0x2026,
			0x20AC, 0x2116, 0x2122:
			return clPunct
		}
		return clSymbol
	case 0x3000 <= r && r < 0x3040:
		return clCJKPunct
	case 0x3040 <= r && r < 0x3100, 0x31F0 <= r && r < 0x3200:
		return clKana
	case 0x3130 <= r && r < 0x3190, 0x1100 <= r && r < 0x1200:
		return clJamo
	case 0x4E00 <= r && r < 0xA000:
		if commonHan(r) {
			return clHanCommon
		}
		return clHan
	case 0x3400 <= r && r < 0x4DC0, 0xF900 <= r && r < 0xFB00, r >= 0x20000:
		return clHanRare
	case 0xAC00 <= r && r < 0xD7A4:
		if commonHangul(r) {
			return clHangulCommon
		}
		return clHangul
	case 0xFF01 <= r && r < 0xFF61, 0xFFE0 <= r && r < 0xFFEF:
		return clFullwidth
	case 0xFF61 <= r && r < 0xFFA0:
		return clHalfKana
	}
	return clOther
}

// weight scores a rune of class cl following a rune of class prev, for text
// expected to be of kind prof. Positive means plausible.
func weight(prof profile, cl, prev class) int {
	switch cl {
	case clASCIIOther:
		return 0
	case clBad:
		return -20
	case clASCIILetter:
		// A non-Latin letter glued to a following ASCII letter is a
		// typical artifact of decoding Latin text with the wrong
		// encoding.
		if isScriptLetter(prev) {
			return -2
		}
		return 0
	}

	switch prof {
	case profLatin:
		switch cl {
		case clLatinLetter:
			// Accented letters sit among ASCII letters; runs of them are
			// mojibake (or text in another script).
			if prev == clLatinLetter {
				return -2
			}
			return 4
		case clPunct:
			return 2
		case clSymbol:
			return -2
		}
		return -4

	case profCyrillic:
		// The letters themselves are scored by frequency in context;
		// here only case and neighbourhood count.
		if prev == clASCIILetter && (cl == clCyrLower || cl == clCyrUpper) {
			return -4
		}
		switch cl {
		case clCyrLower:
			return 1 // running text is mostly lower case
		case clCyrUpper:
			if prev == clCyrLower {
				return -4 // case flip inside a word
			}
			return 0
		case clPunct:
			return 2
		case clSymbol, clLatinLetter:
			return -2
		}
		return -4
	}

	// CJK profiles. A character takes two bytes, which a single-byte
	// candidate would turn into two letters, so the rewards are about
	// twice the single-byte ones.
	penalty := 0
	if prev == clASCIILetter && isScriptLetter(cl) {
		penalty = -2
	}
	var w int
	switch prof {
	case profJapanese:
		switch cl {
		case clKana:
			w = 10
		case clHanCommon:
			w = 8
		case clCJKPunct:
			w = 6
		case clFullwidth:
			w = 3
		case clHan:
			w = 2
		case clHalfKana:
			w = 1
		case clPunct:
			w = 0
		case clHangul, clHangulCommon, clJamo:
			w = -4
		case clOther:
			w = -1
		default:
			w = -2
		}
	case profChinese:
		switch cl {
		case clHanCommon:
			w = 10
		case clCJKPunct:
			w = 6
		case clFullwidth:
			w = 3
		case clHan:
			w = 2
		case clPunct:
			w = 1
		case clHalfKana, clHangul, clHangulCommon, clJamo:
			w = -4
		case clOther:
			w = -1
		default:
			w = -2
		}
	case profKorean:
		switch cl {
		case clHangulCommon:
			w = 10
		case clHangul, clCJKPunct, clFullwidth:
			w = 3
		case clHanCommon:
			w = 2
		case clHan, clPunct:
			w = 0
		case clHalfKana:
			w = -4
		case clJamo, clOther:
			w = -1
		default:
			w = -2
		}
	}
	return w + penalty
}
