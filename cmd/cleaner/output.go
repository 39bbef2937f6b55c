package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/boilerfree/cleaner"
)

// output writes the results, one at a time and in input order. It is only
// used by one goroutine.
type output interface {
	write(r *result) error
	flush() error
}

func newOutput(format string, stdout, stderr io.Writer, pageURL string, trace, multi bool) output {
	w := bufio.NewWriterSize(stdout, 64<<10)
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return &jsonOutput{w: w, enc: enc, url: pageURL, trace: trace}
	case "markdown", "markdown+metadata", "html":
		return &textOutput{w: w, stderr: stderr, trace: trace, multi: multi, render: renderer(format)}
	}
	return &textOutput{w: w, stderr: stderr, trace: trace, multi: multi}
}

// renderer returns how --format markdown and html write an article: the
// title as a first-level heading, then the body (Article.Markdown or
// Article.HTML); with --with-metadata ("markdown+metadata"), a YAML front
// matter with the metadata, then the body.
func renderer(format string) func(a *cleaner.Article) string {
	heading := func(a *cleaner.Article) *cleaner.Article {
		return &cleaner.Article{Blocks: []cleaner.Block{{Kind: cleaner.Heading, Level: 1, Text: oneLine(a.Title)}}}
	}
	switch format {
	case "markdown+metadata":
		return (*cleaner.Article).MarkdownWithFrontMatter
	case "html":
		return func(a *cleaner.Article) string { return heading(a).HTML() + a.HTML() }
	}
	return func(a *cleaner.Article) string {
		body := a.Markdown()
		if h := heading(a).Markdown(); h != "" && body != "" {
			return h + "\n" + body
		} else if h != "" {
			return h
		}
		return body
	}
}

// errorText is the message of a failed input, without the "cleaner: "
// prefix of the library's errors nor the path the message is shown with.
func errorText(in input, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == in.path {
		return pe.Err.Error()
	}
	return strings.TrimPrefix(err.Error(), "cleaner: ")
}

// textOutput writes each article as its title line, a blank line and its
// text. With several inputs, each article starts with "==> SOURCE <==" and
// articles are separated by a blank line. Errors, truncation warnings and
// the trace go to stderr.
type textOutput struct {
	w      *bufio.Writer
	stderr io.Writer
	trace  bool
	multi  bool
	n      int                             // articles written
	render func(a *cleaner.Article) string // --format markdown or html: the article, in place of title and text
}

// label names a result in the text output: the input, and for a page of a
// WARC input, its URI.
func label(r *result) string {
	if r.page == nil {
		return r.in.name
	}
	if r.page.uri == "" {
		return fmt.Sprintf("%s (record at offset %d)", r.in.name, r.page.offset)
	}
	return r.in.name + " " + r.page.uri
}

// errorLabel names a failed result: the input, and for a record of a WARC
// input, its offset, ID and URI when known.
func errorLabel(r *result) string {
	p := r.page
	if p == nil {
		return r.in.name
	}
	s := fmt.Sprintf("%s: record at offset %d", r.in.name, p.offset)
	for _, v := range []string{p.id, p.uri} {
		if v != "" {
			s += " " + v
		}
	}
	return s
}

func (o *textOutput) write(r *result) error {
	name := label(r)
	if r.err != nil {
		fmt.Fprintf(o.stderr, "cleaner: %s: %s\n", errorLabel(r), errorText(r.in, r.err))
		return nil
	}
	a := r.art
	if o.trace {
		for _, rm := range a.Removed {
			fmt.Fprintf(o.stderr, "%s: [%s] %s: %s\n", name, rm.Rule, rm.Reason, rm.Text)
		}
	}
	if r.truncated {
		fmt.Fprintf(o.stderr, "cleaner: %s: input truncated: longer than --max-bytes\n", name)
	}
	if o.multi || r.page != nil {
		if o.n > 0 {
			o.w.WriteByte('\n')
		}
		fmt.Fprintf(o.w, "==> %s <==\n", name)
	}
	o.n++
	if o.render != nil {
		o.w.WriteString(o.render(a))
		return o.w.Flush()
	}
	o.w.WriteString(oneLine(a.Title))
	o.w.WriteString("\n\n")
	if text := strings.TrimRight(a.Text, "\n"); text != "" {
		o.w.WriteString(text)
		o.w.WriteByte('\n')
	}
	return o.w.Flush()
}

func (o *textOutput) flush() error { return o.w.Flush() }

// oneLine joins the lines of s with spaces, so that a title is one line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// record is one line of --format json: the library's ArticleJSON, with the
// input it came from. Its field names are the command's interface: change
// them only with care.
type record struct {
	Source       string `json:"source"`
	WARCRecordID string `json:"warc_record_id,omitempty"`
	WARCOffset   *int64 `json:"warc_offset,omitempty"` // set for every record of a WARC input
	Fetched      string `json:"fetched,omitempty"`

	cleaner.ArticleJSON        // url is the article's canonical URL, or a WARC record's URI
	Error               string `json:"error,omitempty"`
}

// removal is one entry of the trace in a record.
type removal = cleaner.RemovalJSON

// newRecord builds the JSON record of a result. Lists are never null. A
// failed input has only its source, the --url given, the error, and the
// truncated flag when the input was cut before it failed.
//
// A page of a WARC input also has its record's ID, offset, URI (as url, in
// place of the article's canonical URL) and date; a failed record has as
// many of them as could be read.
func newRecord(r *result, pageURL string, trace bool) record {
	rec := record{Source: r.in.name}
	rec.URL = pageURL
	rec.Authors, rec.Tags, rec.Categories, rec.Blocks = []string{}, []string{}, []string{}, []cleaner.BlockJSON{}
	if p := r.page; p != nil {
		off := p.offset
		rec.WARCRecordID, rec.WARCOffset, rec.Fetched = p.id, &off, warcDate(p.date)
	}
	if r.err != nil {
		rec.Error = errorText(r.in, r.err)
		rec.Truncated = r.truncated
		if r.page != nil {
			rec.URL = r.page.uri
		}
		return rec
	}
	a := r.art
	rec.ArticleJSON = cleaner.NewArticleJSON(a)
	if r.page != nil {
		rec.URL = r.page.uri
		rec.Hostname = ""
		if u, err := url.Parse(r.page.uri); err == nil {
			rec.Hostname = strings.ToLower(u.Hostname())
		}
	}
	rec.Truncated = a.Truncated || r.truncated
	rec.Removed = nil
	if trace {
		rm := make([]removal, 0, len(a.Removed))
		for _, x := range a.Removed {
			rm = append(rm, removal{Rule: x.Rule, Phase: x.Phase.String(), Text: x.Text, Reason: x.Reason})
		}
		rec.Removed = &rm
	}
	return rec
}

// warcDate returns a WARC-Date in RFC 3339, or "" when it is not a date.
// WARC/1.0 and 1.1 dates are RFC 3339 already (1.1 allows fractions of a
// second); older WARC files have 14-digit timestamps.
func warcDate(s string) string {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC().Format(time.RFC3339Nano)
	}
	if t, err := time.Parse("20060102150405", s); err == nil {
		return t.Format(time.RFC3339)
	}
	return ""
}

// jsonOutput writes one JSON object a line for each input.
type jsonOutput struct {
	w     *bufio.Writer
	enc   *json.Encoder
	url   string // --url, for the records of failed inputs
	trace bool
}

func (o *jsonOutput) write(r *result) error {
	if err := o.enc.Encode(newRecord(r, o.url, o.trace)); err != nil {
		return err
	}
	return o.w.Flush()
}

func (o *jsonOutput) flush() error { return o.w.Flush() }
