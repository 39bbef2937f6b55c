// Command rules shows how to steer the rules: it disables a default rule,
// adds a rule for one host, and prints the trace of what each rule removed.
//
//	go run ./rules page.html https://example.com/page
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/boilerfree/cleaner"
	"golang.org/x/net/html"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "rules:", err)
		os.Exit(1)
	}
}

// sponsorNote is a custom rule: it drops paragraphs that start with
// "Sponsored:". Rules see the page's elements one by one and return true
// to remove one.
var sponsorNote = cleaner.Rule{
	ID:          "sponsor-notes",
	Phase:       cleaner.PhaseRefine,
	Description: "paragraph marked as sponsored",
	Match: func(p *cleaner.Page, n *html.Node) bool {
		return n.Data == "p" && strings.HasPrefix(p.Text(n), "Sponsored:")
	},
}

func run(args []string, stdin io.Reader, out io.Writer) error {
	in, pageURL := stdin, ""
	if len(args) > 0 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	if len(args) > 1 {
		pageURL = args[1]
	}
	c, err := cleaner.New(
		cleaner.WithTrace(true),
		// Keep image captions even when they repeat.
		cleaner.WithoutRules("duplicate-paragraphs"),
		// Our own rule, right after the default byline rule.
		cleaner.WithRule(sponsorNote, cleaner.After("bylines")),
		// One host gets an extra selector to drop.
		cleaner.WithHost("example.com", cleaner.Host{Remove: []string{".newsletter-box", "#promo"}}),
	)
	if err != nil {
		return err
	}
	a, err := c.Clean(context.Background(), in, pageURL)
	if err != nil {
		return err
	}
	for _, r := range a.Removed {
		fmt.Fprintf(out, "%-20s %-7s %s\n", r.Rule, r.Phase, r.Text)
	}
	fmt.Fprintln(out, "---")
	fmt.Fprintln(out, a.Text)
	return nil
}
