package analyzer

import "testing"

// TestJoinedConcurrent checks which contexts a joined context meets: what
// bounds its run (joinRoot) decides. A cycle of joins, which two
// goroutines that start and join each other make, answers "concurrent"
// and does not loop.
func TestJoinedConcurrent(t *testing.T) {
	caller := &goContext{kind: ctxCaller, name: "caller"}
	test1 := &goContext{kind: ctxTest, name: "test1"}
	test2 := &goContext{kind: ctxTest, name: "test2"}
	free := &goContext{kind: ctxGoroutine, name: "free"} // nothing joins it
	byCaller := &goContext{kind: ctxGoroutine, name: "byCaller", joinedBy: caller}
	byCaller2 := &goContext{kind: ctxGoroutine, name: "byCaller2", joinedBy: caller}
	byTest1 := &goContext{kind: ctxGoroutine, name: "byTest1", joinedBy: test1}
	byTest2 := &goContext{kind: ctxGoroutine, name: "byTest2", joinedBy: test2}
	nested := &goContext{kind: ctxGoroutine, name: "nested", joinedBy: byTest1}
	byFree := &goContext{kind: ctxGoroutine, name: "byFree", joinedBy: free}
	cycA := &goContext{kind: ctxGoroutine, name: "cycA"}
	cycB := &goContext{kind: ctxGoroutine, name: "cycB", joinedBy: cycA}
	cycA.joinedBy = cycB

	for _, tc := range []struct {
		x, y *goContext
		want bool
	}{
		{byCaller, caller, true},    // its parent, between start and join (outsideJoin narrows it)
		{byCaller, byCaller2, true}, // one thread's two spans may overlap only when nested; unknown here
		{byCaller, test1, false},    // the caller and the tests are one thread
		{byCaller, free, true},      // free may outlive whoever started it
		{byTest1, test2, false},     // tests run one after another
		{byTest1, byTest2, false},   // what two tests join
		{nested, test1, true},       // bounded by test1's run, through byTest1
		{nested, byTest2, false},    // and so not beside test2's
		{byFree, caller, true},      // bounded by free, which meets the caller
		{cycA, caller, true},        // a cycle of joins: unknown, concurrent
		{cycA, cycB, true},
	} {
		if got := concurrent(tc.x, tc.y); got != tc.want {
			t.Errorf("concurrent(%s, %s) = %v, want %v", tc.x.name, tc.y.name, got, tc.want)
		}
		if got := concurrent(tc.y, tc.x); got != tc.want {
			t.Errorf("concurrent(%s, %s) = %v, want %v", tc.y.name, tc.x.name, got, tc.want)
		}
	}
}
