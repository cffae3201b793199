package app

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2/canvas"
)

// patternLine is a dashed, dotted, double or wavy underline drawn as one raster
// rather than a rectangle per dash: a crowded paragraph has hundreds of
// them, and each object drawn costs the GL driver a draw call and the
// memory it keeps while the frame is in flight. Pooled by the renderer.
type patternLine struct {
	raster *canvas.Raster
	look   patternLook
}

// patternLook is what a patternLine draws: in c, dashes dash long (in
// Fyne units) with gaps as long, thick high; or, when wavy, a zigzag of
// bars step long, alternately thick/2 above and below the line's middle
// (the raster is 2 × thick high, its middle that of the line); or, when
// double, two thin bars (the raster starts half a thin bar above the line).
type patternLook struct {
	c           color.NRGBA
	dash, thick float32
	wavy        bool
	double      bool // two bars thin high (see doubleThin), thick apart
}

// doubleThin is the height of each bar of a double underline thick high.
func doubleThin(thick float32) float32 { return float32(max(1, math.Floor(float64(thick)/2))) }

func newPatternLine() *patternLine {
	p := &patternLine{}
	p.raster = canvas.NewRaster(p.generate)
	p.raster.ScaleMode = canvas.ImageScalePixels
	return p
}

// generate draws the pattern into a w × h image, the raster's size in
// pixels.
func (p *patternLine) generate(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	size := p.raster.Size()
	if w <= 0 || h <= 0 || size.Width <= 0 {
		return img
	}
	scale := float64(w) / float64(size.Width)
	px := func(v float32) int { return int(math.Round(float64(v) * scale)) }
	fill := func(x0, y0, x1, y1 float32) {
		r := image.Rect(px(x0), px(y0), px(x1), px(y1)).Intersect(img.Rect)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				img.SetNRGBA(x, y, p.look.c)
			}
		}
	}
	l := p.look
	if l.double {
		t := doubleThin(l.thick)
		fill(0, 0, size.Width, t)
		fill(0, l.thick, size.Width, l.thick+t)
		return img
	}
	if l.wavy {
		step := 2*l.thick + 1
		for x, up := float32(0), true; x < size.Width; x, up = x+step, !up {
			y := l.thick // the bar below the middle
			if up {
				y = 0
			}
			fill(x, y, min(x+step, size.Width), y+l.thick)
		}
		return img
	}
	for x := float32(0); x < size.Width; x += 2 * l.dash {
		fill(x, 0, min(x+l.dash, size.Width), l.thick)
	}
	return img
}
