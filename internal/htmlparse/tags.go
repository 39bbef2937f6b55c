package htmlparse

import "golang.org/x/net/html/atom"

// Tag properties that matter to the HTML tree builder's stack of open
// elements, mirroring golang.org/x/net/html.
const (
	fScope       uint32 = 1 << iota // stops "has an element in scope"
	fListScope                      // also stops list item scope (ol, ul)
	fButtonScope                    // also stops button scope (button)
	fTableScope                     // stops table scope (table, template)
	fSpecial                        // the "special" category
	fADP                            // address, div, p: skipped by <li>/<dd> searches
	fTableStruct                    // table and its structural descendants
	fHeading                        // h1 to h6
	fForeignRoot                    // svg, math
	fIntegration                    // HTML or MathML text integration point
	fMarker                         // pushes a marker on the active formatting list
	fFormatting                     // a formatting element (adoption agency)
	fRawText                        // the tokenizer reads its content as text
	fVoid                           // never has content or an end tag
	fClosesP                        // its start tag closes an open p in button scope
	fBreakout                       // leaves foreign content
)

// htmlFlags returns the properties of the HTML element with atom a.
func htmlFlags(a atom.Atom) uint32 {
	switch a {
	case atom.Applet, atom.Marquee, atom.Object:
		return fScope | fSpecial | fMarker
	case atom.Caption:
		return fScope | fSpecial | fMarker | fTableStruct
	case atom.Td, atom.Th:
		return fScope | fSpecial | fMarker | fTableStruct
	case atom.Table:
		return fScope | fTableScope | fSpecial | fTableStruct | fBreakout
	case atom.Template:
		return fScope | fTableScope | fSpecial | fMarker
	case atom.Select:
		return fScope | fSpecial
	case atom.Html:
		return fScope | fTableScope | fSpecial
	case atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
		return fSpecial | fTableStruct
	case atom.Colgroup:
		return fSpecial | fTableStruct
	case atom.Ol, atom.Ul:
		return fListScope | fSpecial | fClosesP | fBreakout
	case atom.Button:
		return fButtonScope | fSpecial
	case atom.Address:
		return fSpecial | fADP | fClosesP
	case atom.Div, atom.P:
		return fSpecial | fADP | fClosesP | fBreakout
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return fSpecial | fHeading | fClosesP | fBreakout
	case atom.Blockquote, atom.Center, atom.Dl, atom.Menu, atom.Pre, atom.Listing:
		return fSpecial | fClosesP | fBreakout
	case atom.Article, atom.Aside, atom.Details, atom.Dir, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Footer, atom.Header, atom.Hgroup, atom.Main, atom.Nav, atom.Section,
		atom.Summary, atom.Form:
		return fSpecial | fClosesP
	case atom.Dialog, atom.Search:
		return fClosesP
	case atom.Li, atom.Dd, atom.Dt:
		return fSpecial | fClosesP | fBreakout
	case atom.Plaintext, atom.Xmp:
		return fSpecial | fClosesP | fRawText
	case atom.Iframe, atom.Noembed, atom.Noframes, atom.Noscript, atom.Script, atom.Style,
		atom.Textarea, atom.Title:
		return fSpecial | fRawText
	case atom.Hr:
		return fSpecial | fVoid | fClosesP | fBreakout
	case atom.Br, atom.Embed, atom.Img, atom.Meta:
		return fSpecial | fVoid | fBreakout
	case atom.Area, atom.Base, atom.Basefont, atom.Bgsound, atom.Col, atom.Frame, atom.Input,
		atom.Keygen, atom.Link, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return fSpecial | fVoid
	case atom.Image:
		return fVoid // becomes <img>
	case atom.A, atom.Font:
		return fFormatting
	case atom.B, atom.Big, atom.Code, atom.Em, atom.I, atom.Nobr, atom.S, atom.Small,
		atom.Strike, atom.Strong, atom.Tt, atom.U:
		return fFormatting | fBreakout
	case atom.Ruby, atom.Span, atom.Sub, atom.Sup, atom.Var:
		return fBreakout
	case atom.Body, atom.Head:
		return fSpecial | fBreakout
	case atom.Frameset:
		return fSpecial
	case atom.Svg, atom.Math:
		return fForeignRoot
	}
	return 0
}

// foreignFlags returns the properties of an element created inside SVG or
// MathML content.
func foreignFlags(a atom.Atom) uint32 {
	switch a {
	case atom.Svg, atom.Math:
		return fForeignRoot
	case atom.Foreignobject, atom.Desc, atom.Title, atom.Mi, atom.Mo, atom.Mn, atom.Ms,
		atom.Mtext, atom.AnnotationXml:
		return fScope | fSpecial | fIntegration
	}
	return 0
}
