package format

import (
	"os"
	"strings"
	"testing"

	"claimdesk/annotate"
)

func TestReadFileHTML(t *testing.T) {
	data, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := ReadFile("testdata/article.html", data)
	if err != nil {
		t.Fatal(err)
	}
	d := recs[0].Document
	if d.Title != "China offers to help Iraq defeat extremists" {
		t.Errorf("title %q", d.Title)
	}
	if d.Source != "https://news.example.com/world/china-iraq" || d.Meta["url"] != d.Source {
		t.Errorf("source %q meta %v", d.Source, d.Meta)
	}
	for _, gone := range []string{"Home", "Business", "Opinion", "SpamBot99", "Reader42", "Comments", "All rights reserved"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("boilerplate %q is in the text:\n%s", gone, d.Text)
		}
	}
	paras := strings.Split(d.Text, "\n\n")
	if len(paras) != 3 {
		t.Fatalf("%d paragraphs, want 3:\n%s", len(paras), d.Text)
	}
	for i, want := range []string{
		"China has offered to help Iraq defeat Sunni extremists with support for air strikes, according to Ibrahim Jafari, Iraq’s foreign minister.",
		"Any Chinese assistance would be outside the US-led coalition. “[Mr Wang] said,",
		"“I welcomed this initiative.",
	} {
		if !strings.HasPrefix(paras[i], want) {
			t.Errorf("paragraph %d = %q, want it to start %q", i, paras[i], want)
		}
		if strings.Contains(paras[i], "  ") || strings.Contains(paras[i], "\n") {
			t.Errorf("paragraph %d has runs of spaces or line breaks: %q", i, paras[i])
		}
	}
	if d.ID != "" || d.Status != annotate.StatusTodo {
		t.Errorf("id %q status %q", d.ID, d.Status)
	}
}

func TestReadFileHTMLNoCanonical(t *testing.T) {
	page := `<html><head><title>Plain page</title></head><body><article>` +
		strings.Repeat("<p>A paragraph of article text that is long enough to count as content, with “quotes”.</p>", 6) +
		`</article></body></html>`
	recs, err := ReadFile("dir/page.HTM", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	d := recs[0].Document
	if d.Source != "page.HTM" || d.Title != "Plain page" || strings.Count(d.Text, "\n\n") != 5 {
		t.Errorf("source %q title %q text:\n%s", d.Source, d.Title, d.Text)
	}
}

func TestReadFileHTMLWindows1252(t *testing.T) {
	page := "<html><head><meta charset=windows-1252><title>Caf\xe9</title></head><body><article>" +
		"<p>caf\xe9 \x93quoted\x94 and more text here to make it an article.</p></article></body></html>"
	recs, err := ReadFile("old.htm", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if d := recs[0].Document; d.Title != "Café" || d.Text != "café “quoted” and more text here to make it an article." {
		t.Errorf("title %q text %q", d.Title, d.Text)
	}
}
