package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
)

// fullDiagnostic mirrors, field for field and in the same order, the
// diagnostic that golang.org/x/tools writes into a JSON tree
// (driverutil.JSONDiagnostic), so that decoding and encoding one gives
// back its bytes.
type fullDiagnostic struct {
	Category       string `json:"category,omitempty"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	} `json:"suggested_fixes,omitempty"`
	Related []struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	} `json:"related,omitempty"`
}

// jsonEdit is one text edit of a suggested fix in a JSON tree.
type jsonEdit struct {
	Filename string `json:"filename"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	New      string `json:"new"`
}

// sortFixEdits returns raw, a diagnostic of a JSON tree, with the edits
// of each suggested fix in file name and offset order.
//
// The analyzer sorts a fix's edits that way, but the x/tools checker
// sorts them again by token.Pos before printing (driverutil.ValidateFixes),
// and across files token.Pos follows the order in which go/packages
// happened to parse them, in parallel: the edits of a fix that spans two
// files came out in either order from run to run (mysql -exported, 1 run
// in 35). Insertions at one point keep their order (a stable sort).
// A diagnostic with fields this driver does not know is left as it is.
func sortFixEdits(raw json.RawMessage) json.RawMessage {
	var d fullDiagnostic
	if json.Unmarshal(raw, &d) != nil || len(d.SuggestedFixes) == 0 {
		return raw
	}
	sorted := true
	for _, f := range d.SuggestedFixes {
		sorted = sorted && slices.IsSortedFunc(f.Edits, compareEdits)
	}
	if sorted {
		return raw
	}
	// Only a diagnostic that encodes back to its own bytes is rewritten:
	// anything else holds fields that this mirror would drop.
	var compact bytes.Buffer
	if json.Compact(&compact, raw) != nil {
		return raw
	}
	if again, err := json.Marshal(d); err != nil || !bytes.Equal(again, compact.Bytes()) {
		return raw
	}
	for _, f := range d.SuggestedFixes {
		slices.SortStableFunc(f.Edits, compareEdits)
	}
	data, err := json.Marshal(d)
	if err != nil {
		return raw
	}
	return data
}

// compareEdits orders edits by file name, start and end offsets.
func compareEdits(a, b jsonEdit) int {
	return cmp.Or(
		cmp.Compare(a.Filename, b.Filename),
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.End, b.End),
	)
}
