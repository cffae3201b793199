package app

import "claimdesk/annotate/round"

// roundPackage is a project that can be a coder's package of a round
// (claimdesk assign writes them).
type roundPackage interface {
	Package() (round.Package, bool, error)
}

// packageOf returns the round's package p is, when it is one: the window
// is then titled with the round and the coder, whose name the spans made
// in it carry.
func packageOf(p Project) (round.Package, bool) {
	rp, ok := p.(roundPackage)
	if !ok {
		return round.Package{}, false
	}
	pkg, ok, err := rp.Package()
	if err != nil || !ok {
		return round.Package{}, false // a damaged record is collect's to report
	}
	return pkg, true
}

// sessionAnnotator is the name the spans made in p carry: the coder's in
// a round's package, else the window's.
func (u *UI) sessionAnnotator(p Project) string {
	if pkg, ok := packageOf(p); ok {
		return pkg.Coder
	}
	return u.annotatorName()
}

// projectTitle is the window's title for p: its file's name, after the
// round and coder for a round's package.
func projectTitle(p Project, base string) string {
	if pkg, ok := packageOf(p); ok {
		return "Claimdesk — " + pkg.Title() + " — " + base
	}
	return "Claimdesk — " + base
}
