package app

import (
	"testing"

	"claimdesk/annotate/format"
)

// TestEveryExportFormatIsDescribed: each format the registry writes has a
// description and a file name ending of its own in File → Export…, and
// the dialog describes no format the registry does not write.
func TestEveryExportFormatIsDescribed(t *testing.T) {
	names := format.WriterNames()
	ends := map[string]string{}
	for _, name := range names {
		if exportDescriptions[name] == "" {
			t.Errorf("%s has no description in the export dialog", name)
		}
		end := exportExtension(name)
		if other, ok := ends[end]; ok {
			t.Errorf("%s and %s both end in %s", name, other, end)
		}
		ends[end] = name
	}
	if len(exportDescriptions) != len(names) {
		t.Errorf("the dialog describes %d formats, the registry writes %d: %v", len(exportDescriptions), len(names), names)
	}
}
