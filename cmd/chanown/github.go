package main

import (
	"bufio"
	"fmt"
	"go/token"
	"io"
	"strings"

	"github.com/chanown/chanown/analyzer"
)

// writeGitHub writes findings and errs as GitHub Actions workflow
// commands, one line each, which the runner turns into annotations:
//
//	::notice file=sample/main.go,line=19,col=2,title=chanown [shared]::mu guards …
//	::warning file=sample/main.go,line=40,col=5,title=chanown [unguarded]::counts read without …
//	::error file=bad/bad.go,line=6,col=13,title=chanown::example.com/broken/bad: cannot use …
//
// Design advice (shared) is a notice, the race tier and directives are
// warnings, and errors are errors.
// File names are relative to root (the repository checkout, where the
// annotations attach); the related positions follow the message on lines
// of their own. Column numbers count UTF-16 code units, as the SARIF
// output does.
func writeGitHub(w io.Writer, root string, findings []finding, errs []driverError) error {
	bw := bufio.NewWriter(w)
	lines := sourceLines{}
	for _, e := range errs {
		writeCommand(bw, "error", root, e.posn, progname, e.msg, lines)
	}
	for _, f := range findings {
		var msg strings.Builder
		msg.WriteString(f.message)
		for _, r := range f.related {
			fmt.Fprintf(&msg, "\n\t%s: %s", githubPosition(root, r.posn), r.message)
		}
		title := progname
		if f.category != "" {
			title += " [" + f.category + "]"
		}
		kind := "warning"
		if analyzer.IsAdvice(f.category) {
			kind = "notice"
		}
		writeCommand(bw, kind, root, f.posn, title, msg.String(), lines)
	}
	return bw.Flush()
}

// writeCommand writes one workflow command, ::kind props::message.
func writeCommand(w io.Writer, kind, root string, posn token.Position, title, message string, lines sourceLines) {
	var props []string
	if posn.Filename != "" {
		name, _ := relativeTo(root, posn.Filename)
		props = append(props, "file="+escapeProperty(name))
		if posn.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", posn.Line))
			if posn.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", lines.utf16Column(posn.Filename, posn.Line, posn.Column)))
			}
		}
	}
	props = append(props, "title="+escapeProperty(title))
	fmt.Fprintf(w, "::%s %s::%s\n", kind, strings.Join(props, ","), escapeData(message))
}

// githubPosition formats a related position as "file:line:col", the
// file relative to root.
func githubPosition(root string, posn token.Position) string {
	if !posn.IsValid() {
		return "-"
	}
	posn.Filename, _ = relativeTo(root, posn.Filename)
	return posn.String()
}

// escapeData escapes a workflow command's message as the Actions runner
// expects (actions/toolkit, command.ts): '%', CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as
// escapeData, plus ':' and ',', which separate the properties.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
