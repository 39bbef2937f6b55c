package htmlparse

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textOnly returns the text of data as flat HTML: the text of each block is
// kept in a <p> element of its own, all other markup is left out, and the
// content of scripts, styles and similar elements is dropped. Its parse
// tree is at most html > body > p deep.
func textOnly(data []byte) []byte {
	const (
		content = iota // ordinary text
		skip           // script, style and the like: not text
		rcdata         // title, textarea: entities but no tags
		rawtext        // xmp, plaintext: neither
	)
	z := html.NewTokenizer(bytes.NewReader(data))
	out := make([]byte, 0, len(data)/2+16)
	var scratch [24]byte
	mode := content
	boundary := true
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.TextToken:
			raw := z.Raw()
			switch mode {
			case skip:
			case rcdata:
				out = appendEscaped(out, raw, false)
			case rawtext:
				out = appendEscaped(out, raw, true)
			default:
				out = append(out, raw...)
			}
			if mode != skip {
				boundary = false
			}
			mode = content
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			raw := z.Raw()
			isEnd := raw[1] == '/'
			name := raw[1:]
			if isEnd {
				name = raw[2:]
			}
			_, a := tagName(name, scratch[:0])
			mode = content
			if !isEnd {
				switch a {
				case atom.Script, atom.Style, atom.Noscript, atom.Iframe, atom.Noembed, atom.Noframes:
					mode = skip
				case atom.Title, atom.Textarea:
					mode = rcdata
				case atom.Xmp, atom.Plaintext:
					mode = rawtext
				}
			}
			if !boundary && (htmlFlags(a)&(fClosesP|fTableStruct) != 0 || a == atom.Br) {
				out = append(out, "\n<p>"...)
				boundary = true
			}
		default:
			mode = content
		}
	}
}

// appendEscaped appends raw text so that it reads as text in data state:
// '<' always becomes "&lt;", and '&' becomes "&amp;" if amp is set.
func appendEscaped(out, raw []byte, amp bool) []byte {
	for _, c := range raw {
		switch {
		case c == '<':
			out = append(out, "&lt;"...)
		case c == '&' && amp:
			out = append(out, "&amp;"...)
		default:
			out = append(out, c)
		}
	}
	return out
}
