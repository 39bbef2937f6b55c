// Command basic cleans one page, from a file or standard input, and prints
// its title, authors, date and text.
//
//	go run ./basic page.html https://example.com/page
//	curl -s https://example.com/page | go run ./basic - https://example.com/page
package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/boilerfree/cleaner"
)

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "basic:", err)
		os.Exit(1)
	}
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
	c, err := cleaner.New()
	if err != nil {
		return err
	}
	a, err := c.Clean(context.Background(), in, pageURL)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "Title:  ", a.Title)
	fmt.Fprintln(out, "Authors:", a.Authors)
	if !a.Published.IsZero() {
		fmt.Fprintln(out, "Date:   ", a.Published.Format("2006-01-02"))
	}
	fmt.Fprintln(out)
	fmt.Fprintln(out, a.Text)
	return nil
}
