// Package user shares state of two packages between goroutines: one of // want package:`chanown\(module "example.com/app"; reported example.com/app/state.Mu; counts \)`
// its own module (reported) and one of a versioned third-party module
// (silent, DESIGN §4 and §5 "Modules").
package user

import (
	"example.com/other"

	"example.com/app/state"
)

// Own shares state.Counts between a goroutine and the caller.
func Own() { // want Own:`^chanown\(reads example.com/app/state.Counts \(reported\); writes example.com/app/state.Counts \(reported\); starts goroutine started in example.com/app/user.Own \(2 accesses\)\)$`
	state.Go(func() { state.Add("x") }) // want `^state.Mu guards state.Counts, shared by callers of exported functions and goroutine started in Own; give it one owner goroutine reached over a channel$`
	state.Counts["raw"] = 1             // want `^state.Counts written without holding state.Mu; goroutine started in Own also accesses it$`
}

// Foreign does the same with other.Counts. It exports no fact: facts
// describe only state of the package's own module.
func Foreign() {
	other.Go(func() { other.Add("x") }) // ok: other is a different, versioned module
	other.Counts["raw"] = 1             // ok: other is a different, versioned module
}
