package cleaner_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/boilerfree/cleaner"
)

const examplePage = `<!doctype html>
<html lang="en"><head>
<title>Rivers return to the valley | The Valley Times</title>
<meta property="og:site_name" content="The Valley Times">
<meta name="author" content="Ana Lima">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Rivers return to the valley</h1>
<ul class="share"><li><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a></li><li><a href="https://twitter.com/intent/tweet?url=x">Twitter</a></li></ul>
<p>After three dry summers, the rivers of the valley are running again, and the farmers who stayed are planting for the first time in years.</p>
<p>The water came back slowly, first as a trickle in the spring and then, after the autumn storms, as a steady flow that filled the old channels.</p>
</article>
<aside><h2>Most Read</h2><ol><li><a href="/a">Storm closes the pass</a></li><li><a href="/b">Market prices rise</a></li></ol></aside>
</body></html>`

// Clean a page from its HTML bytes.
func ExampleCleaner_Clean() {
	c, err := cleaner.New()
	if err != nil {
		panic(err)
	}
	a, err := c.Clean(context.Background(), strings.NewReader(examplePage), "https://valley.example/news/rivers")
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Title)
	fmt.Println(a.Authors)
	fmt.Println(a.Text)
	// Output:
	// Rivers return to the valley
	// [Ana Lima]
	// After three dry summers, the rivers of the valley are running again, and the farmers who stayed are planting for the first time in years.
	//
	// The water came back slowly, first as a trickle in the spring and then, after the autumn storms, as a steady flow that filled the old channels.
}

// Clean text that a scraper already extracted, widgets and all.
func ExampleCleaner_CleanText() {
	c, err := cleaner.New()
	if err != nil {
		panic(err)
	}
	text := `Settings
Rivers return to the valley
Facebook share button
Twitter share button
By Ana Lima
After three dry summers, the rivers of the valley are running again.
The water came back slowly, first as a trickle in the spring.
X
CLOSE
go top`
	a, err := c.CleanText(context.Background(), text)
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Title)
	fmt.Println(a.Authors)
	fmt.Println(a.Text)
	// Output:
	// Rivers return to the valley
	// [Ana Lima]
	// After three dry summers, the rivers of the valley are running again.
	//
	// The water came back slowly, first as a trickle in the spring.
}

// Turn the trace on to see which rule removed what.
func ExampleWithTrace() {
	c, err := cleaner.New(cleaner.WithTrace(true))
	if err != nil {
		panic(err)
	}
	a, err := c.Clean(context.Background(), strings.NewReader(examplePage), "")
	if err != nil {
		panic(err)
	}
	for _, r := range a.Removed {
		fmt.Printf("%s: %s\n", r.Rule, r.Text)
	}
	// Output:
	// navigation: Home News Sport
	// share-buttons: Facebook Twitter
	// sidebars: Most Read Storm closes the pass Market prices rise
	// title-heading: Rivers return to the valley
}

// Disable a default rule, and drop an element by CSS selector on one host.
func ExampleWithHost() {
	c, err := cleaner.New(
		cleaner.WithoutRules("title-heading"),
		cleaner.WithHost("valley.example", cleaner.Host{Remove: []string{"article p:first-of-type"}}),
	)
	if err != nil {
		panic(err)
	}
	a, err := c.Clean(context.Background(), strings.NewReader(examplePage), "https://www.valley.example/news/rivers")
	if err != nil {
		panic(err)
	}
	fmt.Println(a.Text)
	// Output:
	// Rivers return to the valley
	//
	// The water came back slowly, first as a trickle in the spring and then, after the autumn storms, as a steady flow that filled the old channels.
}

// A bad selector is an error at New, not a silent no-op later.
func ExampleNew_invalidSelector() {
	_, err := cleaner.New(cleaner.WithRemove("div[unclosed"))
	fmt.Println(err != nil)
	// Output:
	// true
}

// Render an article as Markdown: headings, lists, code, links and emphasis
// are kept; text that looks like markup stays text.
func ExampleArticle_Markdown() {
	page := `<html><head><title>Notes on bread</title></head><body>
<nav><a href="/">Home</a> <a href="/recipes">Recipes</a></nav>
<article><h1>Notes on bread</h1>
<p>Good bread needs <em>time</em>, <strong>heat</strong> and a lively <a href="/starter">starter</a>, more than it needs any special flour or equipment.</p>
<h2>Steps</h2>
<ol><li>Mix the flour, water and starter.</li><li>Let the dough rise overnight.</li></ol>
<pre><code class="language-text">flour 500 g
water 350 g</code></pre>
<p>Text that looks like markup, such as *this* or &lt;b&gt;, stays text in the Markdown.</p>
</article></body></html>`
	c, err := cleaner.New()
	if err != nil {
		panic(err)
	}
	a, err := c.Clean(context.Background(), strings.NewReader(page), "https://bakery.example/notes/bread")
	if err != nil {
		panic(err)
	}
	fmt.Print(a.Markdown())
	// Output:
	// Good bread needs *time*, **heat** and a lively [starter](https://bakery.example/starter), more than it needs any special flour or equipment.
	//
	// ## Steps
	//
	// 1. Mix the flour, water and starter.
	// 2. Let the dough rise overnight.
	//
	// ```text
	// flour 500 g
	// water 350 g
	// ```
	//
	// Text that looks like markup, such as \*this\* or \<b>, stays text in the Markdown.
}

// Reader comments come back one by one, apart from the article's text.
func ExampleComment() {
	page := strings.Replace(examplePage, "</article>", `</article>
<ol class="comment-list">
<li class="comment"><cite class="fn">Rui</cite> <time datetime="2024-05-02T08:00:00Z">May 2</time><p>My grandfather farmed there. Good news at last.</p>
 <ol class="children"><li class="comment"><cite class="fn">Ana Lima</cite><p>Thank you for reading, Rui.</p></li></ol></li>
<li class="comment"><cite class="fn">Mo</cite><p>Will the dam be rebuilt?</p></li>
</ol>`, 1)
	c, err := cleaner.New()
	if err != nil {
		panic(err)
	}
	a, err := c.Clean(context.Background(), strings.NewReader(page), "https://valley.example/news/rivers")
	if err != nil {
		panic(err)
	}
	for _, cm := range a.Comments {
		fmt.Printf("%s%s: %s\n", strings.Repeat("  ", cm.Depth), cm.Author, cm.Text)
	}
	fmt.Println(strings.Contains(a.Text, "grandfather"))
	// Output:
	// Rui: My grandfather farmed there. Good news at last.
	//   Ana Lima: Thank you for reading, Rui.
	// Mo: Will the dam be rebuilt?
	// false
}
