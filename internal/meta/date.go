package meta

import (
	"strconv"
	"strings"
	"time"
)

// maxDateBytes caps the length of a date string; longer inputs are rejected
// before any parsing.
const maxDateBytes = 200

// monthNames maps month names and abbreviations in a few European
// languages to month numbers.
var monthNames = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
	"oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
	// German
	"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "mär": 3, "maerz": 3,
	"mai": 5, "juni": 6, "juli": 7, "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
	// French
	"janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fév": 2, "mars": 3,
	"avril": 4, "avr": 4, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
	"septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
	// Spanish, Portuguese, Italian
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
	"julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
	"noviembre": 11, "diciembre": 12, "janeiro": 1, "fevereiro": 2, "março": 3,
	"maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10,
	"novembro": 11, "dezembro": 12, "gennaio": 1, "febbraio": 2, "aprile": 4,
	"maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9, "ottobre": 10,
	"dicembre": 12,
	// Dutch
	"januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}

func monthByName(w string) (time.Month, bool) {
	m, ok := monthNames[strings.TrimSuffix(w, ".")]
	return m, ok
}

// zoneOffsets maps time-zone abbreviations to their UTC offsets in
// seconds. The US "ET", "CT", "MT", "PT" are taken as standard time.
var zoneOffsets = map[string]int{
	"UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
	"EST": -5 * 3600, "EDT": -4 * 3600, "ET": -5 * 3600,
	"CST": -6 * 3600, "CDT": -5 * 3600, "CT": -6 * 3600,
	"MST": -7 * 3600, "MDT": -6 * 3600, "MT": -7 * 3600,
	"PST": -8 * 3600, "PDT": -7 * 3600, "PT": -8 * 3600,
	"AKST": -9 * 3600, "AKDT": -8 * 3600, "HST": -10 * 3600,
	"AST": -4 * 3600, "ADT": -3 * 3600, "NST": -3*3600 - 1800, "NDT": -2*3600 - 1800,
	"BST": 3600, "IST": 5*3600 + 1800, "CET": 3600, "CEST": 2 * 3600,
	"MEZ": 3600, "MESZ": 2 * 3600, "WEST": 3600, "EET": 2 * 3600, "EEST": 3 * 3600,
	"MSK": 3 * 3600, "JST": 9 * 3600, "KST": 9 * 3600, "HKT": 8 * 3600,
	"SGT": 8 * 3600, "AWST": 8 * 3600, "ACST": 9*3600 + 1800, "AEST": 10 * 3600,
	"AEDT": 11 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600, "BRT": -3 * 3600,
	"ART": -3 * 3600, "WIB": 7 * 3600, "PKT": 5 * 3600, "SAST": 2 * 3600,
}

// dateFillers are words that may surround a date without changing it.
var dateFillers = map[string]bool{
	"at": true, "on": true, "of": true, "the": true, "de": true, "del": true,
	"um": true, "à": true, "a": true, "le": true, "el": true, "am": false,
	"published": true, "updated": true, "posted": true, "uhr": true, "h": true,
	"publié": true, "veröffentlicht": true, "publicado": true, "-": true, "|": true,
	"dated": true, "date": true, "den": true, "der": true, "às": true, "alle": true, "ore": true,
}

// ParseDate parses a date as written in metadata or visible datelines:
// RFC 3339 and ISO 8601 variants ("2024-03-05T10:00:00.000+0100",
// "2024-03-05 10:00:00", "20240305", "2024-03-05"), RFC 1123, RFC 850 and
// ANSI C forms, written dates ("March 5, 2024", "5 March 2024",
// "Mar. 5, 2024 10:30 a.m. EST"), numeric dates ("2024/03/05",
// "05.03.2024") and Unix times in seconds or milliseconds. A zone in the
// input is kept (abbreviations become fixed zones with their usual offset);
// without one the time is in UTC. Inputs longer than 200 bytes are rejected.
func ParseDate(s string) (time.Time, bool) {
	if len(s) > maxDateBytes*2 {
		return time.Time{}, false
	}
	s = normSpace(s)
	if s == "" || len(s) > maxDateBytes {
		return time.Time{}, false
	}
	if isDigits(s) {
		return parseDigitsDate(s)
	}
	if t, ok := parseISO(s); ok {
		return t, true
	}
	return parseWritten(s)
}

// parseDigitsDate handles "20240305", "20240305103000" and Unix times.
func parseDigitsDate(s string) (time.Time, bool) {
	switch len(s) {
	case 8, 14:
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:6])
		d, _ := strconv.Atoi(s[6:8])
		hh, mm, ss := 0, 0, 0
		if len(s) == 14 {
			hh, _ = strconv.Atoi(s[8:10])
			mm, _ = strconv.Atoi(s[10:12])
			ss, _ = strconv.Atoi(s[12:14])
		}
		if t, ok := mkDate(y, m, d, hh, mm, ss, 0, time.UTC); ok {
			return t, true
		}
		if len(s) == 14 {
			return time.Time{}, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	var t time.Time
	switch {
	case len(s) >= 9 && len(s) <= 10:
		t = time.Unix(n, 0).UTC()
	case len(s) >= 12 && len(s) <= 13:
		t = time.UnixMilli(n).UTC()
	default:
		return time.Time{}, false
	}
	if t.Year() < 1971 || t.Year() > 2100 {
		return time.Time{}, false
	}
	return t, true
}

// mkDate validates the fields and builds a time.
func mkDate(y, mo, d, hh, mi, ss, ns int, loc *time.Location) (time.Time, bool) {
	if y < 1000 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
		hh < 0 || hh > 24 || mi < 0 || mi > 59 || ss < 0 || ss > 60 {
		return time.Time{}, false
	}
	if hh == 24 {
		if mi != 0 || ss != 0 {
			return time.Time{}, false
		}
	}
	t := time.Date(y, time.Month(mo), d, hh, mi, ss, ns, loc)
	if hh < 24 && t.Day() != d { // 31 February
		return time.Time{}, false
	}
	return t, true
}

// scanner is a cursor over a date string.
type scanner struct {
	s string
	i int
}

func (c *scanner) eof() bool { return c.i >= len(c.s) }

func (c *scanner) peek() byte {
	if c.eof() {
		return 0
	}
	return c.s[c.i]
}

// num reads between min and max digits.
func (c *scanner) num(min, max int) (int, bool) {
	j := c.i
	for j < len(c.s) && j-c.i < max && c.s[j] >= '0' && c.s[j] <= '9' {
		j++
	}
	if j-c.i < min {
		return 0, false
	}
	v, _ := strconv.Atoi(c.s[c.i:j])
	c.i = j
	return v, true
}

// parseISO handles year-first dates: "2024-03-05", "2024/03/05",
// "2024.03.05", "20240305T1000Z", each optionally followed by a time
// ("T10:00", " 10:00:00.123") and a zone ("Z", "+01:00", "+0100", " UTC",
// " EST").
func parseISO(s string) (time.Time, bool) {
	c := &scanner{s: s}
	y, ok := c.num(4, 4)
	if !ok {
		return time.Time{}, false
	}
	var mo, d int
	switch sep := c.peek(); sep {
	case '-', '/', '.':
		c.i++
		if mo, ok = c.num(1, 2); !ok || c.peek() != sep {
			return time.Time{}, false
		}
		c.i++
		if d, ok = c.num(1, 2); !ok {
			return time.Time{}, false
		}
	default:
		if mo, ok = c.num(2, 2); !ok {
			return time.Time{}, false
		}
		if d, ok = c.num(2, 2); !ok {
			return time.Time{}, false
		}
		if !c.eof() && c.peek() != 'T' && c.peek() != 't' {
			return time.Time{}, false
		}
	}
	hh, mi, ss, ns := 0, 0, 0, 0
	loc := time.UTC
	if !c.eof() {
		switch c.peek() {
		case 'T', 't':
			c.i++
		case ' ':
			c.i++
			if c.peek() < '0' || c.peek() > '9' {
				c.i--
			}
		}
		if p := c.peek(); p >= '0' && p <= '9' {
			var okT bool
			hh, mi, ss, ns, okT = c.clock()
			if !okT {
				return time.Time{}, false
			}
		}
		rest := strings.TrimSpace(c.s[c.i:])
		if rest != "" {
			l, ok := parseZone(rest)
			if !ok {
				return time.Time{}, false
			}
			loc = l
		}
	}
	return mkDate(y, mo, d, hh, mi, ss, ns, loc)
}

// clock reads "10", "10:30", "10:30:15", "10:30:15.123456", "103015".
func (c *scanner) clock() (hh, mi, ss, ns int, ok bool) {
	if hh, ok = c.num(2, 2); !ok {
		if hh, ok = c.num(1, 1); !ok {
			return
		}
	}
	switch c.peek() {
	case ':':
		c.i++
		if mi, ok = c.num(2, 2); !ok {
			return
		}
		if c.peek() == ':' {
			c.i++
			if ss, ok = c.num(2, 2); !ok {
				return
			}
		}
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if mi, ok = c.num(2, 2); !ok {
			return
		}
		if p := c.peek(); p >= '0' && p <= '9' {
			if ss, ok = c.num(2, 2); !ok {
				return
			}
		}
	}
	if p := c.peek(); p == '.' || p == ',' {
		j := c.i + 1
		k := j
		for k < len(c.s) && c.s[k] >= '0' && c.s[k] <= '9' {
			k++
		}
		if k > j {
			frac := c.s[j:k]
			if len(frac) > 9 {
				frac = frac[:9]
			}
			ns, _ = strconv.Atoi(frac + strings.Repeat("0", 9-len(frac)))
			c.i = k
		}
	}
	return hh, mi, ss, ns, true
}

// parseZone reads a zone designator: "Z", "+01:00", "+0100", "+01", "UTC",
// "GMT+2", "UTC+05:30", a known abbreviation, optionally followed by an
// abbreviation in parentheses ("+0100 (CET)").
func parseZone(z string) (*time.Location, bool) {
	z = strings.TrimSpace(z)
	if i := strings.IndexByte(z, '('); i > 0 && strings.HasSuffix(z, ")") {
		z = strings.TrimSpace(z[:i])
	}
	if z == "" {
		return nil, false
	}
	up := strings.ToUpper(z)
	if off, ok := zoneOffsets[up]; ok {
		if off == 0 && (up == "Z" || up == "UTC" || up == "GMT" || up == "UT") {
			return time.UTC, true
		}
		return time.FixedZone(up, off), true
	}
	for _, p := range []string{"UTC", "GMT"} {
		if strings.HasPrefix(up, p) && len(up) > len(p) && (up[len(p)] == '+' || up[len(p)] == '-') {
			up = up[len(p):]
			break
		}
	}
	if up[0] != '+' && up[0] != '-' && !strings.HasPrefix(up, "−") {
		return nil, false
	}
	sign := 1
	if up[0] == '-' || strings.HasPrefix(up, "−") {
		sign = -1
	}
	if strings.HasPrefix(up, "−") {
		up = up[len("−"):]
	} else {
		up = up[1:]
	}
	c := &scanner{s: up}
	h, ok := c.num(1, 2)
	if !ok {
		return nil, false
	}
	m := 0
	if c.peek() == ':' {
		c.i++
	}
	if !c.eof() {
		if m, ok = c.num(2, 2); !ok {
			return nil, false
		}
	}
	if !c.eof() || h > 14 || m > 59 {
		return nil, false
	}
	off := sign * (h*3600 + m*60)
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone("", off), true
}

// parseWritten handles dates written with words or in day-first numeric
// form: "March 5, 2024", "5 March 2024", "Tue, 05 Mar 2024 10:00:00 GMT",
// "Mar. 5, 2024 10:30 a.m. EST", "Tuesday, March 5th, 2024 at 5:00 PM",
// "05.03.2024 10:30", "03/05/2024" (month first unless the first number is
// above 12), "Mon Jan  2 15:04:05 2006", "Monday, 02-Jan-06 15:04:05 MST".
func parseWritten(s string) (time.Time, bool) {
	var (
		y, mo, d       = -1, -1, -1
		hh, mi, ss, ns = -1, 0, 0, 0
		meridiem       = 0 // 1 am, 2 pm
		loc            *time.Location
		loneNums       []int
		sawTime        bool
	)
	fields := strings.Fields(commaSpacer.Replace(s))
	if len(fields) > 16 {
		return time.Time{}, false
	}
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		lf := strings.ToLower(f)
		// am/pm, attached or not: "10:30am", "a.m.", "PM".
		if mer := meridiemOf(lf); mer != 0 {
			meridiem = mer
			continue
		}
		if t := strings.TrimRight(lf, "."); t != lf && meridiemOf(t) != 0 {
			meridiem = meridiemOf(t)
			continue
		}
		// Clock times.
		if strings.Contains(f, ":") && f[0] >= '0' && f[0] <= '9' {
			c := &scanner{s: f}
			h, m, sec, n, ok := c.clock()
			if !ok || sawTime {
				return time.Time{}, false
			}
			sawTime = true
			hh, mi, ss, ns = h, m, sec, n
			rest := strings.ToLower(c.s[c.i:])
			switch {
			case rest == "":
			case meridiemOf(strings.TrimRight(rest, ".")) != 0:
				meridiem = meridiemOf(strings.TrimRight(rest, "."))
			case rest == "h" || rest == "uhr":
			default:
				l, ok := parseZone(c.s[c.i:])
				if !ok {
					return time.Time{}, false
				}
				loc = l
			}
			continue
		}
		// "10h30" (French).
		if k := strings.IndexByte(lf, 'h'); k > 0 && k < len(lf)-1 && isDigits(lf[:k]) && isDigits(lf[k+1:]) && !sawTime {
			h, _ := strconv.Atoi(lf[:k])
			m, _ := strconv.Atoi(lf[k+1:])
			hh, mi, sawTime = h, m, true
			continue
		}
		// Numeric dates: "05.03.2024", "03/05/2024", "05-03-2024", "02-Jan-06".
		if sep := numericSep(f); sep != 0 {
			parts := strings.Split(strings.TrimRight(f, "."), string(sep))
			if len(parts) == 3 && y < 0 {
				if ok := numericDate(parts, sep, &y, &mo, &d); ok {
					continue
				}
			}
			return time.Time{}, false
		}
		// Numbers: years, days ("5", "5.", "5th").
		core := strings.TrimRight(lf, ".")
		core = trimOrdinal(core)
		if isDigits(core) {
			if len(core) == 4 {
				if y >= 0 {
					return time.Time{}, false
				}
				y, _ = strconv.Atoi(core)
				continue
			}
			if len(core) <= 2 {
				v, _ := strconv.Atoi(core)
				loneNums = append(loneNums, v)
				continue
			}
			return time.Time{}, false
		}
		// Zones: "EST", "GMT+1", "+0100", "(CET)".
		if f[0] == '+' || f[0] == '-' && len(f) > 1 || f[0] == '(' || strings.HasPrefix(f, "−") {
			if f[0] == '(' {
				continue
			}
			l, ok := parseZone(f)
			if !ok {
				return time.Time{}, false
			}
			loc = l
			continue
		}
		if l, ok := parseZone(f); ok && strings.ToUpper(f) == f {
			loc = l
			continue
		}
		if m, ok := monthByName(core); ok {
			if mo >= 0 {
				return time.Time{}, false
			}
			mo = int(m)
			continue
		}
		if weekdayWords[core] || weekdayWords[strings.TrimSuffix(core, ".")] || foreignWeekday(core) {
			continue
		}
		if dateFillers[strings.TrimRight(core, ":")] || strings.Trim(core, "-|/·•:") == "" {
			continue
		}
		return time.Time{}, false
	}
	// Assign lone numbers: day first, then a two-digit year if needed.
	for _, v := range loneNums {
		switch {
		case d < 0 && v >= 1 && v <= 31:
			d = v
		case y < 0:
			y = twoDigitYear(v)
		default:
			return time.Time{}, false
		}
	}
	if y < 0 || mo < 0 || d < 0 {
		return time.Time{}, false
	}
	if hh < 0 {
		hh, meridiem = 0, 0 // "am" without a time is the German "am 5. März"
	}
	switch meridiem {
	case 1:
		if hh == 12 {
			hh = 0
		} else if hh > 12 {
			return time.Time{}, false
		}
	case 2:
		if hh < 12 {
			hh += 12
		} else if hh > 12 {
			return time.Time{}, false
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	return mkDate(y, mo, d, hh, mi, ss, ns, loc)
}

func meridiemOf(w string) int {
	switch w {
	case "am", "a.m.", "a.m", "vorm.":
		return 1
	case "pm", "p.m.", "p.m", "nachm.":
		return 2
	}
	return 0
}

func trimOrdinal(w string) string {
	for _, suf := range []string{"st", "nd", "rd", "th", "er", "º", "°"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) && isDigits(w[:len(w)-len(suf)]) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// numericSep returns the separator of a numeric date token such as
// "05.03.2024", or 0.
func numericSep(f string) byte {
	f = strings.TrimRight(f, ".")
	for _, sep := range []byte{'.', '/', '-'} {
		if strings.Count(f, string(sep)) == 2 {
			return sep
		}
	}
	return 0
}

// numericDate reads day-first (dots and dashes) or month-first (slashes)
// numeric dates, and "02-Jan-06".
func numericDate(parts []string, sep byte, y, mo, d *int) bool {
	a, b, c := parts[0], parts[1], parts[2]
	if m, ok := monthByName(strings.ToLower(b)); ok && isDigits(a) && isDigits(c) {
		dv, _ := strconv.Atoi(a)
		yv, _ := strconv.Atoi(c)
		if len(c) == 2 {
			yv = twoDigitYear(yv)
		}
		*y, *mo, *d = yv, int(m), dv
		return true
	}
	if !isDigits(a) || !isDigits(b) || !isDigits(c) {
		return false
	}
	if len(a) == 4 && len(b) <= 2 && len(c) <= 2 { // 2024-03-05, 2024/3/5
		*y, _ = strconv.Atoi(a)
		*mo, _ = strconv.Atoi(b)
		*d, _ = strconv.Atoi(c)
		return true
	}
	if len(a) > 2 || len(b) > 2 || (len(c) != 4 && len(c) != 2) {
		return false
	}
	av, _ := strconv.Atoi(a)
	bv, _ := strconv.Atoi(b)
	yv, _ := strconv.Atoi(c)
	if len(c) == 2 {
		yv = twoDigitYear(yv)
	}
	day, month := av, bv
	if sep == '/' && av <= 12 && bv <= 31 {
		day, month = bv, av
	}
	*y, *mo, *d = yv, month, day
	return true
}

var foreignWeekdays = map[string]bool{
	"montag": true, "dienstag": true, "mittwoch": true, "donnerstag": true,
	"freitag": true, "samstag": true, "sonntag": true, "lundi": true, "mardi": true,
	"mercredi": true, "jeudi": true, "vendredi": true, "samedi": true,
	"dimanche": true, "lunes": true, "martes": true, "miércoles": true,
	"jueves": true, "viernes": true, "sábado": true, "domingo": true,
}

func foreignWeekday(w string) bool { return foreignWeekdays[w] }

// twoDigitYear expands a two-digit year: 00–69 are 2000–2069, 70–99 are
// 1970–1999.
func twoDigitYear(v int) int {
	if v < 70 {
		return 2000 + v
	}
	return 1900 + v
}

// commaSpacer turns commas into spaces. A Replacer is safe for concurrent
// use; built once.
var commaSpacer = strings.NewReplacer(",", " ", "，", " ")
