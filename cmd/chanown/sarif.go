package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/chanown/chanown/analyzer"
)

// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/): only the
// properties chanown fills in. docs/integrations.md lists them, and
// TestSARIF checks a written list of the required ones.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// srcRoot is the uriBaseId of every file under the source root.
	srcRoot = "%SRCROOT%"
	// fingerprintKey names chanown's entry in partialFingerprints; the
	// "/v1" changes if the way it is computed ever does.
	fingerprintKey = "chanown/v1"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	Invocations        []sarifInvocation           `json:"invocations"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []sarifResult               `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Version        string      `json:"version,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifMessage      `json:"shortDescription"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleDefaults `json:"defaultConfiguration"`
}

type sarifRuleDefaults struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ExitCode                   int                 `json:"exitCode"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	ID               *int                   `json:"id,omitempty"`
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	Message          *sarifMessage          `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// categorySummaries gives each category's SARIF rule its short
// description. TestSARIFRules checks that every category has one.
var categorySummaries = map[string]string{
	analyzer.CategoryShared:     "Package-level state guarded by a mutex is shared by several goroutines",
	analyzer.CategoryUnguarded:  "A guarded global is accessed without holding its guard",
	analyzer.CategoryWrongLock:  "A global is accessed under a lock that is not its guard",
	analyzer.CategoryRLockWrite: "A guarded global is written while its guard is only read-held",
	analyzer.CategoryEscape:     "Guarded data leaves its critical section while still aliasing the global",
	analyzer.CategoryDirective:  "A //chanown: directive is malformed or suppresses nothing",
}

// sarifInput is what writeSARIF writes.
type sarifInput struct {
	root     string // source root: file names under it are relative to %SRCROOT%
	findings []finding
	errors   []driverError
	exitCode int
}

// writeSARIF writes in as a SARIF 2.1.0 log with one run to w.
func writeSARIF(w io.Writer, in sarifInput) error {
	lines := sourceLines{}
	rules, index := sarifRules(in.findings)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           progname,
			InformationURI: analyzer.URL,
			Version:        moduleVersion(),
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{{
			ExecutionSuccessful: len(in.errors) == 0,
			ExitCode:            in.exitCode,
		}},
		ColumnKind: "utf16CodeUnits",
		Results:    []sarifResult{}, // [] rather than null when clean
	}
	if in.root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{
			srcRoot: {URI: fileURI(in.root, true)},
		}
	}
	for _, e := range in.errors {
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: e.msg}}
		if e.posn.Filename != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: physicalLocation(in.root, e.posn, token.Position{}, lines)}}
		}
		run.Invocations[0].ToolExecutionNotifications = append(run.Invocations[0].ToolExecutionNotifications, n)
	}
	occurrences := map[string]int{}
	for _, f := range in.findings {
		rule := ruleID(f.category)
		res := sarifResult{
			RuleID:    rule,
			RuleIndex: index[rule],
			Level:     sarifLevel(f.category),
			Message:   sarifMessage{Text: f.message},
			Locations: []sarifLocation{{PhysicalLocation: physicalLocation(in.root, f.posn, f.end, lines)}},
		}
		for i, r := range f.related {
			id := i + 1
			loc := sarifLocation{ID: &id, Message: &sarifMessage{Text: r.message}}
			if r.posn.IsValid() {
				loc.PhysicalLocation = physicalLocation(in.root, r.posn, token.Position{}, lines)
			}
			res.RelatedLocations = append(res.RelatedLocations, loc)
		}
		fp := fingerprint(rule, res.Locations[0].PhysicalLocation.ArtifactLocation.URI, f.message)
		occurrences[fp]++
		res.PartialFingerprints = map[string]string{fingerprintKey: fp + ":" + strconv.Itoa(occurrences[fp])}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// ruleID returns the SARIF rule of a category; a diagnostic without one
// (none should exist) falls under the rule "chanown".
func ruleID(category string) string {
	if category == "" {
		return progname
	}
	return category
}

// sarifLevel returns the SARIF level of a category's findings: note for
// design advice (shared), warning for the race tier and directives.
func sarifLevel(category string) string {
	if analyzer.IsAdvice(category) {
		return "note"
	}
	return "warning"
}

// sarifRules returns one rule per analyzer category, in documentation
// order, plus one for any other category of findings, and each rule's
// index.
func sarifRules(findings []finding) ([]sarifRule, map[string]int) {
	ids := slices.Clone(analyzer.Categories)
	for _, f := range findings {
		if id := ruleID(f.category); !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	var rules []sarifRule
	index := map[string]int{}
	for i, id := range ids {
		summary, ok := categorySummaries[id]
		if !ok {
			summary = "chanown finding of category " + id
		}
		index[id] = i
		rules = append(rules, sarifRule{
			ID:                   id,
			Name:                 id,
			ShortDescription:     sarifMessage{Text: summary},
			HelpURI:              analyzer.URL + "#" + id,
			DefaultConfiguration: sarifRuleDefaults{Level: sarifLevel(id)},
		})
	}
	return rules, index
}

// physicalLocation returns the SARIF location of posn (and end, if
// valid and on the same file), relative to %SRCROOT% when under root.
func physicalLocation(root string, posn, end token.Position, lines sourceLines) *sarifPhysicalLocation {
	loc := &sarifPhysicalLocation{ArtifactLocation: artifactLocation(root, posn.Filename)}
	if posn.Line > 0 {
		r := &sarifRegion{StartLine: posn.Line}
		if posn.Column > 0 {
			r.StartColumn = lines.utf16Column(posn.Filename, posn.Line, posn.Column)
		}
		if end.Filename == posn.Filename && end.Line > 0 && end.Column > 0 &&
			(end.Line > posn.Line || end.Line == posn.Line && end.Column > posn.Column) {
			r.EndLine = end.Line
			r.EndColumn = lines.utf16Column(end.Filename, end.Line, end.Column)
		}
		loc.Region = r
	}
	return loc
}

// artifactLocation returns the location of file: a relative URI based on
// %SRCROOT% if the file is under root, else an absolute file URI.
func artifactLocation(root, file string) sarifArtifactLoc {
	if rel, ok := relativeTo(root, file); ok {
		return sarifArtifactLoc{URI: (&url.URL{Path: rel}).String(), URIBaseID: srcRoot}
	}
	if filepath.IsAbs(file) {
		return sarifArtifactLoc{URI: fileURI(file, false)}
	}
	return sarifArtifactLoc{URI: (&url.URL{Path: filepath.ToSlash(file)}).String()}
}

// fileURI returns the file: URI of the absolute path name, ending in a
// slash if dir (SARIF requires it of a base URI).
func fileURI(name string, dir bool) string {
	p := filepath.ToSlash(name)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter: file:///C:/...
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// fingerprint returns a hash of a finding's rule, file and message, but
// not its line or column, so that code scanning recognises the finding
// after edits above it. The caller appends ":n" for the n-th finding
// with the same hash, as GitHub's own line hashes do.
func fingerprint(rule, uri, message string) string {
	h := sha256.New()
	for _, s := range []string{rule, uri, message} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// moduleVersion returns the version of the chanown module this binary
// was built from, or "" for a development build.
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return ""
	}
	return info.Main.Version
}
