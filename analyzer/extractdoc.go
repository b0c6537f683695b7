package analyzer

import (
	"fmt"
	"go/parser"
	"go/token"
	"strings"
)

// mustExtractDoc returns the documentation of the analyzer called name from
// the package doc comment in the Go source content: the text after the
// "# Analyzer name" heading, whose first line is "name: summary".
// It panics if the section is missing, since that is a build defect.
func mustExtractDoc(content, name string) string {
	doc, err := extractDoc(content, name)
	if err != nil {
		panic(err)
	}
	return doc
}

// extractDoc is mustExtractDoc returning an error.
func extractDoc(content, name string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return "", err
	}
	if f.Doc == nil {
		return "", fmt.Errorf("doc.go has no package doc comment")
	}
	text := f.Doc.Text()
	heading := "# Analyzer " + name
	i := strings.Index(text, heading+"\n")
	if i < 0 {
		return "", fmt.Errorf("doc.go has no %q heading", heading)
	}
	body := strings.TrimSpace(text[i+len(heading):])
	if end := strings.Index(body, "\n# "); end >= 0 {
		body = strings.TrimSpace(body[:end])
	}
	prefix := name + ": "
	if !strings.HasPrefix(body, prefix) {
		return "", fmt.Errorf("%s section of doc.go does not start with %q", heading, prefix)
	}
	return body[len(prefix):], nil
}
