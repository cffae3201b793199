package store

import "claimdesk/annotate"

// The errors of the store are *annotate.Error values, so that callers can
// tell them apart with annotate.ErrorCode. These helpers keep their wording
// the same everywhere.

func errReadOnly(path string) error {
	return annotate.Errorf(annotate.EREADONLY, "project %s is open read-only: changes are not allowed", path)
}

func errMissing(path string) error {
	return annotate.Errorf(annotate.ENOTFOUND, "project file %s does not exist", path)
}

func errFolder(path string) error {
	return annotate.Errorf(annotate.EINVALID, "This is a folder, not a Claimdesk project file: %s", path)
}

func errNoDocument(id string) error {
	return annotate.Errorf(annotate.ENOTFOUND, "no document %s in the project", id)
}

func errNoSpan(docID, spanID string) error {
	return annotate.Errorf(annotate.ENOTFOUND, "no span %s in document %s", spanID, docID)
}

func errUnknownLabel(label string, labels annotate.LabelSet) error {
	names := make([]string, len(labels))
	for i, l := range labels {
		names[i] = l.Name
	}
	return annotate.Errorf(annotate.EINVALID, "unknown label %q (the project's labels are %v)", label, names)
}

// errDamaged reports a value of the file that cannot be decoded.
func errDamaged(what string, err error) error {
	if err == nil {
		return annotate.Errorf(annotate.EINTERNAL, "damaged project file: %s", what)
	}
	return annotate.Errorf(annotate.EINTERNAL, "damaged project file: %s: %v", what, err)
}
