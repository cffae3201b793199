package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// variantTheme is the default theme forced to the light or dark variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color implements fyne.Theme.
func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// setVariant switches the whole app to the light or dark theme.
func (u *UI) setVariant(v fyne.ThemeVariant) {
	u.app.Settings().SetTheme(variantTheme{Theme: theme.DefaultTheme(), variant: v})
	name := "light"
	if v == theme.VariantDark {
		name = "dark"
	}
	u.app.Preferences().SetString(prefTheme, name)
}
