// Package assets holds the files bundled into the Claimdesk binary: the
// application icon and the sample articles of the default project.
package assets

import (
	_ "embed"
)

// Icon is Claimdesk's application icon (PNG, 256×256).
//
//go:embed icon.png
var Icon []byte

//go:embed sample.txt
var sample1 string

//go:embed sample-2.txt
var sample2 string

// Article is a bundled sample article.
type Article struct {
	Name string // file name, used as the document's source
	Text string
}

// SampleArticles returns the articles of the default project, in order.
func SampleArticles() []Article {
	return []Article{
		{Name: "sample.txt", Text: sample1},
		{Name: "sample-2.txt", Text: sample2},
	}
}
